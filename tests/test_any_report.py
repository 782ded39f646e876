"""Any inspection or report: optional sections, words that cannot be false,
fixed words from the message catalogues, Welsh, and frameworks as data."""

from __future__ import annotations

import base64
import gettext
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import INSPECTIONS, ROOT, SAMPLE

from render import load
from render.cli import main
from render.errors import InputError
from render.page import find_layout
from render.page.drawings import draw_figures
from render.page.html import render_html

LOCALE = ROOT / "layouts" / "_base" / "locale"
OPEN, CLOSE = "\u27e6", "\u27e7"

MINIMAL = """\
title: What the report says
area: England
kind: A report about a year of checks
framework: annual-report
audience:
  min_age: 8
  max_age: 17
  who: This is for children who get help.
going_well:
  - Most homes are good.
"""


class Marking(gettext.NullTranslations):
    """A catalogue that marks every message it is asked for."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class _Text(HTMLParser):
    """Every piece of text a reader meets: text nodes and the attributes
    read out or shown (alt, title, aria-label, the meta description)."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self.images: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in {"style", "script"}:
            self._skip += 1
        for name in ("alt", "title", "aria-label"):
            if values.get(name):
                self.pieces.append(values[name])
        if tag == "meta" and values.get("name") == "description":
            self.pieces.append(values["content"])
        if tag == "img" and values.get("src", "").startswith("data:image/svg+xml"):
            self.images.append(values["src"])

    def handle_endtag(self, tag):
        if tag in {"style", "script"}:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.append(data)


def _strings(value) -> list[str]:
    """Every string, number and date in a model dump."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    if value is None or isinstance(value, bool):
        return []
    return [str(value)]


def _svg_text(src: str) -> list[str]:
    header, _, payload = src.partition(",")
    svg = (
        base64.b64decode(payload).decode() if ";base64" in header else urllib.parse.unquote(payload)
    )
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def _unmarked(html: str, document) -> list[str]:
    """The text of the page that is neither a message nor the data's own."""
    from render.model import markup
    from render.page.layouts import long_date

    parser = _Text()
    parser.feed(html)
    inspection = document.inspection
    data = _strings(inspection.model_dump()) + _strings(document.framework.model_dump())
    data += [markup.plain(s) for s in data]
    days = [inspection.published] if inspection.published else []
    days += [inspection.visit.start, inspection.visit.end] if inspection.visit else []
    data += [long_date(day, inspection.language) for day in days]
    known = sorted({" ".join(s.split()) for s in data if s.strip()}, key=len, reverse=True)
    # the text nodes of one element are split by the writer's bold words:
    # read the page as one text, each element's pieces joined as written
    page = " ".join("".join(parser.pieces).split())
    innermost = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
    while innermost.search(page):  # a message may hold another ("8 of 22, fewer than half")
        page = innermost.sub(" | ", page)
    for string in known:
        page = page.replace(string, " | ")
    left = [p.strip() for p in page.split("|") if re.search(r"[A-Za-z]{2,}", p)]
    # a drawing's lines are its words wrapped: each line is part of a message or of the data
    for src in parser.images:
        for line in _svg_text(src):
            line = " ".join(line.split())
            if OPEN not in line and not any(line in s for s in known):
                left.append(line)
    return left


@pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
def test_every_fixed_word_of_the_page_is_a_message(source, monkeypatch):
    layout = find_layout("booklet")
    document = load(source, layout)
    monkeypatch.setattr(type(layout), "translations", lambda self, language: Marking())
    html = render_html(document, layout, draw_figures(document, layout), reading_age=9)
    assert _unmarked(html, document) == []
    assert f'content: "{OPEN}Page " counter(page) " of " counter(pages) "{CLOSE}"' in html


def test_the_marking_finds_an_unmarked_word(monkeypatch, tmp_path):
    """The test above can fail: a template with one fixed English word is caught."""
    bundled = find_layout("booklet")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "layout.toml").write_text('name = "mine"\nstylesheets = ["base.css"]\n')
    main_html = (bundled.folder / "main.html").read_text()
    (folder / "main.html").write_text(
        main_html.replace("{% block main %}", "{% block main %}<p>Hello there</p>", 1)
    )
    layout = find_layout(str(folder))
    document = load(SAMPLE, layout)
    monkeypatch.setattr(type(layout), "translations", lambda self, language: Marking())
    html = render_html(document, layout, draw_figures(document, layout))
    assert _unmarked(html, document) == ["Hello there"]


