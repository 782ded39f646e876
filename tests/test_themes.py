"""The bundled themes, measured: large print's text size on screen (a real
browser's computed styles at 375 and 1280 px) and in the PDF (the sizes
its text is set in); dyslexia's spacing, cream page and upright, plain text;
dark's colours only when the reader's system asks for them, never in print;
and each themed booklet through axe (320 and 1280 px) and PDF/UA-1.

The sample has every section; every layout x theme x file is the
combination test's (issue 12). One browser serves the session.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import page
import pytest
from conftest import SAMPLE, require_tool
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from test_contrast import contrast
from test_pdf import _text_sizes_in_points

from render import build
from render.audit.html import axe_findings, check_html, run_axe

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
THEMES = {
    "booklet": (),
    "large-print": ("large-print",),
    "dyslexia": ("dyslexia",),
    "dark": ("dark",),
    "large-print+dyslexia": ("large-print", "dyslexia"),
}
WIDTHS = (375, 1280)
# the text a reader reads: the points, word boxes, facts, words we use
BODY_TEXT = "main p, main li, main dd, main dt, .cover p"
MM = 72 / 25.4


@pytest.fixture(scope="session")
def themed(tmp_path_factory):
    """The sample built (HTML and PDF) with each of THEMES, once, on first use."""
    out: dict[str, Path] = {}

    def folder(name: str) -> Path:
        if name not in out:
            where = tmp_path_factory.mktemp(name.replace("+", "-"))
            results = build([SAMPLE], where, themes=THEMES[name])
            assert all(r.ok for r in results), [str(r.error) for r in results]
            out[name] = where
        return out[name]

    return folder


def _html(themed, name: str) -> Path:
    return themed(name) / f"{SAMPLE.stem}.html"


def _pdf(themed, name: str) -> Path:
    return themed(name) / f"{SAMPLE.stem}.pdf"


def _styles(browser, path: Path, width: int, scheme: str = "light") -> dict:
    """The computed styles that matter here, of the page at ``width``."""
    with browser.page(path, width) as shown:
        shown.emulate_media(color_scheme=scheme)
        return shown.evaluate(
            """(selector) => {
              const all = [...document.querySelectorAll(selector)]
                .filter((e) => e.textContent.trim());
              const px = (v) => parseFloat(v) || 0;
              const body = all.map((e) => { const s = getComputedStyle(e);
                return {size: px(s.fontSize), letter: px(s.letterSpacing),
                        word: px(s.wordSpacing), line: px(s.lineHeight)}; });
              const every = [...document.querySelectorAll('body *')].map(getComputedStyle);
              const root = getComputedStyle(document.documentElement);
              const pic = document.querySelector('.point > .pic');
              return {body, background: root.backgroundColor, color: root.color,
                      italic: every.filter((s) => s.fontStyle !== 'normal').length,
                      underlined: every.filter(
                        (s) => s.textDecorationLine.includes('underline')).length,
                      justified: every.filter((s) => s.textAlign === 'justify').length,
                      picture: pic.getBoundingClientRect().width,
                      picTile: getComputedStyle(pic).backgroundColor,
                      imageTiles: [...new Set([...document.images].map(
                        (i) => getComputedStyle(i).backgroundColor))],
                      scrollWidth: document.documentElement.scrollWidth};
            }""",
            BODY_TEXT,
        )


def _rgb(css: str) -> tuple[float, ...]:
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return (r / 255, g / 255, b / 255, 1.0)


def _pdf_words(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.findall(r"[^\W\d_]+", text)


def _html_words(path: Path) -> set[str]:
    body = path.read_text(encoding="utf-8").split("</style>")[-1]
    return set(re.findall(r"[^\W\d_]+", unescape(re.sub(r"<[^>]+>", " ", body))))


def _split_words(themed, name: str) -> list[str]:
    """Words in the PDF's text that the page does not have: a word broken
    apart by letter spacing ("ser vices"), save page numbers and the words a
    hyphen at a line's end joins ("on-" "Tees" as "onTees")."""
    known = _html_words(_html(themed, name))
    return [
        word
        for word in _pdf_words(_pdf(themed, name))
        if word not in known
        and word not in {"Page", "of"}
        and not any(word[:i] in known and word[i:] in known for i in range(1, len(word)))
    ]


