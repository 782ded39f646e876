"""A council's own look, by settings alone: the ``[theme]`` table.

Written in a layout's ``layout.toml`` or in the project's settings
(``easyread.toml``, or ``[tool.easyread.theme]`` in ``pyproject.toml``);
the project's settings win, key by key::

    [theme]
    logo = "our-logo.png"                 # beside the settings file
    logo_alt = "Anytown Council"          # or {en = "...", cy = "..."}
    footer = "Made for children in care by our Children's Rights Service."
    [theme.colours]                       # any CSS colour
    accent = "#4a1d6b"                    # headings and links
    [theme.words]                         # a fixed word, reworded (English pages)
    "What is going well?" = "What is going well at our homes?"
    [theme.words.cy]                      # the same for Welsh pages
    "What is going well?" = "Beth sy'n mynd yn dda yn ein cartrefi?"

The colours are the layout's custom properties (``--ink`` and so on). Each
colour a setting gives is checked against every colour it is painted with
or on, in every scheme the stylesheets define (``contrast``): a pair under
7:1 for text or 3:1 for a border is a build error naming the setting and
the ratio, once. The texts (footer, alt text, words) are words only: they
are escaped where they are shown, and may not hold ``<``, ``>`` or ``&``,
which would show as they are in one place and mean markup in another.
"""

from __future__ import annotations

import gettext
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, did_you_mean
from ..source import PictureError, embed_picture, read_setting_text, toml_line
from .contrast import (
    COLOURS,
    PAGE,
    RGB,
    colour_schemes,
    hex_colour,
    parse_colour,
    scheme_words,
    short_pairs,
)

KEYS = ("colours", "logo", "logo_alt", "footer", "words")
MAX_TEXT = 200
SOURCE = "en"  # the language a plain string is in (the msgids' language)
_MARKUP = re.compile(r"[<>&]")
_MARK = re.compile(r"%\([a-z_]+\)s")


@dataclass(frozen=True)
class Setting:
    """Where one setting was written, for what is said about it."""

    path: str
    line: int
    name: str  # theme.colours.accent

    def problem(self, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, 1, self.name, message, severity)


@dataclass(frozen=True)
class Text:
    """A text the branding prints, in the language it is written in."""

    text: str
    language: str
    where: Setting


@dataclass(frozen=True)
class Branding:
    """What the settings chose; every part may be left out."""

    colours: Mapping[str, tuple[RGB, Setting]] = field(default_factory=dict)
    logo: str = ""  # a data: URL
    logo_alt: Mapping[str, Text] = field(default_factory=dict)  # language -> text
    footer: Mapping[str, Text] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, Text]] = field(default_factory=dict)  # language -> msgid

    def __bool__(self) -> bool:
        return bool(self.colours or self.logo or self.footer or self.words)

    def css(self) -> str:
        """The chosen colours as the layout's custom properties."""
        if not self.colours:
            return ""
        rules = "; ".join(f"--{name}: {hex_colour(rgb)}" for name, (rgb, _) in self.colours.items())
        return f":root {{ {rules}; }}"

    def fingerprint(self) -> str:
        """One hash of everything chosen (the logo's data included)."""
        parts = [
            sorted((k, hex_colour(rgb)) for k, (rgb, _) in self.colours.items()),
            self.logo,
            sorted((k, t.text) for k, t in self.logo_alt.items()),
            sorted((k, t.text) for k, t in self.footer.items()),
            sorted((k, sorted((m, t.text) for m, t in w.items())) for k, w in self.words.items()),
        ]
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def footer_in(self, language: str) -> Text | None:
        """The footer for a page in ``language``: its own, else the English one."""
        return _in(self.footer, language)

    def logo_alt_in(self, language: str) -> Text | None:
        return _in(self.logo_alt, language)

    def texts(self, language: str) -> list[Text]:
        """Every text a page in ``language`` prints from these settings,
        for the readability check."""
        found = [t for t in (self.footer_in(language), self.logo_alt_in(language)) if t]
        return found + list(self.words.get(_primary(language), {}).values())

    def translations(
        self, language: str, catalogue: gettext.NullTranslations
    ) -> gettext.NullTranslations:
        """``catalogue`` with this branding's words for ``language`` first."""
        words = self.words.get(_primary(language))
        if not words:
            return catalogue
        return _Reworded({m: t.text for m, t in words.items()}, catalogue)


def _primary(language: str) -> str:
    return language.split("-")[0].lower()


def _in(texts: Mapping[str, Text], language: str) -> Text | None:
    return texts.get(_primary(language)) or texts.get(SOURCE)


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


