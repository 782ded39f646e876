"""PDF properties, read from the files themselves."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import page
import pikepdf
import pytest
from conftest import INSPECTIONS, require_tool

from render import load
from render.text import plain

pytestmark = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)


def _pdf(built, source):
    return built / f"{source.stem}.pdf"


def _normalise(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def _sentences_in_order(inspection) -> list[str]:
    """Every piece of text the writer wrote, in the order the page shows it."""
    out: list[str] = [inspection.title]
    out += [p.text for p in inspection.about]
    if inspection.judgement:
        out.append(inspection.judgement.what)
    for points in (inspection.going_well, inspection.to_improve, inspection.facts,
                   inspection.next_steps):
        out += [p.text for p in points]
    if inspection.reply:
        out += [inspection.reply.who] + [p.text for p in inspection.reply.said]
    for contact in inspection.talk_to:
        out += [contact.who, contact.how]
    out += [str(inspection.full_report.url)]
    for word in inspection.glossary:
        out += [word.word, word.meaning]
    return [plain(t) for t in out]


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
    out = subprocess.run([pdffonts, _pdf(built, source)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "the PDF has no fonts"
    for row in rows:
        name, *_ = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Atkinson-Hyperlegible(-Bold)?", name), row
        assert " yes yes yes " in row, f"not embedded as a subset with Unicode: {row}"


def test_every_sentence_is_in_the_pdf_text_in_order(built, source):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, "-enc", "UTF-8", _pdf(built, source), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = _normalise(text)
    position = 0
    for sentence in _sentences_in_order(load(source).inspection):
        found = flat.find(_normalise(sentence), position)
        assert found >= 0, f"missing or out of order in the PDF text: {sentence!r}"
        position = found


def test_pdf_passes_pdf_ua_1_validator(built, source):
    report = page.validate_pdf(_pdf(built, source), profile="ua1")
    failures = [f"{f.rule_id}: {f.message}" for f in report.failures]
    assert report.rules.total >= 100
    assert report.is_compliant, failures


def test_pdf_bookmarks_follow_the_html_headings(built, source):
    html = (built / f"{source.stem}.html").read_text(encoding="utf-8")
    headings = [_normalise(re.sub(r"<[^>]+>", "", h))
                for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)]
    with pikepdf.open(_pdf(built, source)) as pdf, pdf.open_outline() as outline:
        titles = list(_titles(outline.root))
    assert titles == headings
    assert "What did the inspectors find?" in titles


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
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def test_body_text_is_at_least_16pt_and_nothing_under_14pt(built, source):
    sizes = _text_sizes_in_points(_pdf(built, source))
    body_size, _ = sizes.most_common(1)[0]
    assert body_size >= 16
    assert min(sizes) >= 14, sizes


def test_pdf_lines_are_at_most_about_60_characters(built, source):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, "-enc", "UTF-8", _pdf(built, source), "-"],
                          capture_output=True, text=True, check=True).stdout
    longest = max(text.splitlines(), key=len)
    assert len(longest) <= 65, longest