def _catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_template_holds_every_message_of_the_layouts_and_the_page_stage():
    done = subprocess.run(
        [sys.executable, "scripts/messages.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_welsh_catalogue_has_every_message_with_its_marks():
    template = _catalogue(LOCALE / "messages.pot")
    welsh = _catalogue(LOCALE / "cy" / "LC_MESSAGES" / "messages.po")
    ids = [m.id for m in template if m.id]
    assert len(ids) > 50
    for msgid in ids:
        message = welsh.get(msgid)
        assert message is not None and message.string, f"no Welsh for {msgid!r}"
        assert not message.fuzzy, msgid
        marks = sorted(re.findall(r"%\(\w+\)s", msgid))
        assert sorted(re.findall(r"%\(\w+\)s", message.string)) == marks, msgid


def _build(tmp_path: Path, *files: Path, formats: str = "html,pdf"):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", *map(str, files), "--out", str(out), "--format", formats]
    )
    return result, out


def test_a_file_with_only_the_required_fields_builds_with_no_empty_heading(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL)
    result, out = _build(tmp_path, path)
    assert result.exit_code == 0, result.output
    assert "warning: talk_to: children reading this should know who they can talk to" in (
        result.output
    )
    html = (out / "minimal.html").read_text()
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", html)
    assert headings == ["What is going well?"]
    for false_line in (
        "full inspection report",
        "What did the inspectors find?",
        "Who checked",
        "does not give a grade",
        "Scan to read",
    ):
        assert false_line not in html
    assert "This is a short summary of a report about a whole year." in html
    assert (out / "minimal.pdf").stat().st_size > 1000


def test_check_warns_when_there_is_no_one_to_talk_to(tmp_path):
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: talk_to: children reading this should know who they can talk to: add talk_to"
        in (result.output)
    )


