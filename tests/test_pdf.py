"""PDF properties, read from the files themselves."""

from __future__ import annotations

import base64
import html as html_module
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import page
import pikepdf
import pytest
from conftest import INSPECTIONS, require_tool
from pydantic import AnyUrl, BaseModel

from render import load
from render.audit.pdf_structure import words_in
from render.model.markup import plain

pytestmark = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)


def _pdf(built, source):
    return built / f"{source.stem}.pdf"


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


# Fields that name something (an icon, a grade, a file) or describe a picture
# for a screen reader: they are not printed as they are written.
NOT_PRINTED = {"target", "language", "framework", "icon", "grade", "overall", "file", "alt"}
PAGE_NUMBER = re.compile(r"^(?:Page \d+ of \d+|Tudalen \d+ o \d+)$", re.MULTILINE)
SHOWN = {"header", "main", "footer"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def _written(value, name: str = ""):
    """Every piece of text in a validated model, found by walking its fields."""
    if isinstance(value, BaseModel):
        for field in type(value).model_fields:
            if field not in NOT_PRINTED:
                yield from _written(getattr(value, field), field)
    elif isinstance(value, tuple):
        for item in value:
            yield from _written(item, name)
    elif isinstance(value, str | AnyUrl):
        yield plain(str(value))


class PageText(HTMLParser):
    """The words a page shows in its header, main and footer, in order;
    each SVG picture's drawn text as one ``Counter`` (its words may be drawn
    in any order). Hidden and aria-hidden elements are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str | Counter] = []
        self._open: list[tuple[str, bool]] = []

    def _shown(self) -> bool:
        tags = {tag for tag, _ in self._open}
        return (
            bool(tags & SHOWN)
            and not tags & {"style", "script"}
            and not any(hidden for _, hidden in self._open)
        )

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        src = attributes.get("src") or ""
        if tag == "img" and src.startswith("data:image/svg+xml;base64,") and self._shown():
            self.words.append(Counter(words_in(" ".join(_drawn_text(src)))))
        if tag not in VOID:
            self._open.append((tag, hidden))

    def handle_endtag(self, tag):
        while self._open and self._open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self._shown():
            self.words += words_in(data)


def _drawn_text(src: str) -> list[str]:
    svg = ET.fromstring(base64.b64decode(src.split(",", 1)[1]))
    return [e.text or "" for e in svg.iter() if e.tag.rsplit("}", 1)[-1] not in ("title", "desc")]


def _pdf_text(path) -> str:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    return PAGE_NUMBER.sub("", text)


def test_pdf_is_tagged_with_language_and_title(built, source):
    inspection = load(source).inspection
    with pikepdf.open(_pdf(built, source)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == inspection.language
        assert str(pdf.docinfo.Title) == inspection.title
        assert pdf.pdf_version == "1.7"


def test_pdf_embeds_only_our_fonts(built, source):
    pdffonts = require_tool("pdffonts")
    out = subprocess.run(
        [pdffonts, _pdf(built, source)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, "the PDF has no fonts"
    for row in rows:
        name, *_ = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Atkinson-Hyperlegible(-Bold)?", name), row
        assert " yes yes yes " in row, f"not embedded as a subset with Unicode: {row}"


def test_every_sentence_written_is_in_the_pdf(built, source):
    flat = _normalise(_pdf_text(_pdf(built, source)))
    document = load(source)
    # a graded part named by the framework's area id shows the area's name instead
    ids = {a.id for a in document.framework.areas}
    sentences = [t for t in _written(document.inspection) if t not in ids]
    assert len(sentences) > 15  # the probe read the page
    assert [t for t in sentences if _normalise(t) not in flat] == []


def test_the_pdf_text_is_the_page_text_in_the_same_order(built, source):
    page = PageText()
    page.feed((built / f"{source.stem}.html").read_text(encoding="utf-8"))
    in_pdf = words_in(_pdf_text(_pdf(built, source)))
    in_html, at = [], 0
    for item in page.words:  # a picture's words in the PDF's order, if they are its
        if isinstance(item, Counter):
            size = item.total()
            window = in_pdf[at : at + size]
            in_html += window if Counter(window) == item else sorted(item.elements())
            at += size
        else:
            in_html.append(item)
            at += 1
    assert len(in_html) > 200  # the probe read the page
    assert in_pdf == in_html


def test_pdf_passes_pdf_ua_1_validator(built, source):
    report = page.validate_pdf(_pdf(built, source), profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.rules.total >= 100
    assert report.is_compliant, failures


def test_pdf_bookmarks_follow_the_html_headings(built, source):
    html = (built / f"{source.stem}.html").read_text(encoding="utf-8")
    headings = [
        _normalise(html_module.unescape(re.sub(r"<[^>]+>", "", h)))
        for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)
    ]
    with pikepdf.open(_pdf(built, source)) as pdf, pdf.open_outline() as outline:
        titles = list(_titles(outline.root))
    assert titles == headings
    assert len(titles) >= 3


def _titles(items):
    for item in items:
        yield item.title
        yield from _titles(item.children)


def _text_sizes_in_points(pdf_path) -> Counter:
    """How often each font size (in pt, as printed) is set, over every page.

    The size a reader sees is the ``Tf`` size scaled by the text matrix and
    every ``cm`` in force: WeasyPrint draws the page in CSS pixels (a scale
    of 0.75) and the text of an SVG drawing under the drawing's own scale.
    """
    sizes: Counter = Counter()
    with pikepdf.open(pdf_path) as pdf:
        for pdf_page in pdf.pages:
            ctm, saved, text_matrix, size = _IDENTITY, [], _IDENTITY, 0.0
            for operands, operator in pikepdf.parse_content_stream(pdf_page):
                op = str(operator)
                if op == "q":
                    saved.append(ctm)
                elif op == "Q":
                    ctm = saved.pop()
                elif op == "cm":
                    ctm = _multiply([float(v) for v in operands], ctm)
                elif op == "BT":
                    text_matrix = _IDENTITY
                elif op == "Tm":
                    text_matrix = [float(v) for v in operands]
                elif op == "Tf":
                    size = float(operands[1])
                elif op in {"Tj", "TJ", "'", '"'}:
                    a, b, c, d, _, _ = _multiply(text_matrix, ctm)
                    sizes[round(size * abs(a * d - b * c) ** 0.5, 1)] += 1
    return sizes


_IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _multiply(m, n):
    """The PDF matrix product m x n: m applied first, then n."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def test_body_text_is_at_least_16pt_and_nothing_under_14pt(built, source):
    sizes = _text_sizes_in_points(_pdf(built, source))
    body_size, _ = sizes.most_common(1)[0]
    assert body_size >= 16
    assert min(sizes) >= 14, sizes


def test_pdf_lines_are_at_most_about_60_characters(built, source):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", _pdf(built, source), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    longest = max(text.splitlines(), key=len)
    assert len(longest) <= 65, longest
