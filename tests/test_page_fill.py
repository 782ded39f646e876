"""Full pages (issue 10): measured on every bundled data file's PDF.

- no page but the last ends above three-quarters of its height (its lowest
  ink above the page number, from a page image);
- the picture column and the text together use the page's width: each
  point's text runs from right of the 3.2 cm picture column to the right
  margin (pdftotext -bbox);
- a heading never ends a page, and a point's sentence never splits across
  two pages (its word boxes may go on to the next).
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import INSPECTIONS, ROOT, require_tool
from PIL import Image

per_file = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)

DPI = 50
PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MM = 72 / 25.4
LEFT, RIGHT, BOTTOM = 20 * MM, PAGE_W - 18 * MM, PAGE_H - 22 * MM  # print.css margins
PICTURE_COLUMN = 38  # mm from the margin to the text: 32 mm picture, 6 mm gap
MIN_FILL = 0.75
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _page_images(pdf: Path, folder: Path) -> list[Image.Image]:
    tool = require_tool("pdftoppm")
    subprocess.run([tool, "-gray", "-r", str(DPI), str(pdf), str(folder / "p")], check=True)
    return [Image.open(p) for p in sorted(folder.glob("p*.pgm"))]


def lowest_ink(image: Image.Image) -> float:
    """How far down the page its lowest ink is, above the page number (0 to 1)."""
    body = image.crop((0, 0, image.width, round(image.height * BOTTOM / PAGE_H)))
    box = body.point(lambda v: 255 if v < 200 else 0).getbbox()
    return box[3] / image.height if box else 0.0


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words as (xMin, yMin, xMax, yMax, text), page number left out."""
    tool = require_tool("pdftotext")
    out = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    pages = []
    for page in out.stdout.split("<page ")[1:]:
        words = [
            (float(a), float(b), float(c), float(d), unescape(w))
            for a, b, c, d, w in WORD.findall(page)
        ]
        pages.append([w for w in words if w[1] < BOTTOM])
    return pages


class _Texts(HTMLParser):
    """The text of every h2 and of every point's sentence (not its word boxes)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.sentences: list[str] = []
        self._into: list[str] | None = None
        self._depth = 0
        self._body = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if "point-body" in classes:
            self._body = 1
        elif self._body and tag == "div":
            self._body += 1
        if tag == "h2":
            self.headings.append("")
            self._into = self.headings
        elif tag == "p" and self._body == 1 and "word-help" not in classes:
            self.sentences.append("")
            self._into = self.sentences

    def handle_endtag(self, tag):
        if tag in ("h2", "p"):
            self._into = None
        if tag == "div" and self._body:
            self._body -= 1

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages(built, tmp_path_factory):
    cache = {}

    def get(source: Path):
        if source.stem not in cache:
            pdf = built / f"{source.stem}.pdf"
            folder = tmp_path_factory.mktemp(source.stem)
            cache[source.stem] = (_page_images(pdf, folder), _words(pdf))
        return cache[source.stem]

    return get


@per_file
def test_no_page_but_the_last_ends_above_three_quarters_of_its_height(pages, source):
    images, _ = pages(source)
    fills = [round(lowest_ink(image), 3) for image in images]
    assert len(fills) > 1
    assert [f for f in fills[:-1] if f < MIN_FILL] == [], fills


def _lines(page: list[tuple[float, float, float, float, str]]) -> list[tuple[float, float, float]]:
    """Each line of the page as (its top, its left, its right), top to bottom."""
    rows: dict[float, list[tuple[float, float, float, float, str]]] = {}
    for word in page:
        rows.setdefault(round(word[1]), []).append(word)
    return sorted((y, min(w[0] for w in r), max(w[2] for w in r)) for y, r in rows.items())


@per_file
def test_the_picture_column_and_the_text_use_the_page_width(pages, source):
    """A point's text starts right of the picture column and runs to the
    right margin: every line of a point that wraps on to another ends near
    the margin (a line breaks before a word that does not fit, so within a
    long word of it); a narrower text column (max-width: 20em) fails here."""
    _, words = pages(source)
    text_left = LEFT + PICTURE_COLUMN * MM
    wrapped = []
    for page in words:
        lines = [line for line in _lines(page) if abs(line[1] - text_left) < 2 * MM]
        for (top, _, right), (below, _, _) in zip(lines, lines[1:], strict=False):
            if below - top < 30:  # the next line of the same sentence (16 pt, line height 1.6)
                wrapped.append(round((right - LEFT) / (RIGHT - LEFT), 3))
    assert wrapped, "no point of this file wraps: nothing to measure"
    assert min(wrapped) >= 0.75, wrapped
    assert sum(wrapped) / len(wrapped) >= 0.9, wrapped


@per_file
def test_a_heading_never_ends_a_page(pages, built, source):
    _, words = pages(source)
    parser = _Texts()
    parser.feed((built / f"{source.stem}.html").read_text(encoding="utf-8"))
    headings = [_flat(h) for h in parser.headings]
    for number, page in enumerate(words[:-1], start=1):
        last_line_y = max(w[1] for w in page)
        last_line = _flat(" ".join(w[4] for w in page if abs(w[1] - last_line_y) < 2))
        assert last_line not in headings, f"page {number} ends with the heading {last_line!r}"


@per_file
def test_a_sentence_never_splits(pages, built, source):
    _, words = pages(source)
    parser = _Texts()
    parser.feed((built / f"{source.stem}.html").read_text(encoding="utf-8"))
    sentences = [_flat(s) for s in parser.sentences if _flat(s)]
    html = (built / f"{source.stem}.html").read_text(encoding="utf-8")
    assert len(sentences) >= html.count('<li class="point">') > 0
    texts = [_flat(" ".join(w[4] for w in page)) for page in words]
    split = [s for s in sentences if not any(s in t for t in texts)]
    assert split == []


HEADINGS_AT_THE_FOOT = """\
title: What the inspectors found in Testham
area: Testham
kind: A check of how well children are kept safe
framework: ilacs
inspectorates:
  - name: Ofsted
