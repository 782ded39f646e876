"""Issue 14: only the prose of anyone's documents is checked, and names and
word forms are not hard words. Each test is a defect the issue measured:
the input that showed it and the finding (or absence of one) that is right.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from render.cli import main
from render.readability.check import check_paths
from render.readability.documents import html_units
from render.readability.markdown import markdown_units
from render.readability.sentences import split_sentences
from render.settings import Settings

EASY = "We came to see you. We met the team. They were kind to us."


def check(tmp_path: Path, name: str, text: str, *args: str) -> dict:
    """``easyread check --format json`` of one file: its file report."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    [report] = json.loads(result.output)["files"]
    report["exit_code"] = result.exit_code
    return report


def rules(report: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in report["findings"]]


def grade(report: dict) -> float:
    return report["summary"]["document"]["scores"]["flesch_kincaid_grade"]


# --- HTML: only the main content ------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head><title>Comprehensive Departmental Accessibility Information Statement</title></head>
<body>
<a href="#main" class="skip">Skip to main content</a>
<div class="cookie-banner"><p>We use essential cookies and optional analytics cookies to
understand how you use this government service, remember your preferences and improve
our communications.</p></div>
<header><nav><ul><li>Organisational responsibilities</li><li>Consultations and
publications</li></ul></nav></header>
<main id="main">
<h1>Our visit</h1>
<p>{EASY}</p>
</main>
<footer><p>Information regarding accessibility, copyright, cookies and our privacy
notice is available on the departmental website.</p></footer>
</body></html>
"""


def test_html_title_skip_link_cookie_banner_menu_and_footer_are_not_prose(tmp_path):
    # before: grade 13.1, 'Comprehensive' (the title) a plain-words finding, the
    # cookie banner a 23-word sentence; the page failed
    report = check(tmp_path, "page.html", PAGE)
    texts = [s["text"] for s in report["summary"]["sentences"]]
    assert texts == ["Our visit", *split_text(EASY)]
    assert report["passed"] and report["exit_code"] == 0
    assert grade(report) < 0
    assert rules(report) == []


def split_text(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_whole_page_counts_everything(tmp_path):
    report = check(tmp_path, "page.html", PAGE, "--whole-page")
    texts = " ".join(s["text"] for s in report["summary"]["sentences"])
    for words in ("Comprehensive Departmental", "Skip to main content", "essential cookies"):
        assert words in texts
    assert not report["passed"] and report["exit_code"] == 1


def test_html_without_main_drops_nav_header_footer_aside_and_hidden_parts():
    page = (
        "<body><header>Organisational announcements</header><nav>Consultations</nav>"
        "<p>We met the team.</p><aside>Departmental publications</aside>"
        '<div hidden>Administrative notices</div><div aria-hidden="true">Decorative</div>'
        '<div role="navigation">Organisational</div><footer>Accessibility</footer></body>'
    )
    assert [u.text for u in html_units(page)] == ["We met the team."]


def test_html_role_main_and_a_header_inside_main():
    page = (
        '<body><nav>Menu</nav><div role="main"><header><h1>Our visit</h1></header>'
        "<p>We met the team.</p></div><footer>Contact</footer></body>"
    )
    assert [u.text for u in html_units(page)] == ["Our visit", "We met the team."]


# --- Markdown: a CommonMark parser ---------------------------------------------

MARKDOWN = f"""---
title: Our visit
author: Configuration Administrator
---

# Our visit

{EASY}

    configuration = InitialiseApplicationConfiguration(environment_variables)

Run `InitialiseApplicationConfiguration --organisational-parameters` to start.

<!-- Administrative note: regenerate documentation after organisational reconfiguration. -->

See [the guide][guide].

[guide]: https://example.org/organisational-documentation "Organisational documentation"

```
fenced = ConfigurationAdministrator()
```

