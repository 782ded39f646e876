"""Every text and background colour pair the layouts can paint reaches 7:1.

Computed from the CSS itself, with tinycss2 (WeasyPrint's CSS parser): the
custom properties are resolved per theme (the top-level rules, then each
``@media`` block on top of them: print, a dark or high-contrast scheme, a
wider screen), and every text colour is paired with every background the
theme paints, except that a rule setting both is a pair of its own
(the root's colour is inherited everywhere, so it meets every background;
so does the colour of ``@page`` margin boxes, where page numbers are).
Focus outlines must reach 3:1 against every background (WCAG 1.4.11).
A background under a picture only (an ``img``, or a ``.pic`` icon box: no
text sits on it) is a tile, not a text background; a tile must be light, as
the pictures are drawn in black on a light page (the dark theme's tiles).
Each layout is checked alone, with each bundled theme laid over it (as the
page lays them, after the layout's CSS) and with all of them at once.
The browser tests check the rendered page too (axe-core's 7:1 rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tinycss2
from conftest import ROOT
from tinycss2 import color4

from render.page.contrast import luminance
from render.page.layouts import find_layout
from render.page.themes import bundled_themes

LAYOUTS = sorted(p.parent for p in (ROOT / "layouts").glob("*/layout.toml"))
THEMES = sorted(bundled_themes())
# each layout alone, with each theme, and with every theme at once
COMBINATIONS = [
    pytest.param(folder, laid_over, id="+".join([folder.name, *laid_over]))
    for folder in LAYOUTS
    for laid_over in [(), *((t,) for t in THEMES), tuple(THEMES)]
]
TEXT_RATIO, NON_TEXT_RATIO = 7.0, 3.0
WHITE = (1.0, 1.0, 1.0, 1.0)
BLACK = (0.0, 0.0, 0.0, 1.0)  # the pictures' outlines


@dataclass
class Theme:
    """What one theme paints: text colours, backgrounds, outlines."""

    name: str
    texts: set = field(default_factory=set)
    backgrounds: set = field(default_factory=set)
    pairs: set = field(default_factory=set)
    outlines: set = field(default_factory=set)
    tiles: set = field(default_factory=set)


def themes(css: str) -> list[Theme]:
    """The top-level theme, then one per ``@media`` block laid over it."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    top = [r for r in rules if r.type == "qualified-rule"]
    media = [r for r in rules if r.type == "at-rule" and r.lower_at_keyword == "media"]
    found = [_theme("screen", top)]
    for block in media:
        inner = tinycss2.parse_rule_list(block.content, skip_comments=True, skip_whitespace=True)
        name = "@media " + tinycss2.serialize(block.prelude).strip()
        found.append(_theme(name, top + list(_style_rules(inner))))
    return found


