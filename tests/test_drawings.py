"""Drawings: well-formed SVG with their alt text, what they show, and in the PDF."""

from __future__ import annotations

import html
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import INSPECTIONS, require_tool
from ruamel.yaml import YAML

from render import load
from render.model.validate import framework_folders
from render.page.counts import MAX_FIGURES, count_picture, share
from render.page.drawings import (
    Figure,
    grade_meter,
    lettering,
    qr_code,
    wrap,
)
from render.page.layouts import find_layout

SVG = "{http://www.w3.org/2000/svg}"
FONT = lettering(find_layout("booklet"))


def _framework(framework_id: str):
    from render.model.document import Framework

    folder = framework_folders(Path("x.yaml"))[1]
    return Framework.model_validate(
        YAML(typ="safe").load((folder / f"{framework_id}.yaml").read_text("utf-8"))
    )


def _svg(figure: Figure) -> ET.Element:
    root = ET.fromstring(figure.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == figure.alt
    assert (root.get("width"), root.get("height")) == (str(figure.width), str(figure.height))
    return root


def _texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


# --- the grade scale (text on the page) and the meters -----------------------------


def test_the_scale_is_text_with_every_grade_and_the_given_one_marked_in_words(built):
    html = (built / "stockton-2013-child-protection.html").read_text(encoding="utf-8")
    steps = re.findall(r'<li class="scale-step( given)?">(.*?)</li>', html, re.S)
    framework = _framework("ofsted-child-protection-2012")
    assert [re.search(r"<strong>(.*?)</strong>", body)[1] for _, body in steps] == [
        g.name for g in framework.scale
    ]
    given = [body for mark, body in steps if mark]
    assert len(given) == 1 and "<strong>Adequate</strong>" in given[0]
    assert "This is the grade the inspectors gave:" in given[0]


def test_a_framework_with_no_overall_grade_marks_no_step(built):
    html = (built / "example-school-report-card.html").read_text(encoding="utf-8")
    assert html.count('<li class="scale-step">') == 5
    assert "scale-step given" not in html


def test_a_meter_fills_more_boxes_for_a_better_grade():
    framework = _framework("school-report-card-2025")
    fills = []
    for grade in framework.scale:
        figure = grade_meter(framework, grade.id)
        root = _svg(figure)
        rects = [r for r in root.iter(f"{SVG}rect") if r.get("rx")]
        fills.append(sum("fill: rgb(10%,10%,10%)" in r.get("style", "") for r in rects))
        assert len(rects) == 5
    assert fills == [5, 4, 3, 2, 1]
    assert grade_meter(framework, "needs-attention").alt == (
        "Needs attention: 2 of 5 boxes filled. More filled boxes is better."
    )


@pytest.mark.parametrize("width", [120, 200, 240])
def test_wrap_fits_the_width_with_room_to_spare(width):
    text = "Not good yet and must get better, but children are not left in danger."
    lines = wrap(text, FONT, 15, width)
    assert " ".join(lines) == text
    assert all(FONT.width(line, 15) <= width * 0.9 for line in lines if " " in line)
    assert len(lines) >= 2


# --- counts ------------------------------------------------------------------------


def _people(root: ET.Element) -> tuple[int, int]:
    """(people drawn, people filled in): one head (circle) each."""
    heads = list(root.iter(f"{SVG}circle"))
    filled = [h for h in heads if "fill: rgb(10%,10%,10%)" in h.get("style")]
    return len(heads), len(filled)


@pytest.mark.parametrize(
    ("count", "out_of", "people", "label", "alt"),
    [
        (
            8,
            22,
            (22, 8),
            "8 of 22",
            "8 of 22, fewer than half: a picture of 22 people with 8 of them filled in.",
        ),
        (0, 5, (5, 0), "0 of 5", "0 of 5, none: a picture of 5 people with 0 of them filled in."),
        (3, 6, (6, 3), "3 of 6", "3 of 6, half: a picture of 6 people with 3 of them filled in."),
        (
            50,
            50,
            (50, 50),
            "50 of 50",
            "50 of 50, all: a picture of 50 people with 50 of them filled in.",
        ),
        (7, None, (7, 7), "7", "7: a picture of 7 people."),
    ],
)
def test_counts_as_people(count, out_of, people, label, alt):
    figure = count_picture(count, out_of, FONT)
    root = _svg(figure)
    assert _people(root) == people
    assert _texts(root) == [label]
    assert figure.alt == alt


def test_counts_too_many_to_draw_are_a_bar():
    figure = count_picture(30, MAX_FIGURES + 10, FONT)
    root = _svg(figure)
    assert _people(root) == (0, 0)
    assert _texts(root) == ["30 of 60"]
    assert figure.alt == "30 of 60, half: a bar with the part for 30 filled in."
    outline, filled = [r for r in root.iter(f"{SVG}rect") if r.get("style")]
    assert float(filled.get("width")) == pytest.approx(float(outline.get("width")) / 2)


def test_a_big_count_with_no_total_is_a_number():
    figure = count_picture(1200, None, FONT)
    assert _texts(_svg(figure)) == ["1200"]
    assert figure.alt == "The number 1200."


def test_nothing_to_count_draws_nothing():
    assert count_picture(0, None, FONT) is None


@pytest.mark.parametrize(
    ("count", "out_of", "words"),
    [
        (0, 3, "none"),
        (1, 3, "fewer than half"),
        (2, 4, "half"),
        (3, 4, "more than half"),
        (4, 4, "all"),
    ],
)
def test_share_in_words(count, out_of, words):
    assert share(count, out_of) == words


# --- the QR code -------------------------------------------------------------------


def test_qr_code_svg_is_small_and_square():
    figure = qr_code("https://reports.ofsted.gov.uk/")
    root = _svg(figure)
    assert figure.alt == "QR code of the web address of the full report."
    assert figure.width == figure.height == 128
    assert len(root.findall(f".//{SVG}path")) == 1  # every dark module in one path
    assert len(figure.svg) < 15_000


# --- in the built pages ------------------------------------------------------------

pages = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)