![A girl plays with her dog in the park.](dog.png)
"""


def test_markdown_code_front_matter_comments_and_link_definitions_are_not_prose(tmp_path):
    # before: the indented code block was a sentence (grade 13.9, 5 hard words)
    report = check(tmp_path, "code.md", MARKDOWN)
    texts = [s["text"] for s in report["summary"]["sentences"]]
    assert texts == [
        "Our visit",
        *split_text(EASY),
        "Run to start.",
        "See the guide.",
        "A girl plays with her dog in the park.",  # a picture's alt text is prose
    ]
    assert rules(report) == []
    assert report["passed"]


def test_one_indented_code_block_no_longer_turns_a_pass_into_a_fail(tmp_path):
    text = f"{EASY}\n\n    organisational_configuration = administrative_reconfiguration()\n"
    assert check(tmp_path, "a.md", text)["passed"]
    assert check(tmp_path, "b.md", EASY + "\n")["passed"]


def test_markdown_units_keep_kinds_lines_and_italics():
    units = markdown_units(
        "# Title\n\n- one *item* here\n- two\n\n| a | b |\n|---|---|\n| c | d |\n"
    )
    assert [(u.kind, u.text) for u in units] == [
        ("heading", "Title"),
        ("item", "one item here"),
        ("item", "two"),
        ("cell", "a"),
        ("cell", "b"),
        ("cell", "c"),
        ("cell", "d"),
    ]
    item = units[1]
    assert item.where(0) == (3, 3)
    assert [item.text[a:b] for a, b in item.emphasis] == ["item"]


def test_plain_text_indented_lines_are_prose():
    units = markdown_units("    We met the team.\n", kind="text")
    assert [u.text for u in units] == ["We met the team."]


# --- emoji ---------------------------------------------------------------------


def test_emoji_never_join_sentences(tmp_path):
    # before: six sentences read as one of 18 words: "18 words: reading-age-9 allows 15"
    text = "✅ We play games ✅ We eat lunch ✅ We read books ✅ We go out ✅ We see friends"
    text += " ✅ We sleep\n"
    report = check(tmp_path, "emoji.md", text)
    assert len(report["summary"]["sentences"]) == 6
    assert report["passed"] and rules(report) == []


def test_emoji_after_a_full_stop_does_not_hide_the_next_sentence():
    text = "We play. 🎲 We eat. 😀 we rest"
    assert split_text(text) == ["We play.", "🎲 We eat. 😀 we rest"]
    assert split_text("I love 🍕 pizza.") == ["I love 🍕 pizza."]


# --- names and word forms -------------------------------------------------------

NAMES = """# Where we went

- Kensington has big parks for children.
- We looked at the Local Safeguarding Children Board and how it works.
- The children understood what we said.
"""


def test_names_and_word_forms_are_not_hard_words(tmp_path):
    # before: 'Kensington' a hard word (3:3), 'Safeguarding' swapped for plain words
    # inside the Board's name (4:26), 'understood' a hard word (5:16)
    report = check(tmp_path, "names.md", NAMES)
    assert rules(report) == []


def test_a_name_used_inside_a_sentence_is_a_name_at_the_start_of_one(tmp_path):
    text = "- Middlesbrough has parks.\n\nWe went to Middlesbrough.\n"
    assert rules(check(tmp_path, "a.md", text)) == []


def test_plain_words_still_fire_outside_names(tmp_path):
    report = check(tmp_path, "a.md", "Social workers help with safeguarding.\n")
    assert [r for r, _ in rules(report) if r != "reading-target"] == ["plain-words"]


def test_hard_sentence_tips_name_only_unfamiliar_words(tmp_path):
    # before: "use shorter words than 'Everybody', 'family', 'important'"
    text = (
        "Everybody in the family said it was important to stay together, "
        "and the family remembered every opportunity.\n"
    )
    report = check(tmp_path, "a.md", text)
    [tip] = [f["suggestion"] for f in report["findings"] if f["rule"] == "hard-sentence"]
    assert tip.startswith("use shorter words than 'opportunity' ")


def test_one_word_gets_one_finding(tmp_path):
    # before: 'required' was both a hard word and a plain-words finding;
    # '*NEVER*' was in capitals and in italics: two emphasis findings
    report = check(tmp_path, "a.md", "Help is required. You must *NEVER* go.\n")
    found = [(f["rule"], f["col"]) for f in report["findings"] if f["rule"] != "passive-voice"]
    assert found == [("plain-words", 9), ("emphasis", 29)]


def test_check_paths_passes_whole_page(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    main_only = check_paths([page], Settings()).reports[0]
    whole = check_paths([page], Settings(), whole_page=True).reports[0]
    assert len(whole.summary["sentences"]) > len(main_only.summary["sentences"])


def test_no_number_rule_inside_a_name(tmp_path):
    report = check(tmp_path, "a.md", "Five Rivers Trust runs the home. We saw three rooms.\n")
    found = [(f["rule"], f["message"]) for f in report["findings"] if f["rule"] == "numbers"]
    assert found == [("numbers", "'three' is a number written as a word")]
