"""The letter layout (layouts/letter/): a letter to the children from the
inspectors, 1 or 2 A4 pages for every file in data/, every sentence true of
its document, PDF/UA-1 and axe-clean at 320 and 1280 px."""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess

import page as page_validation
import pytest
from conftest import DATA, INSPECTIONS, require_tool
from test_pdf import _text_sizes_in_points

from render import build
from render.audit.html import DESKTOP, PHONE, axe_findings, check_html, run_axe

ANNUAL = DATA / "ofsted-social-care-annual-report-2016.yaml"
WELSH = DATA / "example-childrens-home-wales-cy.yaml"
HOME = DATA / "example-childrens-home.yaml"
JTAI = DATA / "stockton-2018-jtai.yaml"
by_file = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """Every file in data/ built once as a letter, HTML and PDF."""
    out = tmp_path_factory.mktemp("letters")
    results = build(INSPECTIONS, out, layout="letter")
    assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
    return out


def _text(letters, source) -> str:
    """The page's words as a reader sees them, tags left out, spaces joined."""
    page = (letters / f"{source.stem}.html").read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _pages(pdf) -> int:
    info = subprocess.run(
        [require_tool("pdfinfo"), pdf], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])


def _page_text(pdf, number: int) -> list[str]:
    text = subprocess.run(
        [require_tool("pdftotext"), "-f", str(number), "-l", str(number), "-layout", pdf, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@by_file
def test_every_letter_is_1_or_2_a4_pages(letters, source):
    assert 1 <= _pages(letters / f"{source.stem}.pdf") <= 2


@by_file
def test_no_page_ends_with_a_heading(letters, source):
    pdf = letters / f"{source.stem}.pdf"
    page = (letters / f"{source.stem}.html").read_text(encoding="utf-8")
    headings = {
        " ".join(html_module.unescape(re.sub(r"<[^>]+>", "", h)).split())
        for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page, re.S)
    }
    for number in range(1, _pages(pdf)):
        lines = _page_text(pdf, number)
        assert lines[-2] not in headings, (number, lines[-3:])  # the last is "Page 1 of 2"


@by_file
def test_body_text_is_at_least_16pt(letters, source):
    sizes = _text_sizes_in_points(letters / f"{source.stem}.pdf")
    assert sizes.most_common(1)[0][0] >= 16
    assert min(sizes) >= 14, sizes


@by_file
def test_a_left_out_point_is_counted_never_dropped_silently(letters, source):
    """ "Here are 2 of the 15 good things": 2 shown, 15 in the data."""
    from render import load

    inspection = load(source).inspection
    page = (letters / f"{source.stem}.html").read_text(encoding="utf-8")
    lists = {
        "good": inspection.going_well,
        "better": inspection.to_improve,
        "next": inspection.next_steps,
    }
    for kind, points in lists.items():
        found = re.search(rf'<ul class="points points-{kind}">(.*?)</ul>', page, re.S)
        if not points:
            assert found is None
            continue
        shown = found[1].count('<li class="point">')
        assert 1 <= shown <= len(points)
        before = page[: found.start()]
        said = re.findall(r'<p class="how-many">([^<]*)</p>', before[-400:])
        if shown < len(points):
            assert said and f"{len(points)}" in said[-1] and (f"{shown} " in said[-1]), kind
        else:
            assert not said, kind


def test_the_letter_greets_the_children_and_is_signed_by_the_inspectorate(letters):
    text = _text(letters, HOME)
    assert "Dear children and young people," in text
    assert "We are the inspectors from Ofsted." in text
    assert "We visited from 10 March 2026 to 11 March 2026." in text
    assert text.index("Best wishes, The inspectors from Ofsted") > text.index("Who can I talk to?")
    assert "This is an example. It is not about a real place." in text
    assert "Our grade is: Good ." in text


def test_a_joint_inspection_speaks_as_every_inspectorate_and_names_no_one(letters):
    text = _text(letters, JTAI)
    who = (
        "Ofsted, Care Quality Commission, Her Majesty's Inspectorate of Probation "
        "and Her Majesty's Inspectorate of Constabulary"
    )
    assert f"We are the inspectors from {who}." in text
    assert text.endswith(
        f"Best wishes, The inspectors from {who} Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0"
    )
    assert "We do not give a grade for this kind of inspection." in text
    assert "example" not in text.lower()  # a real report


def test_the_annual_report_is_a_report_not_a_visit(letters):
    text = _text(letters, ANNUAL)
    assert "A letter about our report" in text
    assert "We are Ofsted. Each year, we write a report about our checks." in text
    assert "What our report says" in text
    assert "We write a report like this every year." in text  # what happens next
    assert text.endswith("Best wishes, From Ofsted Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0")
    for untrue in ("visited", "inspectors from", "grade", "What we found", "example"):
        assert untrue not in text, untrue
    # no one to talk to in the data: the letter still says who
    assert "If anything in this letter worries you, talk to an adult you trust." in text


def test_the_welsh_letter_is_all_welsh(letters):
    page = (letters / f"{WELSH.stem}.html").read_text(encoding="utf-8")
    assert '<html lang="cy">' in page
    text = _text(letters, WELSH)
    assert "Annwyl blant a phobl ifanc," in text
    assert "Ni yw'r arolygwyr o Arolygiaeth Gofal Cymru." in text
    assert "Yr arolygwyr o Arolygiaeth Gofal Cymru" in text
    assert "Buon ni'n ymweld o 12 Mai 2026 i 13 Mai 2026." in text
    english = re.compile(
        r"\b(Dear|We are|We visited|Thank you|Best wishes|Here (?:are|is)|letter|"
        r"inspectors|What we found|Our grades?)\b"
    )
    # the one English line is the link to the English letter, marked lang="en-GB"
    welsh_only = text.replace("Read this in English", "")
    assert english.findall(welsh_only) == []


def test_the_writer_can_give_the_greeting_and_the_inspectors_names(tmp_path):
    source = tmp_path / "example-home.yaml"
    text = HOME.read_text(encoding="utf-8")
    source.write_text(
        text + "\nletter:\n  greeting: Dear Sam and friends,\n"
        "  signed_by:\n    - Alex Jones\n    - Priya Shah\n",
        encoding="utf-8",
    )
    shutil.copytree(DATA / "frameworks", tmp_path / "frameworks")
    (result,) = build([source], tmp_path / "out", layout="letter", formats=["html"])
    assert result.ok, result.error
    page = (tmp_path / "out" / "example-home.html").read_text(encoding="utf-8")
    words = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Dear Sam and friends," in words
    assert "Dear children and young people," not in words
    assert "Best wishes, Alex Jones Priya Shah The inspectors from Ofsted" in words


@by_file
def test_the_letter_passes_pdf_ua_1(letters, source):
    report = page_validation.validate_pdf(letters / f"{source.stem}.pdf", profile="ua1")
    assert report.rules.total >= 100
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]


@by_file
def test_axe_finds_nothing_at_1280_px(letters, browser, source):
    findings, _, _ = check_html(browser, letters / f"{source.stem}.html")
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"] == []
    assert DESKTOP == 1280


@by_file
def test_axe_finds_nothing_at_320_px_and_nothing_scrolls_sideways(letters, browser, source):
    path = letters / f"{source.stem}.html"
    with browser.page(path, PHONE) as page:
        axe = run_axe(page)
        width = page.evaluate("document.documentElement.scrollWidth")
    findings = axe_findings(path, axe["results"], axe["rules"])
    assert [f"{f.rule}: {f.message}" for f in findings] == []
    assert width <= PHONE


@by_file
def test_every_fixed_word_of_the_letter_is_a_message(source, monkeypatch):
    """As test_any_report does for the booklet: no English left in a template."""
    from test_any_report import Marking, _unmarked

    from render import load
    from render.page import draw_figures, find_layout, render_html

    layout = find_layout("letter")
    document = load(source, layout)
    monkeypatch.setattr(type(layout), "translations", lambda self, language: Marking())
    html = render_html(document, layout, draw_figures(document, layout), reading_age=9)
    assert _unmarked(html, document) == []
