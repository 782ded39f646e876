"""``easyread pictures``: the catalogue of pictures, as text, JSON and a page
that passes the accessibility audit."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from render.audit.html import check_html
from render.cli import main
from render.page.icons import ATTRIBUTION
from render.page.layouts import find_layout

ICONS = find_layout("booklet").icons


def _run(*args: str):
    return CliRunner().invoke(main, ["pictures", *args])


def test_json_lists_every_picture_with_its_mood_and_keywords_in_rule_order():
    result = _run("--format", "json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [p["name"] for p in listed] == sorted(ICONS.files)
    assert all(set(p) == {"name", "mood", "keywords"} for p in listed)
    by_name = {p["name"]: p for p in listed}
    assert by_name["worried-face"]["mood"] == "worry"
    assert "worried" in by_name["worried-face"]["keywords"]
    assert by_name["thumbs-up"]["mood"] == "good"
    for rule in ICONS.rules:
        assert set(rule.keywords) <= set(by_name[rule.icon]["keywords"])
    # no picture the rules never guess claims a keyword
    assert by_name["running-person"]["keywords"] == []


def test_text_is_one_line_a_picture():
    result = _run()
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(ICONS.files)
    assert re.match(
        r"worried-face\s+worry\s+.*\bworried\b",
        next(x for x in lines if x.startswith("worried-face ")),
    )


def test_the_page_shows_every_picture_and_passes_the_audit(tmp_path, browser):
    out = tmp_path / "pictures.html"
    result = _run("--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {out}"
    html = out.read_text(encoding="utf-8")
    shown = re.findall(r'data-picture="([^"]+)"', html)
    assert sorted(shown) == sorted(ICONS.files)
    assert html.count('<img src="data:image/svg+xml;base64,') == len(ICONS.files)
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert ATTRIBUTION in html
    for name in ("worried-face", "thumbs-up"):
        card = re.search(rf'data-picture="{name}".*?</li>', html).group(0)
        assert f"<dd>{ICONS.mood(name)}</dd>" in card
    findings, summary, _ = check_html(browser, out)
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity != "note"] == []


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    result = _run("--out", str(tmp_path / "missing" / "pictures.html"))
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_layout_is_exit_2():
    result = _run("--layout", "no-such-layout")
    assert result.exit_code == 2, result.output