audience: {min_age: 8, max_age: 17, who: This is for children who get help.}
about:
  - This is a short summary.
judgement: {what: How well the council helps children., overall: good}
going_well:
GOOD
to_improve:
  - Some plans take too long.
next_steps:
  - The council will make a plan.
full_report: {url: "https://example.org/report"}
talk_to:
  - {who: Childline, how: Phone 0800 1111.}
"""


def test_a_heading_with_one_short_point_under_it_never_ends_a_page(tmp_path):
    """One-line points push the next heading down the page step by step:
    wherever it lands, it is never the last line of its page."""
    from render import build

    paths = []
    for count in range(13, 21):
        good = "".join(f"  - Staff help children at home, number {n}.\n" for n in range(count))
        path = tmp_path / f"n{count}.yaml"
        path.write_text(HEADINGS_AT_THE_FOOT.replace("GOOD\n", good), encoding="utf-8")
        paths.append(path)
    results = build(paths, tmp_path / "out", formats=("pdf",))
    assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
    ended = []
    for path in paths:
        for number, page in enumerate(_words(tmp_path / "out" / f"{path.stem}.pdf")[:-1], 1):
            last_y = max(w[1] for w in page)
            last = _flat(" ".join(w[4] for w in page if abs(w[1] - last_y) < 2))
            if last in ("What needs to get better?", "What happens next?", "Who can I talk to?"):
                ended.append(f"{path.stem} page {number}: {last}")
    assert ended == []


@pytest.mark.parametrize(
    "css_file",
    [
        "layouts/_base/print.css",
        *sorted(
            str(p.relative_to(ROOT))
            for p in [*ROOT.glob("layouts/_themes/*/theme.css"), *ROOT.glob("layouts/*/layout.css")]
        ),
    ],
)
def test_the_row_strut_is_as_tall_as_the_picture(css_file):
    """print.css keeps a point's row whole with a strut (.point::before) as
    tall as its picture: a picture resized (a layout, a theme) without it would
    again let a heading end a page, and a taller strut would leave pages short."""
    css = (ROOT / css_file).read_text(encoding="utf-8")
    strut = re.search(r"\.point::before\s*\{[^}]*?height:\s*([\d.]+cm)", css)
    picture = re.search(r"\.point > \.pic, \.point > \.pic-own \{[^}]*?height:\s*([\d.]+cm)", css)
    if picture is None and css_file != "layouts/_base/print.css":
        return  # the picture keeps its size, and the strut with it
    assert strut and picture
    assert strut.group(1) == picture.group(1)
    assert f"margin-bottom: -{strut.group(1)}" in css