def _figures(built: Path, source: Path) -> dict[str, str]:
    """kind -> alt of each drawing in the built HTML."""
    text = (built / f"{source.stem}.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<figure class="drawing drawing-([a-z]+)">\s*(?:<figcaption>[^<]*</figcaption>\s*)?'
        r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"',
        text,
    )
    return [(kind, html.unescape(alt)) for kind, alt in found]


@pages
def test_each_page_has_its_drawings(built, source):
    document = load(source)
    kinds = [kind for kind, _ in _figures(built, source)]
    expected = ["count"] * len(document.inspection.facts)
    expected += ["qr"] if document.inspection.full_report else []
    assert kinds == expected


WITH_REPORT = [p for p in INSPECTIONS if "\nfull_report:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("source", WITH_REPORT, ids=lambda p: p.stem)
def test_qr_code_in_the_pdf_reads_as_the_url_in_the_data(built, source, tmp_path):
    pdftotext, pdftoppm = require_tool("pdftotext"), require_tool("pdftoppm")
    zbarimg = require_tool("zbarimg")
    pdf = built / f"{source.stem}.pdf"
    url = YAML(typ="safe").load(source.read_text(encoding="utf-8"))["full_report"]["url"]
    text = subprocess.run([pdftotext, pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = [n for n, page in enumerate(text.split("\f"), 1) if "Scan to read" in page]
    assert len(pages) == 1, "the QR code's label is on one page"
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "150",
            "-f",
            str(pages[0]),
            "-l",
            str(pages[0]),
            "-singlefile",
            pdf,
            tmp_path / "page",
        ],
        check=True,
    )
    run = subprocess.run(
        [zbarimg, "--quiet", "--raw", tmp_path / "page.png"], capture_output=True, text=True
    )
    assert run.stdout.splitlines() == [url]