def _page_images(pdf: Path, folder: Path, pages: int = 2) -> list[Image.Image]:
    tool = require_tool("pdftoppm")
    folder.mkdir(exist_ok=True)
    subprocess.run(
        [tool, "-r", "40", "-l", str(pages), "-png", str(pdf), str(folder / "p")], check=True
    )
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob("p*.png"))]


# --- large print ----------------------------------------------------------


@pytest.mark.parametrize("name", ["large-print", "large-print+dyslexia"])
@pytest.mark.parametrize("width", WIDTHS)
def test_large_print_body_text_is_at_least_24px_on_screen(browser, themed, name, width):
    found = _styles(browser, _html(themed, name), width)
    sizes = [text["size"] for text in found["body"]]
    assert len(sizes) > 50, "the probe saw the page"
    assert min(sizes) >= 24, sorted(sizes)[:5]
    assert found["scrollWidth"] <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_large_print_pictures_grow_with_the_text_on_screen(browser, themed, width):
    booklet = _styles(browser, _html(themed, "booklet"), width)["picture"]
    large = _styles(browser, _html(themed, "large-print"), width)["picture"]
    assert large >= booklet >= 72


@pytest.mark.parametrize("name", ["large-print", "large-print+dyslexia"])
def test_large_print_pdf_body_text_is_at_least_20pt(themed, name):
    sizes = _text_sizes_in_points(_pdf(themed, name))
    body_size, _ = sizes.most_common(1)[0]
    assert body_size >= 20, sizes
    assert min(sizes) >= 18, sizes  # the page numbers, the smallest text
    booklet, _ = _text_sizes_in_points(_pdf(themed, "booklet")).most_common(1)[0]
    assert body_size >= booklet * 1.25


def test_large_print_pdf_text_starts_right_of_the_4cm_picture_column(themed):
    bbox = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(_pdf(themed, "large-print")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    starts = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', bbox)]
    left = 20 * MM  # print.css's left margin
    beside = [x for x in starts if left + 47 * MM <= x <= left + 48.5 * MM]
    booklet_column = [x for x in starts if left + 37 * MM <= x <= left + 39 * MM]
    assert len(beside) > 30, "points' text at the 4 cm picture column + gap"
    # a word inside a line may fall there; the points' lines no longer start there
    assert len(booklet_column) * 10 < len(beside), "not at the booklet's 3.2 cm column"


def test_large_print_leaves_no_picture_without_its_sentence(themed, tmp_path):
    """A 4 cm picture is taller than most sentences: WeasyPrint could leave
    one at a page's foot and move its sentence on (seen while making the
    theme). Every tall ink in the picture column has text beside it, or a
    caption under it (a drawing: the QR code)."""
    pdf = _pdf(themed, "large-print")
    bbox = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = bbox.split("<page ")[1:]
    subprocess.run([require_tool("pdftoppm"), "-gray", "-r", "36", str(pdf), str(tmp_path / "p")])
    images = sorted(tmp_path.glob("p*.pgm"))
    assert len(images) == len(pages) > 5
    left, alone = 20 * MM, []
    for number, (text, image) in enumerate(zip(pages, images, strict=True), 1):
        words = [
            tuple(map(float, found))
            for found in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', text
            )
        ]
        shown = Image.open(image)
        pixels, scale = shown.load(), shown.width / 595.28
        columns = range(int((left + 2 * MM) * scale), int((left + 38 * MM) * scale))
        inked = [y for y in range(shown.height) if sum(pixels[x, y] < 160 for x in columns) > 3]
        blobs: list[list[int]] = []
        for y in inked:
            if blobs and y - blobs[-1][1] <= 3:
                blobs[-1][1] = y
            else:
                blobs.append([y, y])
        for top, bottom in ((a / scale, b / scale) for a, b in blobs if (b - a) / scale > 60):
            beside = [w for w in words if w[0] > left + 40 * MM and w[1] < bottom and w[3] > top]
            caption = [w for w in words if w[0] < left + 40 * MM and 0 <= w[1] - bottom < 45]
            if not beside and not caption:
                alone.append((number, round(top), round(bottom)))
    assert alone == []


