"""Every built PDF against the checks of ``easyread audit`` and its page.

tests/test_pdf.py has the PDF/UA-1 validator and the bookmarks; this file
adds pdfua, the structure tree (read with pikepdf, its text with poppler)
against the HTML page, figures, fonts, the title bar and reading order.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pdfua
import pikepdf
import pytest
from conftest import INSPECTIONS, require_tool

from render import load
from render.audit.pdf import check_pdf
from render.audit.pdf_structure import (
    bookmarks,
    is_embedded,
    page_text,
    read_structure,
    struct_elements,
    words_in,
)
from render.page import find_layout

pytestmark = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)
# "Page 1 of 4" in each language the bundled layouts have
PAGE_NUMBER = re.compile(r"^(?:Page \d+ of \d+|Tudalen \d+ o \d+)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _poppler():
    require_tool("pdfinfo")
    require_tool("pdftotext")


class Outline(HTMLParser):
    """The (level, text) of every h1-h6 in an HTML page, and its <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]|title", tag):
            self._in = tag
            if tag != "title":
                self.headings.append((int(tag[1]), ""))

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)


def _outline(built, source) -> Outline:
    parser = Outline()
    parser.feed((built / f"{source.stem}.html").read_text(encoding="utf-8"))
    return parser


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_pdfua_certain_checks_all_pass(built, source):
    report = pdfua.validate(str(built / f"{source.stem}.pdf"))
    assert len(report.outcomes) == len(pdfua.default_registry()) >= 12
    certain = [
        f"{f.rule_id}: {f.message}"
        for f in report.findings
        if f.confidence is pdfua.Confidence.CERTAIN
    ]
    assert certain == []


def test_structure_headings_match_the_html_outline_in_order(built, source):
    structure = read_structure(built / f"{source.stem}.pdf")
    in_pdf = [(h.level, _norm(h.text)) for h in structure.headings]
    in_html = [(level, _norm(text)) for level, text in _outline(built, source).headings]
    assert in_pdf == in_html
    assert in_pdf[0][0] == 1 and len(in_pdf) >= 5


def test_bookmarks_have_the_heading_levels(built, source):
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        marks = [(depth, _norm(title)) for depth, title in bookmarks(pdf)]
    in_html = [(level, _norm(text)) for level, text in _outline(built, source).headings]
    assert marks == in_html


def _standard_role(pdf, element) -> str:
    """The standard structure type of ``element``, through the role map."""
    role, role_map = str(element.S), pdf.Root.StructTreeRoot.get("/RoleMap", {})
    while role in role_map:
        role = str(role_map[role])
    return role


def test_every_figure_has_alt_text(built, source):
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        elements = [e for e, _ in struct_elements(pdf)]
        figures = [e for e in elements if _standard_role(pdf, e) == "/Figure"]
        missing = [str(e.get("/Alt", "")) for e in figures if not str(e.get("/Alt", "")).strip()]
    assert len(elements) > 100
    assert missing == []


def test_every_font_is_embedded(built, source):
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        fonts = {font.objgen: font for page in pdf.pages for _, font in page.Resources.Font.items()}
        assert fonts
        assert [str(f.BaseFont) for f in fonts.values() if not is_embedded(f)] == []


def test_the_title_bar_shows_the_html_title(built, source):
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        title = str(pdf.docinfo.Title)
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == title
    assert title == _norm(_outline(built, source).title)


def test_page_numbers_are_artifacts_not_content(built, source):
    path = built / f"{source.stem}.pdf"
    drawn = page_text(path)
    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
        in_artifacts = sum(_artifact_text_runs(page) for page in pdf.pages)
    language = load(source).inspection.language
    words = find_layout("booklet").translations(language).gettext("Page %(page)s of %(pages)s")
    expected = [words % {"page": n, "pages": pages} for n in range(1, pages + 1)]
    assert PAGE_NUMBER.findall(drawn) == expected
    assert in_artifacts >= pages
    tagged = " ".join(e.own_text for e in read_structure(path).elements)
    assert expected[0] not in tagged


def _artifact_text_runs(page) -> int:
    """How many text-showing operators sit inside /Artifact sequences."""
    stack, count = [], 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            stack.append(str(operands[0]))
        elif op == "EMC":
            stack.pop()
        elif op in ("Tj", "TJ", "'", '"') and "/Artifact" in stack:
            count += 1
    return count


def test_text_comes_out_in_reading_order(built, browser, source):
    path = built / f"{source.stem}.pdf"
    with browser.page(built / f"{source.stem}.html", 1280) as page:
        page.emulate_media(media="print")
        printed = words_in(page.evaluate("document.body.innerText"))
    structure = read_structure(path)
    drawn = _without(words_in(PAGE_NUMBER.sub("", page_text(path))), structure.figure_words())
    tagged = structure.words()
    assert len(printed) > 200  # the probe read the page
    assert drawn == printed
    assert tagged == printed


def _without(words: list[str], figures: list[list[str]]) -> list[str]:
    """``words`` less the text drawn inside each figure (a chart's labels).

    Poppler joins a figure's pieces of text without spaces ("8of22"), so a
    figure matches a run of drawn words with the same letters. The words are
    drawn in order: each figure is looked for after the previous one; one
    that is not found leaves ``words`` unchanged, and the comparison fails.
    """
    out, start = list(words), 0
    for figure in figures:
        target = "".join(figure)
        for i in range(start, len(out)):
            end, joined = i, ""
            while end < len(out) and len(joined) < len(target):
                joined += out[end]
                end += 1
            if target and joined == target:
                del out[i:end]
                start = i
                break
    return out


def test_the_whole_pdf_audit_finds_nothing(built, source):
    findings, summary = check_pdf(built / f"{source.stem}.pdf")
    assert summary["rules checked"] >= 120, summary
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        assert summary["pages"] == len(pdf.pages)
    could_not_run = [f for f in findings if f.message.startswith("pdfua could not run")]
    assert all(f.severity == "note" for f in could_not_run)
    assert [f"{f.rule}: {f.message}" for f in findings if f not in could_not_run] == []
