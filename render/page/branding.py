"""A council's own look, by settings alone: the ``[theme]`` table.

Written in a layout's ``layout.toml`` or in the project's settings
(``easyread.toml``, or ``[tool.easyread.theme]`` in ``pyproject.toml``);
the project's settings win, key by key::

    [theme]
    logo = "our-logo.png"                 # beside the settings file
    logo_alt = "Stockton-on-Tees Borough Council"
    footer = "Made for children in care by our Children's Rights Service."
    [theme.colours]                       # any CSS colour
    accent = "#4a1d6b"                    # headings and links
    [theme.words]                         # a fixed word, reworded (English pages)
    "What is going well?" = "What is going well at our homes?"
    [theme.words.cy]                      # the same for Welsh pages
    "What is going well?" = "Beth sy'n mynd yn dda yn ein cartrefi?"

The colours are the layout's custom properties (``--ink`` and so on). Each
colour a setting gives is checked against every colour it is painted with
or on, in every scheme the stylesheets define (screen, print, dark): text
needs 7:1 (WCAG 1.4.6, AAA), borders and outlines 3:1 (WCAG 1.4.11). A
pair under that is a build error naming the setting and the ratio, once.
The colours the layouts and themes give themselves are checked by the
tests, so only pairs with a setting in them are reported here.
"""

from __future__ import annotations

import gettext
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, did_you_mean
from ..source import PictureError, embed_picture, read_setting_text

KEYS = ("colours", "logo", "logo_alt", "footer", "words")
MAX_FOOTER = 200
# What each colour paints, and so what it must stand out from.
TEXT = ("ink", "accent")  # text and links
SURFACES = ("paper", "panel")  # what text is written on
LINES = ("rule", "focus")  # borders, heading rules, focus outlines
COLOURS = (*TEXT, *SURFACES, *LINES)
TEXT_RATIO, LINE_RATIO = 7.0, 3.0
WHITE = (1.0, 1.0, 1.0)  # the printed page (print.css)


@dataclass(frozen=True)
class Setting:
    """Where one setting was written, for the error that names it."""

    path: str
    line: int
    name: str  # theme.colours.accent

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, 1, self.name, message)