@pytest.mark.parametrize("name", ["large-print", "large-print+dyslexia"])
def test_large_print_no_heading_ends_a_page(themed, name):
    """The heading's room for its first point (the strut in print.css, grown
    in the theme) still works with 4 cm pictures: a page's last line is never
    a heading (a line of text over 33 pt tall; body text is 20 pt)."""
    bbox = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(_pdf(themed, name)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ending = []
    for number, text in enumerate(bbox.split("<page ")[1:], 1):
        words = [
            (float(top), float(bottom), word)
            for top, bottom, word in re.findall(
                r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', text
            )
            if float(top) < 780  # above the page number
        ]
        lowest = max(bottom for _, bottom, _ in words)
        line = [(top, bottom, word) for top, bottom, word in words if lowest - bottom < 3]
        if max(bottom - top for top, bottom, _ in line) > 33:
            ending.append((number, " ".join(word for _, _, word in line)))
    assert ending == []


# --- dyslexia -------------------------------------------------------------

_AVERAGE_LETTER = 0.483  # Atkinson Hyperlegible Regular's mean a-z advance, em
_SPACE = 0.28  # its space's advance, em


@pytest.mark.parametrize("name", ["dyslexia", "large-print+dyslexia"])
@pytest.mark.parametrize("width", WIDTHS)
def test_dyslexia_spacing_follows_the_bda_style_guide(browser, themed, name, width):
    found = _styles(browser, _html(themed, name), width)
    assert len(found["body"]) > 50
    for text in found["body"]:
        letter = text["letter"] / text["size"]
        # letter spacing about 35% of the average letter width
        assert letter / _AVERAGE_LETTER == pytest.approx(0.35, abs=0.02), text
        # the gap between words at least 3.5 times that between letters
        word_gap = _SPACE + letter + text["word"] / text["size"]
        assert word_gap / letter >= 3.5, text
        assert text["line"] / text["size"] >= 1.5, text


@pytest.mark.parametrize("width", WIDTHS)
def test_dyslexia_page_is_cream_upright_not_underlined_left_aligned(browser, themed, width):
    found = _styles(browser, _html(themed, "dyslexia"), width)
    red, green, blue, _ = _rgb(found["background"])
    assert (red, green, blue) != (1, 1, 1), "not white"
    assert red >= green > blue and red - blue >= 0.05, f"cream: {found['background']}"
    assert contrast(_rgb(found["color"]), _rgb(found["background"])) >= 7
    assert found["italic"] == found["underlined"] == found["justified"] == 0


def test_dyslexia_pdf_is_cream_and_keeps_its_words_whole(themed, tmp_path):
    first = _page_images(_pdf(themed, "dyslexia"), tmp_path, pages=1)[0]
    assert first.getpixel((2, 2)) == (251, 246, 228), "the cream page, margins too"
    assert _split_words(themed, "dyslexia") == []
    assert _split_words(themed, "large-print+dyslexia") == []
    fonts = subprocess.run(
        [require_tool("pdffonts"), str(_pdf(themed, "dyslexia"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert fonts.count("Atkinson-Hyperlegible-Spaced") == 2, fonts


@pytest.mark.parametrize("weight", ["400Regular", "700Bold"])
def test_the_spaced_font_is_the_original_with_the_letter_spacing_built_in(weight):
    original = TTFont(FONTS / f"AtkinsonHyperlegible_{weight}.ttf")
    spaced = TTFont(FONTS / f"AtkinsonHyperlegibleSpaced_{weight}.ttf")
    em = original["head"].unitsPerEm
    extra = {
        spaced["hmtx"][name][0] - advance
        for name, (advance, _) in original["hmtx"].metrics.items()
        if advance > 0
    }
    assert extra == {round(0.17 * em)}
    assert original["glyf"].keys() == spaced["glyf"].keys()
    assert spaced["name"].getDebugName(1) == "Atkinson Hyperlegible Spaced"


# --- dark -----------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_dark_is_dark_only_when_the_system_asks(browser, themed, width):
    dark = _styles(browser, _html(themed, "dark"), width, "dark")
    page_colour, text_colour = _rgb(dark["background"]), _rgb(dark["color"])
    assert max(page_colour[:3]) < 0.15 and min(text_colour[:3]) > 0.85, dark
    assert contrast(text_colour, page_colour) >= 7
    # the pictures, drawn for a light page, sit on light tiles
    assert contrast((0, 0, 0, 1), _rgb(dark["picTile"])) >= 7
    # and so do the images: drawings, the QR code, the grade meters
    assert dark["imageTiles"], "the sample has images"
    assert all(contrast((0, 0, 0, 1), _rgb(tile)) >= 7 for tile in dark["imageTiles"]), dark
    light = _styles(browser, _html(themed, "dark"), width, "light")
    booklet = _styles(browser, _html(themed, "booklet"), width, "light")
    assert light == booklet


def test_dark_looks_as_the_booklet_in_the_light_scheme(browser, themed, tmp_path):
    shots = []
    for name in ("booklet", "dark"):
        with browser.page(_html(themed, name), 1280, height=2000) as shown:
            shown.emulate_media(color_scheme="light")
            shots.append(tmp_path / f"{name}.png")
            shown.page.screenshot(path=shots[-1])
    booklet, dark = (Image.open(p).convert("RGB") for p in shots)
    assert ImageChops.difference(booklet, dark).getbbox() is None


def test_dark_pdf_is_dark_on_white_as_the_booklet(themed, tmp_path):
    dark = _page_images(_pdf(themed, "dark"), tmp_path / "dark")
    booklet = _page_images(_pdf(themed, "booklet"), tmp_path / "booklet")
    assert dark[0].getpixel((2, 2)) == (255, 255, 255)
    assert dark[0].convert("L").getextrema()[0] < 40, "dark text"
    for themed_page, booklet_page in zip(dark, booklet, strict=True):
        assert ImageChops.difference(themed_page, booklet_page).getbbox() is None


# --- accessibility of each themed booklet ---------------------------------

AXED = ["large-print", "dyslexia", "dark", "large-print+dyslexia"]


@pytest.mark.parametrize("name", AXED)
@pytest.mark.parametrize("width", [320, 1280])
def test_axe_finds_no_violations(browser, themed, name, width):
    path = _html(themed, name)
    shown_in = ["light", "dark"] if name == "dark" else ["light"]
    for scheme in shown_in:
        with browser.page(path, width) as shown:
            shown.emulate_media(color_scheme=scheme)
            axe = run_axe(shown)
        found = axe_findings(path, axe["results"], axe["rules"], scheme)
        assert len(axe["ran"]) >= 80
        assert [f"{f.rule} {f.field}: {f.message}" for f in found] == [], scheme


@pytest.mark.parametrize("name", AXED)
def test_the_whole_html_audit_finds_nothing(browser, themed, name):
    findings, _, _ = check_html(browser, _html(themed, name))
    assert [f"{f.rule} {f.field}: {f.message}" for f in findings] == []


@pytest.mark.parametrize("name", AXED)
def test_pdf_passes_pdf_ua_1(themed, name):
    report = page.validate_pdf(_pdf(themed, name), profile="ua1")
    assert report.rules.total >= 100
    assert report.is_compliant, [f"{f.rule_id}: {f.message}" for f in report.failures]
