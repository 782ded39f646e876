"""Every layout, with every theme (alone, and two together) and with a
council's branding, for every file in data/: it builds with ``--strict``
(so it meets its reading target), its HTML has no axe-core violations at
320 and 1280 CSS px (the dark theme also in the dark scheme), and its PDF
passes the PDF/UA-1 validator's 104 rules and our own.

Each combination is built once (both cores, as ``build --jobs 2``) and
every page is audited in the session's one browser.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from conftest import INSPECTIONS

from render.audit.html import DESKTOP, PHONE, axe_findings, run_axe
from render.audit.pdf import check_pdf
from render.page.layouts import bundled_layouts, find_layout
from render.page.themes import bundled_themes
from render.settings import load_settings

LAYOUTS = sorted({find_layout(folder).name for folder in bundled_layouts().values()})
THEMES = sorted(bundled_themes())
# no theme, each theme alone, two together, and the council's own look
VARIANTS = [
    (),
    *((theme,) for theme in THEMES),
    *([("large-print", "dyslexia")] if {"large-print", "dyslexia"} <= set(THEMES) else []),
    ("branded",),
]
COMBINATIONS = [(layout, variant) for layout in LAYOUTS for variant in VARIANTS]
BRANDING = """\
[theme]
logo = "logo.png"
logo_alt = "Anytown Council"
footer = "Made for the children in our homes by Anytown Council."
[theme.colours]
accent = "#4a1d6b"
panel = "#f3eef8"
rule = "#6b4a85"
[theme.words]
"What is going well?" = "What is going well here?"
"""


def _built(combinations, layout, variant) -> list[Path]:
    """The inputs of a combination, every one built, and its output folder."""
    out = combinations(layout, variant)
    refused = combinations.refused[_name(layout, variant)]
    assert not refused, refused
    return INSPECTIONS, out


def _name(layout: str, variant: tuple[str, ...]) -> str:
    return "-".join([layout, *variant]) if variant else layout


@pytest.fixture(scope="session")
def combinations(tmp_path_factory):
    """The output folder of each combination, built on first use."""
    from render.batch import run_build
    from render.pipeline import plan_build

    root = tmp_path_factory.mktemp("combinations")
    made: dict[str, Path] = {}

    def folder(layout: str, variant: tuple[str, ...]) -> Path:
        name = _name(layout, variant)
        if name not in made:
            out = root / name
            themes = [t for t in variant if t != "branded"]
            settings = _branding(root) if "branded" in variant else None
            job = plan_build(
                INSPECTIONS, out, layout=layout, themes=themes, settings=settings, strict=True
            )
            outcomes = list(run_build(INSPECTIONS, job, jobs=2, force=True))
            made[name] = out
            refused[name] = {o.source.stem: o.err for o in outcomes if o.status != "built"}
        return made[name]

    refused: dict[str, dict[str, list[str]]] = {}
    folder.refused = refused  # type: ignore[attr-defined]

    return folder


def _branding(root: Path):
    from PIL import Image

    folder = root / "council"
    if not folder.exists():
        folder.mkdir()
        buffer = io.BytesIO()
        Image.new("RGB", (300, 100), "#4a1d6b").save(buffer, "PNG")
        (folder / "logo.png").write_bytes(buffer.getvalue())
        (folder / "easyread.toml").write_text(BRANDING, encoding="utf-8")
    return load_settings(folder / "easyread.toml")


def test_there_are_three_layouts_and_three_themes():
    # the combinations below are only as good as what they range over
    assert set(LAYOUTS) == {"booklet", "letter", "poster"}
    assert set(THEMES) == {"dark", "dyslexia", "large-print"}
    assert len(VARIANTS) == 6


@pytest.mark.parametrize(("layout", "variant"), COMBINATIONS, ids=[_name(*c) for c in COMBINATIONS])
def test_every_file_builds_strictly(combinations, layout, variant):
    # a poster is one sheet whatever its theme (a bigger sheet for bigger
    # text: test_poster), so every file builds in every combination
    out = combinations(layout, variant)
    assert combinations.refused[_name(layout, variant)] == {}
    limit = find_layout(layout, [t for t in variant if t != "branded"]).page_limit
    for source in INSPECTIONS:
        assert (out / f"{source.stem}.html").is_file()
        with pikepdf.open(out / f"{source.stem}.pdf") as pdf:
            assert limit is None or len(pdf.pages) <= limit, (source.stem, len(pdf.pages))
            if layout == "poster":  # one sheet, whatever the theme
                assert len(pdf.pages) == 1, source.stem


@pytest.mark.parametrize(
    "variant",
    [("large-print",), ("large-print", "dyslexia")],
    ids=["large-print", "large-print-dyslexia"],
)
def test_a_large_print_poster_prints_nothing_under_20pt(combinations, variant):
    from test_pdf import _text_sizes_in_points

    out = combinations("poster", variant)
    for source in INSPECTIONS:
        sizes = _text_sizes_in_points(out / f"{source.stem}.pdf")
        assert min(sizes) >= 19.9, (source.stem, sorted(sizes))
        assert sizes.most_common(1)[0][0] >= 19.9, (source.stem, sizes.most_common(3))


@pytest.mark.parametrize(("layout", "variant"), COMBINATIONS, ids=[_name(*c) for c in COMBINATIONS])
def test_every_page_passes_axe_at_both_widths(combinations, browser, layout, variant):
    sources, out = _built(combinations, layout, variant)
    schemes = ["light", "dark"] if "dark" in variant else ["light"]
    found = []
    for source in sources:
        page = out / f"{source.stem}.html"
        assert page.is_file()
        for width in (PHONE, DESKTOP):
            for scheme in schemes:
                with browser.page(page, width) as opened:
                    opened.emulate_media(color_scheme=scheme)
                    axe = run_axe(opened)
                    if scheme == "dark":  # the theme really paints the page dark
                        assert _dark(opened), f"{page.name} is not dark in the dark scheme"
                findings = axe_findings(page, axe["results"], axe["rules"])
                found += [
                    f"{source.stem} at {width} px ({scheme}): {f.rule}: {f.message}"
                    for f in findings
                    if f.rule.startswith("axe/")
                ]
    assert found == []


def _dark(page) -> bool:
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor || ''")
    html = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    shown = colour if colour not in ("", "rgba(0, 0, 0, 0)") else html
    numbers = [float(n) for n in shown[shown.index("(") + 1 : -1].split(",")[:3]]
    return sum(numbers) / 3 < 80


@pytest.mark.parametrize(("layout", "variant"), COMBINATIONS, ids=[_name(*c) for c in COMBINATIONS])
def test_every_pdf_passes_pdfua_and_our_checks(combinations, layout, variant):
    sources, out = _built(combinations, layout, variant)
    found = []
    for source in sources:
        findings, summary = check_pdf(out / f"{source.stem}.pdf")
        assert "PDF/UA-1 (104 rules)" in summary["checkers"], summary
        could_not_run = [f for f in findings if f.message.startswith("pdfua could not run")]
        found += [
            f"{source.stem}: {f.rule}: {f.message}" for f in findings if f not in could_not_run
        ]
    assert found == []


def test_a_dark_pdf_is_dark_on_white(combinations):
    import subprocess

    from PIL import Image

    plain = combinations("booklet", ())
    dark = combinations("booklet", ("dark",))
    for folder in (plain, dark):
        png = subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "20",
                "-f",
                "1",
                "-l",
                "1",
                str(folder / f"{INSPECTIONS[0].stem}.pdf"),
            ],
            capture_output=True,
            check=True,
        ).stdout
        image = Image.open(io.BytesIO(png)).convert("L")
        assert image.getpixel((2, 2)) > 240  # the paper is white
        assert image.getextrema()[0] < 60  # and the text dark


def test_the_branding_shows_in_every_layout(combinations):
    for layout in LAYOUTS:
        html = (combinations(layout, ("branded",)) / f"{INSPECTIONS[0].stem}.html").read_text(
            encoding="utf-8"
        )
        assert 'alt="Anytown Council"' in html, layout
        assert "--accent: #4a1d6b" in html, layout
        assert "Made for the children in our homes by Anytown Council." in html, layout
