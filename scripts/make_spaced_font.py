"""Make fonts/AtkinsonHyperlegibleSpaced_*.ttf, the dyslexia theme's print font.

Atkinson Hyperlegible (fonts/, SIL OFL 1.1, no Reserved Font Name) with
0.17 em more advance on every glyph that has one: the letter spacing the
dyslexia theme asks for (35% of the font's average a-z width, 0.483 em),
built into the font. WeasyPrint draws CSS letter-spacing as gaps between
glyphs, and PDF text extractors (poppler, and the screen readers that read a
PDF's text the same way) then break words apart ("ser vices"); with the
spacing inside each glyph's advance, the words stay whole. On screen the
theme uses CSS letter-spacing with the original font.

Run: python scripts/make_spaced_font.py (needs fontTools).
"""

from pathlib import Path

from fontTools.ttLib import TTFont

SPACING_EM = 0.17
FOLDER = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "Atkinson Hyperlegible Spaced"
STYLES = {"400Regular": "Regular", "700Bold": "Bold"}


def spaced(source: Path, target: Path, style: str) -> None:
    font = TTFont(source)
    extra = round(SPACING_EM * font["head"].unitsPerEm)
    metrics = font["hmtx"].metrics
    for name, (advance, lsb) in metrics.items():
        if advance > 0:  # combining marks (no advance) stay on their letter
            metrics[name] = (advance + extra, lsb)
    font["hhea"].advanceWidthMax += extra
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 21):
            names.removeNames(nameID=record.nameID)
    postscript = FAMILY.replace(" ", "") + "-" + style
    for name_id, text in (
        (1, FAMILY),
        (3, f"{postscript}; modified from Atkinson Hyperlegible 2020"),
        (4, f"{FAMILY} {style}"),
        (6, postscript),
    ):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    font.save(target)


if __name__ == "__main__":
    for suffix, style in STYLES.items():
        spaced(
            FOLDER / f"AtkinsonHyperlegible_{suffix}.ttf",
            FOLDER / f"AtkinsonHyperlegibleSpaced_{suffix}.ttf",
            style,
        )
