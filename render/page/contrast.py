"""Colour contrast, as WCAG 2 defines it, of the colours a page is painted with.

The layouts paint with custom properties (``--ink`` on ``--paper`` and so
on); ``colour_schemes`` reads what each property is in each scheme the
stylesheets define (on screen, in print, in a dark scheme), following the
cascade; ``contrast_problems`` judges the pairs a setting chose.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

RGB = tuple[float, float, float]
TEXT = ("ink", "accent")  # text and links
SURFACES = ("paper", "panel")  # what text is written on
LINES = ("rule", "focus")  # borders, heading rules, focus outlines
COLOURS = (*TEXT, *SURFACES, *LINES)
TEXT_RATIO, LINE_RATIO = 7.0, 3.0  # WCAG 1.4.6 (AAA), 1.4.11
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
PAGE = "page"  # the background of the page itself (html, body), in a scheme
ROOTS = {":root", "html", "html:root", ":root:root", "body"}


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour (components 0 to 1)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two colours: 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def parse_colour(value: object) -> RGB | None:
    """The sRGB of an opaque CSS colour (tinycss2, WeasyPrint's own parser), or None."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    from tinycss2 import color4

    try:
        colour = color4.parse_color(value.strip())
    except (ValueError, TypeError):
        return None
    if not isinstance(colour, color4.Color) or colour.alpha != 1:
        return None
    coordinates = colour.to("srgb").coordinates
    if any(c is None for c in coordinates):
        return None
    return tuple(min(1.0, max(0.0, c)) for c in coordinates)  # type: ignore[return-value]


def hex_colour(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


@dataclass(frozen=True)
class _Declared:
    scheme: str | None  # None: every scheme
    name: str  # a custom property without its dashes, or PAGE
    value: str
    important: bool


def colour_schemes(sheets: list[str]) -> dict[str, dict[str, RGB]]:
    """The colour of each custom property (``ink``, ``paper`` ...) and of the
    page's own background (``page``) in each scheme: "screen" (the top
    level), "print" (``@media print`` and any query with ``print`` in it)
    and one for each other ``@media`` block, each laid over the top level.

    The cascade as a browser applies it to the root: later wins, an
    ``!important`` declaration wins over any other, and ``var(--x)`` takes
    the value of ``--x`` in the same scheme."""
    import tinycss2

    declared: list[_Declared] = []

    def collect(rules, scheme: str | None) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = {
                    " ".join(s.split()) for s in tinycss2.serialize(rule.prelude).split(",")
                }
                if not selectors <= ROOTS:
                    continue
                for item in tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                ):
                    if item.type != "declaration":
                        continue
                    value = tinycss2.serialize(item.value).strip()
                    if item.name.startswith("--"):
                        declared.append(_Declared(scheme, item.name[2:], value, item.important))
                    elif item.name in ("background", "background-color"):
                        declared.append(_Declared(scheme, PAGE, value, item.important))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
                query = " ".join(tinycss2.serialize(rule.prelude).split())
                inner = "print" if "print" in query.split() else query
                inner_rules = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                collect(inner_rules, inner if scheme is None else scheme)

    for sheet in sheets:
        collect(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True), None)
    schemes = ["screen", *dict.fromkeys(d.scheme for d in declared if d.scheme)]
    return {scheme: _resolve(declared, scheme) for scheme in schemes}


def _resolve(declared: list[_Declared], scheme: str) -> dict[str, RGB]:
    values: dict[str, tuple[bool, str]] = {}
    for item in declared:
        if item.scheme not in (None, scheme):
            continue
        if item.name in values and values[item.name][0] and not item.important:
            continue  # an !important one stays
        values[item.name] = (item.important, item.value)

    def colour(name: str, depth: int = 0) -> RGB | None:
        if name not in values or depth > 10:
            return None
        value = values[name][1]
        if value.startswith("var(--") and value.endswith(")"):
            return colour(value[6:-1].split(",")[0].strip(), depth + 1)
        return parse_colour(value)

    found = {name: colour(name) for name in values}
    return {name: rgb for name, rgb in found.items() if rgb is not None}


@dataclass(frozen=True)
class Pair:
    """A colour painted on another that falls short of its ratio."""

    fore: str
    back: str
    scheme: str
    found: float
    needed: float
    advice: str


def short_pairs(
    schemes: Mapping[str, Mapping[str, RGB]], judged: Callable[[str, str, str], bool]
) -> list[Pair]:
    """Every text colour on every surface under 7:1, and every border or
    outline colour under 3:1, in every scheme, where ``judged(fore, back,
    scheme)``. The page's own background (``page``) is a surface too."""
    short = []
    for scheme, colours in schemes.items():
        surfaces = [n for n in (*SURFACES, PAGE) if n in colours]
        if PAGE in colours and "paper" in colours:
            # the page is painted with the paper (on screen), or with its own
            # colour instead (print: white), and then the paper is not shown
            surfaces.remove(PAGE if colours[PAGE] == colours["paper"] else "paper")
        pairs = [(f, TEXT_RATIO) for f in TEXT] + [(f, LINE_RATIO) for f in LINES]
        for fore, needed in pairs:
            for back in surfaces:
                if fore not in colours or not judged(fore, back, scheme):
                    continue
                found = ratio(colours[fore], colours[back])
                if found < needed:
                    advice = _advice(fore, colours[fore], back, colours[back], needed)
                    short.append(Pair(fore, back, scheme, found, needed, advice))
    return short


def _advice(fore: str, fore_rgb: RGB, back: str, back_rgb: RGB, needed: float) -> str:
    """What to change: only the changes that could reach the ratio."""
    darker = luminance(fore_rgb) <= luminance(back_rgb)
    extreme = BLACK if darker else WHITE
    ways = []
    if ratio(extreme, back_rgb) >= needed:
        ways.append(f"a {'darker' if darker else 'lighter'} {fore}")
    if back != PAGE and ratio(fore_rgb, WHITE if darker else BLACK) >= needed:
        ways.append(f"a {'lighter' if darker else 'darker'} {back}")
    if not ways:
        ways.append(f"a {fore} and a {back} further apart")
    return " or ".join(ways)


def scheme_words(scheme: str) -> str:
    """A scheme as a reader says it."""
    if scheme == "screen":
        return "on screen"
    if scheme == "print":
        return "in print"
    if "prefers-color-scheme: dark" in scheme:
        return "in the dark scheme"
    return f"with @media {scheme}"