@dataclass
class _Reader:
    """Reads one ``[theme]`` table, keeping a problem for each wrong setting."""

    path: Path
    text: str
    messages: frozenset[str]
    languages: frozenset[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def prefix(self) -> list[str]:
        return ["tool", "easyread", "theme"] if self.path.name == "pyproject.toml" else ["theme"]

    def at(self, *keys: str) -> Setting:
        shown = os.path.relpath(self.path) if self.path.is_relative_to(Path.cwd()) else self.path
        name = ".".join(
            ["theme", *(f'"{k}"' if re.search(r"[^A-Za-z0-9_-]", k) else k for k in keys)]
        )
        return Setting(str(shown), toml_line(self.text, [*self.prefix, *keys]), name)

    def wrong(self, where: Setting, message: str) -> None:
        self.problems.append(where.problem(message))

    def words_only(self, value: Any, where: Setting, what: str) -> str | None:
        """``value`` as one line of words, or None (and a problem)."""
        if not isinstance(value, str):
            self.wrong(where, f"write {what} in quotes")
        elif not value.strip():
            self.wrong(where, f"the {what} is empty: write some words, or leave the setting out")
        elif "\n" in value or len(value) > MAX_TEXT:
            self.wrong(where, f"write the {what} as one line of at most {MAX_TEXT} characters")
        elif _MARKUP.search(value):
            self.wrong(
                where,
                f"write the {what} as words: '<', '>' and '&' are not allowed "
                "(write 'and' for '&')",
            )
        else:
            return value.strip()
        return None

    def language(self, key: str, where: Setting) -> str | None:
        code = key.lower()
        if code in self.languages:
            return code
        self.wrong(
            where,
            f"'{key}' is not a language of the layout{did_you_mean(code, self.languages)}: "
            f"it has {', '.join(sorted(self.languages))}",
        )
        return None

    def texts(self, key: str, value: Any, what: str) -> dict[str, Text]:
        """A text in English, or a table of texts by language."""
        if isinstance(value, Mapping):
            items = [(str(lang), text, self.at(key, str(lang))) for lang, text in value.items()]
        else:
            items = [(SOURCE, value, self.at(key))]
        found = {}
        for language, text, where in items:
            code = self.language(language, where)
            words = self.words_only(text, where, what)
            if code and words:
                found[code] = Text(words, code, where)
        return found


def read_branding(
    table: Any,
    path: Path,
    base: Branding | None = None,
    messages: frozenset[str] = frozenset(),
    languages: frozenset[str] = frozenset({SOURCE}),
) -> tuple[Branding, list[Problem]]:
    """The ``[theme]`` table of the settings file ``path`` laid over ``base``,
    with a problem for each setting that is wrong (the rest are kept, so
    their contrast is checked too); ``messages`` are the msgids a word may
    reword, ``languages`` those the layout prints."""
    base = base or Branding()
    reader = _Reader(path, read_setting_text(path), messages, languages | {SOURCE})
    if not isinstance(table, Mapping):
        reader.wrong(
            reader.at(),
            "[theme] is a table of the page's colours, logo, footer and words; "
            "a theme such as large-print is chosen with --theme large-print",
        )
        return base, reader.problems
    for key in table:
        if key not in KEYS:
            reader.wrong(
                reader.at(str(key)),
                f"unknown setting '{key}'{did_you_mean(str(key), KEYS)}: "
                f"[theme] may give {', '.join(KEYS)}",
            )
    logo, logo_alt = base.logo, dict(base.logo_alt)
    if "logo" in table:
        logo, logo_alt = _logo(reader, table)
    elif "logo_alt" in table:
        reader.wrong(reader.at("logo_alt"), "logo_alt is for a logo: give logo too")
    words = {k: dict(v) for k, v in base.words.items()}
    _words(reader, table.get("words", {}), words)
    footer = reader.texts("footer", table["footer"], "footer") if "footer" in table else {}
    branding = Branding(
        colours={**base.colours, **_colours(reader, table.get("colours", {}))},
        logo=logo,
        logo_alt=logo_alt,
        footer={**base.footer, **footer},
        words=words,
    )
    return branding, reader.problems


def _colours(reader: _Reader, table: Any) -> dict[str, tuple[RGB, Setting]]:
    if not isinstance(table, Mapping):
        reader.wrong(reader.at("colours"), "write a [theme.colours] table here")
        return {}
    found = {}
    for name, value in table.items():
        where = reader.at("colours", str(name))
        if name not in COLOURS:
            reader.wrong(
                where,
                f"unknown colour '{name}'{did_you_mean(str(name), COLOURS)}: the colours "
                f"are {', '.join(COLOURS)}",
            )
        elif (rgb := parse_colour(value)) is None:
            reader.wrong(
                where,
                f"'{str(value)[:40]}' is not a colour: write one such as \"#0b3d62\" "
                'or "rgb(11 61 98)", with no transparency',
            )
        else:
            found[name] = (rgb, where)
    return found


def _logo(reader: _Reader, table: Mapping) -> tuple[str, dict[str, Text]]:
    """The logo as a ``data:`` URL and its alt text by language."""
    where = reader.at("logo")
    name = table["logo"]
    logo = ""
    if not isinstance(name, str) or not name.strip():
        reader.wrong(where, 'write the name of a picture file, such as "logo.png"')
    else:
        try:
            logo = embed_picture(reader.path.parent, name, beside="the settings file")
        except PictureError as exc:
            reader.wrong(where, str(exc))
    if "logo_alt" not in table:
        reader.wrong(
            where,
            "a logo needs logo_alt: the words a screen reader says for it, "
            'such as logo_alt = "Anytown Council"',
        )
        return logo, {}
    return logo, reader.texts("logo_alt", table["logo_alt"], "logo's alt text")


def _words(reader: _Reader, table: Any, words: dict[str, dict[str, Text]]) -> None:
    if not isinstance(table, Mapping):
        reader.wrong(reader.at("words"), "write a [theme.words] table here")
        return
    for key, value in table.items():
        if isinstance(value, Mapping):  # [theme.words.cy]: another language
            language = reader.language(str(key), reader.at("words", str(key)))
            for message, reword in value.items() if language else ():
                _word(reader, words, language, message, reword)
        else:
            _word(reader, words, SOURCE, key, value)


def _word(reader: _Reader, words, language: str, message: str, reword: Any) -> None:
    keys = ("words", message) if language == SOURCE else ("words", language, message)
    where = reader.at(*keys)
    if reader.messages and message not in reader.messages:
        reader.wrong(
            where,
            f"no fixed word '{message[:60]}'{did_you_mean(message, reader.messages)}: "
            "`easyread layouts --words` lists the ones you may reword",
        )
        return
    text = reader.words_only(reword, where, "new wording")
    if text is None:
        return
    marks = sorted(_MARK.findall(message))
    if sorted(_MARK.findall(text)) != marks:
        shown = ", ".join(marks) or "none"
        reader.wrong(where, f"keep the same marks as the message ({shown}): they are filled in")
        return
    words.setdefault(language, {})[message] = Text(text, language, where)


def contrast_problems(branding: Branding, sheets: list[str]) -> list[Problem]:
    """One problem for each colour setting that is painted under its ratio
    in any scheme of ``sheets`` (the layout's CSS with the branding's and the
    themes' laid in, so a theme that paints a colour of its own wins)."""
    schemes = colour_schemes(sheets)

    def chosen(name: str, scheme: str) -> bool:
        # a setting counts where its colour is the one painted
        return name in branding.colours and hex_colour(schemes[scheme].get(name, (2, 2, 2))) == (
            hex_colour(branding.colours[name][0])
        )

    worst: dict[str, tuple[float, str]] = {}
    for pair in short_pairs(
        schemes, lambda fore, back, scheme: chosen(fore, scheme) or chosen(back, scheme)
    ):
        colours = schemes[pair.scheme]
        back = "the printed page" if pair.back == PAGE else pair.back
        back += f" {hex_colour(colours[pair.back])}"
        if pair.back != PAGE and not chosen(pair.back, pair.scheme):
            back += " (the layout's or a theme's)"
        where = "" if pair.scheme == "screen" else f" ({scheme_words(pair.scheme)})"
        what = "text" if pair.fore in ("ink", "accent") else "a border or outline"
        # only a change to a colour the settings give can be made here
        advice = (
            " or ".join(
                part
                for part in pair.advice.split(" or ")
                if any(
                    part.endswith(f" {n}") and chosen(n, pair.scheme)
                    for n in (pair.fore, pair.back)
                )
            )
            or pair.advice
        )
        message = (
            f"{pair.fore} {hex_colour(colours[pair.fore])} on {back}{where} is "
            f"{pair.found:.1f}:1, and {what} "
            f"needs {pair.needed:g}:1: choose {advice}"
        )
        for name in (pair.fore, pair.back):
            if chosen(name, pair.scheme) and (name not in worst or pair.found < worst[name][0]):
                worst[name] = (pair.found, message)
    return [branding.colours[name][1].problem(message) for name, (_, message) in worst.items()]