def test_a_summary_needs_at_least_one_section_of_findings(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text(MINIMAL.replace("going_well:\n  - Most homes are good.\n", ""))
    with pytest.raises(InputError) as caught:
        load(path)
    assert "there is nothing about what was found: add at least one of judgement, going_well" in (
        str(caught.value)
    )


def test_a_sentence_with_a_colon_gets_one_error_that_says_to_quote_it(tmp_path):
    path = tmp_path / "colon.yaml"
    path.write_text(
        MINIMAL.replace("  - Most homes are good.", "  - Ofsted says: most homes are good.")
    )
    with pytest.raises(InputError) as caught:
        load(path)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert str(problems[0]) == (
        f"{path}:10:5: error: going_well[0]: this sentence has ': ' in it, so it was read as "
        "'name: value'; put the whole sentence in quotes: - \"Ofsted says: most homes are good.\""
    )


def test_a_data_file_may_give_its_own_headings(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL + "headings:\n  going_well: The good news\n")
    result, out = _build(tmp_path, path, formats="html")
    assert result.exit_code == 0, result.output
    assert re.findall(r"<h2[^>]*>([^<]*)</h2>", (out / "mine.html").read_text()) == [
        "The good news"
    ]


def test_an_unknown_heading_is_refused_with_the_known_ones(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL + "headings:\n  goingwell: The good news\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert "unknown field 'goingwell' (did you mean 'going_well'?)" in str(caught.value)


def test_a_language_the_layout_has_no_words_for_is_refused_where_it_is_written(tmp_path):
    path = tmp_path / "fr.yaml"
    path.write_text(
        MINIMAL.replace("framework: annual-report", "framework: annual-report\nlanguage: fr")
    )
    with pytest.raises(InputError) as caught:
        load(path)
    assert f"{path}:5:1: error: language: the layout has no words for 'fr': it has cy, en" in (
        str(caught.value)
    )


def test_a_framework_without_text_in_the_summary_s_language_is_refused(tmp_path):
    path = tmp_path / "cy.yaml"
    path.write_text(
        MINIMAL.replace("framework: annual-report", "framework: annual-report\nlanguage: cy")
    )
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert "annual-report.yaml" in message
    assert "there is no text in 'cy' (the language of cy.yaml)" in message


WELSH = ROOT / "data" / "example-childrens-home-wales-cy.yaml"
ENGLISH = ROOT / "data" / "example-childrens-home-wales.yaml"


def test_a_welsh_and_english_pair_build_two_pages_that_link_to_each_other(tmp_path):
    result, out = _build(tmp_path, ENGLISH, WELSH, formats="html")
    assert result.exit_code == 0, result.output
    welsh = (out / "example-childrens-home-wales-cy.html").read_text()
    english = (out / "example-childrens-home-wales.html").read_text()
    assert '<html lang="cy">' in welsh
    assert (
        '<link rel="alternate" hreflang="en-GB" href="example-childrens-home-wales.html">' in welsh
    )
    assert "Read this in English</a>" in welsh
    assert (
        '<link rel="alternate" hreflang="cy" href="example-childrens-home-wales-cy.html">'
        in english
    )
    assert "Darllenwch hwn yn Gymraeg</a>" in english
    # the fixed words, the dates and the framework's words are Welsh
    for welsh_words in (
        "Beth sy'n mynd yn dda?",
        "12 Mai 2026",
        "Tudalen ",
        "Llesiant",
        "Rhagorol",
    ):
        assert welsh_words.replace("'", "&#39;") in welsh or welsh_words in welsh, welsh_words
    for english_words in ("What is going well?", "Well-being", "Excellent"):
        assert english_words not in welsh


def test_a_translation_must_be_a_file_beside_the_data_file(tmp_path):
    path = tmp_path / "pair.yaml"
    path.write_text(MINIMAL + "translations:\n  - language: cy\n    file: missing-cy.yaml\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert "translations[0].file: there is no file 'missing-cy.yaml' beside pair.yaml" in str(
        caught.value
    )


REPORT_CARD = """\
title: What the inspectors found
area: A school
kind: A school report card
framework: school-report-card-2025
audience:
  min_age: 7
  max_age: 11
  who: This is for the children at the school.
judgement:
  parts:
    - area: inclusion
      grade: strong-standard
"""


def test_a_report_card_needs_every_area_all_schools_have_and_the_safeguarding_result(tmp_path):
    path = tmp_path / "card.yaml"
    path.write_text(REPORT_CARD + "    - area: inclusoin\n      grade: expected-standard\n")
    with pytest.raises(InputError) as caught:
        load(path)
    message = str(caught.value)
    assert "add 'safeguarding: met' or 'safeguarding: not-met'" in message
    assert (
        "'inclusoin' is not an area of 'school-report-card-2025' (did you mean 'inclusion'?)"
        in (message)
    )
    assert "gets a grade for curriculum-and-teaching, achievement" in message
    assert "early-years" not in message.split("gets a grade for")[1].split("\n")[0]


def test_the_report_card_page_shows_each_area_with_its_grade_and_safeguarding(built):
    html = (built / "example-school-report-card.html").read_text()
    assert "What grades did the school get?" in html
    assert "<strong>Coming to school and behaving well</strong>: Needs attention." in html
    assert "Keeping children safe:" in html and '<strong class="grade">Met</strong>' in html
    assert "This is an example. It is not about a real place." in html


def test_an_example_says_so_in_its_name(tmp_path):
    path = tmp_path / "riverside.yaml"
    path.write_text(MINIMAL + "example: true\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert "rename riverside.yaml to example-riverside.yaml" in str(caught.value)
    named = tmp_path / "example-riverside.yaml"
    named.write_text(MINIMAL)
    with pytest.raises(InputError) as caught:
        load(named)
    assert "add 'example: true'" in str(caught.value)


def test_every_data_file_is_true_about_its_kind_of_document(built):
    """An annual report never says an inspector visited or graded it."""
    annual = (built / "ofsted-social-care-annual-report-2016.html").read_text()
    assert "full inspection report" not in annual
    assert "What did the inspectors find?" not in annual
    assert "Who wrote the report" in annual
    assert "does not give a grade" not in annual


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("example-school-report-card", "The more boxes are filled in, the better the grade."),
        ("example-childrens-home-wales-cy", "Po fwyaf o flychau sydd wedi'u llenwi"),
        ("ofsted-social-care-annual-report-2016", None),
    ],
)
def test_the_meters_meaning_is_in_words_beside_the_parts(name, key):
    """A sighted reader is told what the filled boxes mean (not only the alt
    text), in the page's language, over the parts; no parts, no key."""
    layout = find_layout("booklet")
    document = load(ROOT / "data" / f"{name}.yaml", layout)
    html = render_html(document, layout, draw_figures(document, layout))
    keys = re.findall(r'<p class="meter-key">([^<]*)</p>\s*<ul class="part-grades">', html)
    if key is None:
        assert keys == [] and 'class="meter-key"' not in html
    else:
        assert len(keys) == 1 and key in keys[0].replace("&#39;", "'"), keys