def _style_rules(rules):
    """Style rules, and ``@page`` with its margin boxes (they hold page numbers)."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield rule
        elif rule.type == "at-rule" and rule.lower_at_keyword == "page" and rule.content:
            yield rule
            nested = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            yield from (r for r in nested if r.type == "at-rule" and r.content)


def _theme(name: str, rules) -> Theme:
    declared = [(_selector(r), _declarations(r)) for r in rules]
    variables = {k: v for _, decls in declared for k, v in decls.items() if k.startswith("--")}
    theme = Theme(name)
    canvas_painted = False
    for selector, decls in declared:
        text = _colour(decls.get("color"), variables)
        background = _colour(decls.get("background-color", decls.get("background")), variables)
        everywhere = selector in ("html", ":root", "body") or selector.startswith("@")
        if background is not None and text is None and _pictures_only(selector):
            theme.tiles.add(background)
            continue
        if text is not None and background is not None and not everywhere:
            theme.pairs.add((text, background))  # a box that sets both: a pair
            continue
        if background is not None:
            theme.backgrounds.add(background)
            canvas_painted |= everywhere
        if text is not None:
            theme.texts.add(text)
        outline = _colour(decls.get("outline-color", decls.get("outline")), variables)
        if outline is not None:
            theme.outlines.add(outline)
    if not canvas_painted:
        theme.backgrounds.add(WHITE)
    theme.pairs |= {(t, b) for t in theme.texts for b in theme.backgrounds}
    return theme


def _pictures_only(selector: str) -> bool:
    """Whether every selector in the list ends at a picture: an ``img`` or a
    ``.pic`` icon box (an empty element, its picture its background)."""
    last = [part.split()[-1] for part in selector.split(",") if part.strip()]
    return bool(last) and all(
        re.match(r"img\b", item) or re.search(r"\.pic(?![\w-])", item) for item in last
    )


def _selector(rule) -> str:
    prelude = tinycss2.serialize(rule.prelude).strip()
    return f"@{rule.lower_at_keyword} {prelude}" if rule.type == "at-rule" else prelude


def _declarations(rule) -> dict[str, list]:
    out = {}
    for d in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
        if d.type == "declaration":
            out[d.name if d.name.startswith("--") else d.lower_name] = d.value
    return out


def _colour(tokens, variables, depth: int = 0):
    """The first colour in a value, through ``var()``; None when there is none."""
    for token in tokens or []:
        if token.type == "function" and token.lower_name == "var" and depth < 10:
            name = tinycss2.serialize(token.arguments).split(",")[0].strip()
            found = _colour(variables.get(name), variables, depth + 1)
            if found is not None:
                return found
            continue
        if token.type in ("whitespace", "comment"):
            continue
        parsed = color4.parse_color(token)
        if parsed is not None and not isinstance(parsed, str):
            return (*parsed.to("srgb").coordinates, parsed.alpha)
    return None


def contrast(foreground, background) -> float:
    """The WCAG 2 contrast ratio of two sRGB(A) colours."""
    back = _over(background, WHITE)
    lighter, darker = sorted((_luminance(_over(foreground, back)), _luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _over(colour, below):
    *rgb, alpha = colour
    return (*(c * alpha + b * (1 - alpha) for c, b in zip(rgb, below[:3], strict=True)), 1.0)


def _luminance(colour) -> float:
    return luminance(tuple(min(max(c, 0.0), 1.0) for c in colour[:3]))


def _hex(colour) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in colour[:3])


def failures(css: str, text_ratio: float = TEXT_RATIO) -> list[str]:
    """Every pair below its ratio, as 'theme: #fg on #bg = ratio'."""
    out = []
    for theme in themes(css):
        out += [
            f"{theme.name}: text {_hex(t)} on {_hex(b)} = {contrast(t, b):.2f}"
            for t, b in sorted(theme.pairs)
            if contrast(t, b) < text_ratio
        ]
        out += [
            f"{theme.name}: outline {_hex(o)} on {_hex(b)} = {contrast(o, b):.2f}"
            for o in sorted(theme.outlines)
            for b in sorted(theme.backgrounds)
            if contrast(o, b) < NON_TEXT_RATIO
        ]
        out += [
            f"{theme.name}: picture tile {_hex(t)} is not light = {contrast(BLACK, t):.2f}"
            for t in sorted(theme.tiles)
            if contrast(BLACK, t) < TEXT_RATIO
        ]
    return out


def _layout_css(folder: Path, themes: tuple[str, ...] = ()) -> str:
    """The layout's CSS with ``themes``' laid after it, as the page has them."""
    layout = find_layout(folder, themes)
    sheets = [layout.find(n) for n in layout.stylesheets]
    sheets += [theme.find(n) for theme in layout.themes for n in theme.stylesheets]
    return "\n".join(path.read_text(encoding="utf-8") for path in sheets)


def test_the_layouts_are_found_from_any_folder():
    # an empty list would make the tests below collect nothing, silently
    assert "booklet" in [p.name for p in LAYOUTS]


def test_the_themes_are_found():
    assert {"large-print", "dyslexia", "dark"} <= set(THEMES)


@pytest.mark.parametrize(("folder", "laid_over"), COMBINATIONS)
def test_every_colour_pair_in_the_layout_reaches_7_to_1(folder, laid_over):
    css = _layout_css(folder, laid_over)
    found = themes(css)
    assert all(theme.pairs for theme in found), "a theme with no text colour was found"
    assert failures(css) == []


@pytest.mark.parametrize("folder", LAYOUTS, ids=lambda p: p.name)
def test_print_theme_is_checked_too(folder):
    names = [theme.name for theme in themes(_layout_css(folder))]
    assert "@media print" in names


def test_the_dark_scheme_is_checked_with_the_dark_theme():
    names = [theme.name for theme in themes(_layout_css(LAYOUTS[0], ("dark",)))]
    assert "@media screen and (prefers-color-scheme: dark)" in names


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        (
            ":root { --ink: #777; --paper: #fff; } "
            "html { color: var(--ink); background: var(--paper); }",
            ["screen: text #777777 on #ffffff = 4.48"],
        ),
        (
            "html { color: #000; background: #fff; } .badge { color: #fff; background: #595959; }",
            [],
        ),
        (
            "html { color: #222; background: #fff; } .note { background: #777; }",
            ["screen: text #222222 on #777777 = 3.55"],
        ),
        (
            "@media print { @page { @bottom-center { color: #999; } } }",
            ["@media print: text #999999 on #ffffff = 2.85"],
        ),
        (
            "html { color: #000; background: #fff; } .badge { color: #fff; background: #666; }",
            ["screen: text #ffffff on #666666 = 5.74"],
        ),
        (
            "html { color: #111; } .box { background: #444; }",
            ["screen: text #111111 on #444444 = 1.94"],
        ),
        (
            ":root { --ink: #111; --paper: #fff; } "
            "html { color: var(--ink); background: var(--paper); }"
            "@media (prefers-color-scheme: dark) { :root { --ink: #777; --paper: #000; } }",
            ["@media (prefers-color-scheme: dark): text #777777 on #000000 = 4.69"],
        ),
        (
            "html { color: #000; background: #fff; } a:focus { outline: 3px solid #aaa; }",
            ["screen: outline #aaaaaa on #ffffff = 2.32"],
        ),
        (
            "html { color: rgb(0 0 0 / 40%); background: #fff; }",
            ["screen: text #000000 on #ffffff = 2.85"],
        ),
        (  # a light tile under the pictures on a dark page: no text on it
            "html { color: #eee; background: #111; } .pic, .drawing img { background: #fff; }",
            [],
        ),
        (
            "html { color: #eee; background: #111; } .pic { background: #333; }",
            ["screen: picture tile #333333 is not light = 1.66"],
        ),
        (  # .picture is a figure with a caption: its background is under text
            "html { color: #eee; background: #111; } .picture { background: #fff; }",
            ["screen: text #eeeeee on #ffffff = 1.16"],
        ),
    ],
)
def test_the_check_finds_pairs_below_the_ratio(css, expected):
    assert failures(css) == expected


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ((0, 0, 0, 1), (1, 1, 1, 1), 21.0),
        ((1, 1, 1, 1), (1, 1, 1, 1), 1.0),
        ((0x1A / 255,) * 3 + (1,), (1, 0xFD / 255, 0xF5 / 255, 1), 17.1),
    ],
)
def test_contrast_ratio(foreground, background, ratio):
    assert contrast(foreground, background) == pytest.approx(ratio, abs=0.05)
