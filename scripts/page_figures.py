"""Measure built pages as a child would meet them (issue 10).

    python scripts/page_figures.py build/*.pdf build/*.html

For a PDF: how far down each page its lowest ink is (above the page
number, from a 50 dpi page image, as tests/test_page_fill.py measures it).
For an HTML page: the pictures' width, the row and the text column at 320,
375 and 1280 CSS px, in Chromium (the system's, through Playwright).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

BOTTOM = (297 - 22) / 297  # print.css: the page number sits in the 22 mm bottom margin
WIDTHS = (320, 375, 1280)
PROBE = """() => {
  const pics = [...document.querySelectorAll('.point .pic')]
    .map(e => e.getBoundingClientRect().width);
  const row = document.querySelector('.point').getBoundingClientRect().width;
  const text = document.querySelector('.point-body').getBoundingClientRect().width;
  return {pictures: pics.length, smallest: Math.min(...pics), row: row, text: text,
          scroll: document.documentElement.scrollWidth};
}"""


def page_fill(pdf: Path) -> list[int]:
    """Each page's lowest ink above the page number, in % of the page height."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", "50", str(pdf), f"{folder}/p"], check=True)
        fills = []
        for path in sorted(Path(folder).glob("p*.pgm")):
            image = Image.open(path)
            body = image.crop((0, 0, image.width, round(image.height * BOTTOM)))
            box = body.point(lambda v: 255 if v < 200 else 0).getbbox()
            fills.append(round(100 * box[3] / image.height) if box else 0)
    return fills


def html_figures(pages: list[Path]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium")
        for path in pages:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(path.resolve().as_uri())
                got = page.evaluate(PROBE)
                share = round(100 * got["smallest"] / got["row"])
                print(
                    f"{path.name} at {width} px: {got['pictures']} pictures, "
                    f"{got['smallest']:.0f} px wide ({share}% of a {got['row']:.0f} px row), "
                    f"text {got['text']:.0f} px, page {got['scroll']} px wide"
                )
                page.close()
        browser.close()


def main(paths: list[str]) -> None:
    for path in map(Path, paths):
        if path.suffix == ".pdf":
            fills = page_fill(path)
            short = [i for i, f in enumerate(fills[:-1], 1) if f < 75]
            note = f"; pages ending above 75%: {short}" if short else ""
            print(f"{path.name}: {len(fills)} pages, lowest ink % {fills}{note}")
    html_figures([Path(p) for p in paths if p.endswith(".html")])


if __name__ == "__main__":
    main(sys.argv[1:])
