"""A word longer than the line (990 letters, within the 1,000-character limit
of a text) breaks inside the page: in the PDF no text lies outside the
printable area, and on a 375 px phone the page does not scroll sideways."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from render import build

GOOD = Path(__file__).resolve().parent / "good.yaml"
WORD = "a" + "b" * 988 + "c"
RIGHT_MARGIN_PT = 18 / 25.4 * 72  # print.css: @page margin 18mm on the right
BOX = re.compile(
    r'<(page|word) (?:width="([\d.]+)" height="([\d.]+)"|xMin="([\d.]+)" '
    r'yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)")>([^<]*)'
)


@pytest.fixture(scope="module")
def long_word_build(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long-word")
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("  - Social workers know the children well.", f"  - {WORD}")
    text = text.replace("  - This is a short summary of the full report.", f"  - {WORD}")
    assert text.count(WORD) == 2
    data = folder / "long.yaml"
    data.write_text(text, encoding="utf-8")
    [result] = build([data], folder / "out")
    assert result.ok, result.error
    return folder / "out"


def _words(pdf: Path) -> list[tuple[float, float, float, float, float, float, str]]:
    """(page width, page height, xMin, yMin, xMax, yMax, text) of every word."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words, page = [], (0.0, 0.0)
    for found in BOX.finditer(out):
        if found[1] == "page":
            page = (float(found[2]), float(found[3]))
        else:
            words.append((*page, *(float(found[i]) for i in range(4, 8)), found[8]))
    return words


def test_a_990_letter_word_stays_inside_the_pdf_page(long_word_build):
    words = _words(long_word_build / "long.pdf")
    pieces = [w for w in words if set(w[6]) <= set("abc") and "b" in w[6]]
    assert sum(len(w[6]) for w in pieces) == 2 * len(WORD)  # all of it is there
    outside = [
        w for w in words if w[2] < 0 or w[3] < 0 or w[5] > w[1] or w[4] > w[0] - RIGHT_MARGIN_PT + 1
    ]
    assert outside == []


def test_a_990_letter_word_does_not_widen_the_page_on_a_phone(browser, long_word_build):
    with browser.page(long_word_build / "long.html", 375) as page:
        width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375