@dataclass(frozen=True)
class Branding:
    """What the settings chose; every part may be left out."""

    colours: Mapping[str, tuple[tuple[float, float, float], Setting]] = field(default_factory=dict)
    logo: str = ""  # a data: URL
    logo_alt: str = ""
    footer: str = ""
    words: Mapping[str, Mapping[str, str]] = field(
        default_factory=dict
    )  # language -> msgid -> text
    files: tuple[str, ...] = ()  # the settings files it was read from

    def __bool__(self) -> bool:
        return bool(self.colours or self.logo or self.footer or self.words)

    def css(self) -> str:
        """The chosen colours as the layout's custom properties."""
        if not self.colours:
            return ""
        rules = "; ".join(f"--{name}: {_hex(rgb)}" for name, (rgb, _) in self.colours.items())
        return f":root {{ {rules}; }}"

    def fingerprint(self) -> str:
        """One hash of everything chosen (the logo's data included)."""
        parts = [
            sorted((k, _hex(rgb)) for k, (rgb, _) in self.colours.items()),
            self.logo,
            self.logo_alt,
            self.footer,
            sorted((lang, sorted(w.items())) for lang, w in self.words.items()),
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def translations(
        self, language: str, catalogue: gettext.NullTranslations
    ) -> gettext.NullTranslations:
        """``catalogue`` with this branding's words for ``language`` first."""
        words = self.words.get(language.split("-")[0].lower())
        if not words:
            return catalogue
        return _Reworded(words, catalogue)


class _Reworded(gettext.NullTranslations):
    def __init__(self, words: Mapping[str, str], fallback: gettext.NullTranslations):
        super().__init__()
        self._words = words
        self.add_fallback(fallback)

    def gettext(self, message: str) -> str:
        return self._words.get(message) or super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        word = self._words.get(singular if n == 1 else plural)
        return word or super().ngettext(singular, plural, n)


def read_branding(
    table: Any, path: Path, base: Branding | None = None, messages: frozenset[str] = frozenset()
) -> tuple[Branding, list[Problem]]:
    """The ``[theme]`` table of the settings file ``path`` laid over ``base``,
    with a problem for each setting that is wrong (the rest are kept, so
    their contrast is checked too); ``messages`` are the msgids a word may
    reword."""
    base = base or Branding()
    text = read_setting_text(path)
    lines = text.splitlines()
    problems: list[Problem] = []

    def at(*keys: str) -> Setting:
        return Setting(str(path), _line_of(lines, keys), ".".join(("theme", *keys)))

    if not isinstance(table, Mapping):
        return base, [at().problem("write a [theme] table here")]
    for key in table:
        if key not in KEYS:
            problems.append(
                at(str(key)).problem(
                    f"unknown setting '{key}'{did_you_mean(str(key), KEYS)}: "
                    f"[theme] may give {', '.join(KEYS)}"
                )
            )
    colours = dict(base.colours)
    raw_colours = table.get("colours", {})
    if not isinstance(raw_colours, Mapping):
        problems.append(at("colours").problem("write a [theme.colours] table here"))
        raw_colours = {}
    for name, value in raw_colours.items():
        where = at("colours", str(name))
        if name not in COLOURS:
            problems.append(
                where.problem(
                    f"unknown colour '{name}'{did_you_mean(str(name), COLOURS)}: the colours "
                    f"are {', '.join(COLOURS)}"
                )
            )
            continue
        rgb = _parse_colour(value)
        if rgb is None:
            problems.append(
                where.problem(
                    f"'{str(value)[:40]}' is not a colour: write one such as \"#0b3d62\" "
                    'or "rgb(11 61 98)", with no transparency'
                )
            )
            continue
        colours[name] = (rgb, where)
    logo, logo_alt = base.logo, base.logo_alt
    if "logo" in table:
        where = at("logo")
        if not isinstance(table["logo"], str) or not table["logo"].strip():
            problems.append(where.problem('write the name of a picture file, such as "logo.png"'))
        else:
            try:
                logo = embed_picture(path.parent, table["logo"])
            except PictureError as exc:
                problems.append(where.problem(str(exc).replace("the data file", "the settings")))
        alt = table.get("logo_alt")
        if not isinstance(alt, str) or not alt.strip():
            problems.append(
                where.problem(
                    "a logo needs logo_alt: the words a screen reader says for it, "
                    'such as logo_alt = "Stockton-on-Tees Borough Council"'
                )
            )
        else:
            logo_alt = alt.strip()
    elif "logo_alt" in table:
        problems.append(at("logo_alt").problem("logo_alt is for a logo: give logo too"))
    footer = base.footer
    if "footer" in table:
        value = table["footer"]
        if not isinstance(value, str) or "\n" in value or len(value) > MAX_FOOTER:
            problems.append(
                at("footer").problem(f"write one line of text, at most {MAX_FOOTER} characters")
            )
        else:
            footer = value.strip()
    words = {lang: dict(w) for lang, w in base.words.items()}
    raw_words = table.get("words", {})
    if not isinstance(raw_words, Mapping):
        problems.append(at("words").problem("write a [theme.words] table here"))
        raw_words = {}
    for key, value in raw_words.items():
        if isinstance(value, Mapping):  # [theme.words.cy]: another language
            for message, reword in value.items():
                problems += _word(words, key.lower(), message, reword, at, messages)
        else:
            problems += _word(words, "en", key, value, at, messages)
    return Branding(colours, logo, logo_alt, footer, words, (*base.files, str(path))), problems


def _word(words, language, message, reword, at, messages) -> list[Problem]:
    keys = ("words", message) if language == "en" else ("words", language, message)
    where = at(*keys)
    where = Setting(where.path, where.line, where.name.replace(f".{message}", f'."{message}"'))
    if messages and message not in messages:
        return [
            where.problem(
                f"no fixed word '{message[:60]}'{did_you_mean(message, messages)}: "
                "reword one of the messages in layouts/_base/locale/messages.pot"
            )
        ]
    if not isinstance(reword, str) or not reword.strip():
        return [where.problem("write the new words in quotes")]
    marks = sorted(_marks(message))
    if sorted(_marks(reword)) != marks:
        shown = ", ".join(marks) or "none"
        return [where.problem(f"keep the same marks as the message ({shown}): they are filled in")]
    words.setdefault(language, {})[message] = reword.strip()
    return []


def _marks(text: str) -> list[str]:
    import re

    return re.findall(r"%\([a-z_]+\)s", text)


def _parse_colour(value: Any) -> tuple[float, float, float] | None:
    """The sRGB of a CSS colour (tinycss2, WeasyPrint's own parser), or None."""
    if not isinstance(value, str) or len(value) > 60:
        return None
    from tinycss2 import color4

    try:
        colour = color4.parse_color(value.strip())
    except (ValueError, TypeError):
        return None
    if not isinstance(colour, color4.Color) or colour.alpha != 1:
        return None
    red, green, blue = colour.to("srgb").coordinates
    if any(c is None for c in (red, green, blue)):
        return None
    return tuple(min(1.0, max(0.0, c)) for c in (red, green, blue))  # type: ignore[return-value]


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def _line_of(lines: list[str], keys: tuple[str, ...]) -> int:
    """The line where the last of ``keys`` is written under [theme...], else the table's."""
    header = next(
        (n for n, row in enumerate(lines, 1) if row.strip().startswith("[") and "theme" in row), 1
    )
    if not keys:
        return header
    last = keys[-1]
    for n, row in enumerate(lines[header - 1 :], header):
        stripped = row.strip()
        if stripped.startswith((f'"{last}"', f"'{last}'", f"{last} ", f"{last}=")):
            return n
        if stripped.startswith("[") and stripped.rstrip("]").endswith(f".{last}"):
            return n
    return header


# --- contrast ---------------------------------------------------------------


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def contrast_problems(
    branding: Branding, schemes: Mapping[str, Mapping[str, tuple[float, float, float]]]
) -> list[Problem]:
    """One problem for each colour setting that is painted under its ratio in
    any of ``schemes`` (name -> the custom properties' colours there, with the
    branding already laid in, so a theme that overrides a colour wins)."""
    worst: dict[str, tuple[float, str]] = {}
    for scheme, colours in schemes.items():
        surfaces = [(name, colours[name]) for name in SURFACES if name in colours]
        if scheme == "print":
            surfaces = [("the printed page", WHITE)] + [s for s in surfaces if s[0] != "paper"]
        pairs = [
            (fore, back, TEXT_RATIO) for fore in TEXT for back in surfaces if fore in colours
        ] + [(fore, back, LINE_RATIO) for fore in LINES for back in surfaces if fore in colours]
        for fore, (back, back_rgb), needed in pairs:
            chosen = [n for n in (fore, back) if n in branding.colours]
            # a pair counts only where the setting's colour is the one painted
            chosen = [n for n in chosen if _hex(colours[n]) == _hex(branding.colours[n][0])]
            if not chosen:
                continue
            found = ratio(colours[fore], back_rgb)
            if found >= needed:
                continue
            what = "text" if needed == TEXT_RATIO else "a border or outline"
            where = "" if scheme == "screen" else f" ({_scheme_name(scheme)})"
            darker = luminance(colours[fore]) < luminance(back_rgb)
            change = f"a {'darker' if darker else 'lighter'} {fore}"
            if back in colours:
                change += f" or a {'lighter' if darker else 'darker'} {back}"
            message = (
                f"{fore} {_hex(colours[fore])} on {back} {_hex(back_rgb)}{where} is "
                f"{found:.1f}:1, and {what} needs {needed:g}:1: choose {change}"
            )
            for name in chosen:
                if name not in worst or found < worst[name][0]:
                    worst[name] = (found, message)
    return [branding.colours[name][1].problem(message) for name, (_, message) in worst.items()]


def _scheme_name(media: str) -> str:
    """``@media`` words as a reader says them."""
    if media == "print":
        return "in print"
    if "prefers-color-scheme: dark" in media:
        return "in the dark scheme"
    return f"with @media {media}"


def colour_schemes(sheets: list[str]) -> dict[str, dict[str, tuple[float, float, float]]]:
    """The colour of each custom property (``--ink`` ...) in each scheme the
    stylesheets define: "screen" (the top level), and one for each ``@media``
    block (print, a dark scheme, ...), following the cascade: a declaration
    on ``:root`` or ``html`` applies where its rule applies, later wins."""
    import tinycss2

    declared: list[tuple[str | None, str, str]] = []  # (media, property, value)

    def collect(rules, media: str | None) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                selector = tinycss2.serialize(rule.prelude).strip()
                if selector not in (":root", "html", ":root, html", "html, :root"):
                    continue
                for item in tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                ):
                    if item.type == "declaration" and item.name.startswith("--"):
                        declared.append((media, item.name[2:], tinycss2.serialize(item.value)))
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media" and rule.content:
                prelude = " ".join(tinycss2.serialize(rule.prelude).split())
                inner = tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                collect(inner, prelude if media is None else f"{media} and {prelude}")

    for sheet in sheets:
        collect(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True), None)
    schemes: dict[str, dict[str, tuple[float, float, float]]] = {}
    for scheme in ["screen", *dict.fromkeys(m for m, _, _ in declared if m)]:
        colours: dict[str, tuple[float, float, float]] = {}
        for media, name, value in declared:
            if media is None or media == scheme:
                rgb = _parse_colour(value)
                if rgb is not None and name in COLOURS:
                    colours[name] = rgb
        schemes["print" if scheme == "print" else scheme] = colours
    return schemes
