"""Themes: stylesheets (and fonts) laid over any layout, chosen with
``--theme``; and the reading of ``layout.toml`` and ``theme.toml``, whose
settings are checked the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem, did_you_mean, is_file
from ..resources import bundled
from ..source import parse_toml, read_setting_text

SETTINGS = "layout.toml"
THEMES = "_themes"  # the bundled themes, each a folder with a theme.toml
THEME_SETTINGS = "theme.toml"


@dataclass(frozen=True)
class Theme:
    """A theme folder: stylesheets (and fonts) laid over any layout's."""

    name: str
    folder: Path
    description: str = ""
    stylesheets: tuple[str, ...] = ("theme.css",)
    fonts: dict[str, str] = field(default_factory=dict)
    font_family: str | None = None

    def find(self, name: str) -> Path:
        """The file ``name`` in the theme's folder, else in ``fonts/``."""
        for folder in (self.folder, bundled("fonts")):
            candidate = (folder / name).resolve()
            if is_file(candidate) and candidate.is_relative_to(folder.resolve()):
                return candidate
        raise InputError.single(self.folder / THEME_SETTINGS, f"the theme has no file '{name}'")


def bundled_themes() -> dict[str, Path]:
    """The bundled themes' folders by name."""
    return {
        path.parent.name: path.parent
        for path in sorted((bundled("layouts") / THEMES).glob(f"*/{THEME_SETTINGS}"))
    }


def find_theme(name_or_path: str | Path) -> Theme:
    """A bundled theme by name (``large-print``) or the user's own folder."""
    folder = Path(name_or_path)
    if not is_file(folder / THEME_SETTINGS):
        folder = bundled_themes().get(str(name_or_path), folder)
    settings_file = folder / THEME_SETTINGS
    if not is_file(settings_file):
        raise InputError.single(
            str(name_or_path),
            f"no theme here{did_you_mean(str(name_or_path), bundled_themes())}: a theme "
            f"is a folder with a {THEME_SETTINGS}; bundled themes: "
            f"{', '.join(bundled_themes())}",
        )
    settings = _read_settings(settings_file, _THEME_SETTINGS)
    theme = Theme(
        name=settings.get("name", folder.name),
        folder=folder.resolve(),
        description=settings.get("description", ""),
        stylesheets=tuple(settings.get("stylesheets", ["theme.css"])),
        fonts=dict(settings.get("fonts", {})),
        font_family=settings.get("font_family"),
    )
    for name in [*theme.stylesheets, *theme.fonts.values()]:
        theme.find(name)  # every file it names is there
    return theme


# The settings a layout.toml may give, and what each must be.
_SETTINGS = {
    "name": (str, "a name in quotes"),
    "entry": (str, 'a template\'s file name in quotes, such as "main.html"'),
    "stylesheets": (list, 'a list of file names, such as ["base.css", "layout.css"]'),
    "fonts": (dict, "a [fonts] table of weights and font files"),
    "font_family": (str, "a font's name in quotes"),
    "description": (str, "one line in quotes that says what the layout is for"),
    "aliases": (list, 'a list of other names, such as ["easy-read"]'),
    "max_pages": (int, "the most pages the layout may make, a whole number such as 1"),
}


_THEME_SETTINGS = {
    key: _SETTINGS[key] for key in ("name", "description", "stylesheets", "fonts", "font_family")
}


def _read_settings(path: Path, allowed: dict = _SETTINGS) -> dict:
    """The settings in ``path``, or an ``InputError`` saying what is wrong."""
    text = read_setting_text(path)
    settings = parse_toml(path, text)
    problems = [
        Problem(
            str(path),
            _line_of(text, key),
            1,
            key,
            f"unknown setting '{key}'{did_you_mean(key, allowed)}: "
            f"a {path.name} may give {', '.join(allowed)}",
        )
        for key in settings
        if key not in allowed
    ]
    for key, (kind, what) in allowed.items():
        value = settings.get(key)
        items = (
            value
            if isinstance(value, list)
            else (value or {}).values()
            if isinstance(value, dict)
            else ()
        )
        if value is not None and (
            not isinstance(value, kind) or not all(isinstance(v, str) for v in items)
        ):
            problems.append(Problem(str(path), _line_of(text, key), 1, key, f"write {what} here"))
    pages = settings.get("max_pages") if "max_pages" in allowed else None
    if isinstance(pages, int) and (isinstance(pages, bool) or pages < 1):
        problems.append(
            Problem(
                str(path),
                _line_of(text, "max_pages"),
                1,
                "max_pages",
                "write the most pages the layout may make: a whole number, at least 1",
            )
        )
    problems += _css_value_problems(path, text, settings)
    if problems:
        raise InputError(problems)
    return settings


# Settings that are written into the page's CSS: only what CSS means by them,
# so that no value can end the stylesheet and start a script.
_FONT_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,59}")
_WEIGHTS = {str(w) for w in range(100, 1000, 100)}


def _css_value_problems(path: Path, text: str, settings: dict) -> list[Problem]:
    problems = []
    family = settings.get("font_family")
    if isinstance(family, str) and not _FONT_FAMILY.fullmatch(family):
        problems.append(
            Problem(
                str(path),
                _line_of(text, "font_family"),
                1,
                "font_family",
                "write a font's name of letters, digits, spaces and hyphens "
                "(it goes into the page's CSS)",
            )
        )
    fonts = settings.get("fonts")
    for weight in fonts if isinstance(fonts, dict) else ():
        if weight not in _WEIGHTS:
            problems.append(
                Problem(
                    str(path),
                    _line_of(text, "fonts"),
                    1,
                    f"fonts.{weight[:40]}",
                    "a font weight is a number from 100 to 900 in hundreds, such as 400 or 700",
                )
            )
    return problems


def _line_of(text: str, key: str) -> int:
    """The line of ``text`` where setting ``key`` (or its table) is written."""
    return next(
        (
            n
            for n, row in enumerate(text.splitlines(), 1)
            if row.lstrip().startswith((key, f"[{key}]"))
        ),
        1,
    )
