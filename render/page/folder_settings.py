"""The settings files of layout and theme folders (``layout.toml``,
``theme.toml``): what each may give, checked with every problem at its line."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem, did_you_mean, is_file
from ..source import parse_toml, read_setting_text, toml_line

SETTINGS = "layout.toml"
THEME_SETTINGS = "theme.toml"


def find_in(folders: list[Path], name: str, settings_file: Path) -> Path:
    """The first file called ``name`` in ``folders`` that stays inside its
    folder (a symbolic link out is not found), else an ``InputError`` at
    ``settings_file`` (the layout's or theme's)."""
    for folder in folders:
        candidate = (folder / name).resolve()
        if is_file(candidate) and candidate.is_relative_to(folder.resolve()):
            return candidate
    kind = "theme" if settings_file.name == THEME_SETTINGS else "layout"
    raise InputError.single(settings_file, f"the {kind} has no file '{name}'")


# The settings a layout.toml may give, and what each must be.
LAYOUT_KEYS = {
    "name": (str, "a name in quotes"),
    "entry": (str, 'a template\'s file name in quotes, such as "main.html"'),
    "stylesheets": (list, 'a list of file names, such as ["base.css", "layout.css"]'),
    "fonts": (dict, "a [fonts] table of weights and font files"),
    "font_family": (str, "a font's name in quotes"),
    "description": (str, "one line in quotes that says what the layout is for"),
    "aliases": (list, 'a list of other names, such as ["easy-read"]'),
    "theme": (dict, "a [theme] table: colours, logo, logo_alt, footer, words"),
    "max_pages": (int, "the most pages the layout may make, a whole number such as 1"),
    "fit_steps": (int, "how many times the layout can show less to fit, a whole number"),
    "fixed_pages": (bool, "true when max_pages is a sheet of paper that no theme changes"),
}


THEME_KEYS = {
    **{
        key: LAYOUT_KEYS[key]
        for key in ("name", "description", "stylesheets", "fonts", "font_family")
    },
    "page_factor": (
        (int, float),
        "how many times the pages of a page-limited layout the theme's text needs, "
        "a number such as 2",
    ),
}


def read_folder_settings(path: Path, allowed: dict = LAYOUT_KEYS) -> dict:
    """The settings in ``path``, or an ``InputError`` saying what is wrong."""
    text = read_setting_text(path)
    settings = parse_toml(path, text)
    problems = [
        Problem(
            str(path),
            toml_line(text, [key]),
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
        if key == "theme" and isinstance(value, dict):
            continue  # its own reader checks it (branding.read_branding)
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
            problems.append(
                Problem(str(path), toml_line(text, [key]), 1, key, f"write {what} here")
            )
    pages = settings.get("max_pages") if "max_pages" in allowed else None
    if isinstance(pages, int) and (isinstance(pages, bool) or pages < 1):
        problems.append(
            Problem(
                str(path),
                toml_line(text, ["max_pages"]),
                1,
                "max_pages",
                "write the most pages the layout may make: a whole number, at least 1",
            )
        )
    steps = settings.get("fit_steps")
    if isinstance(steps, int) and (isinstance(steps, bool) or not 0 <= steps <= 5):
        problems.append(
            Problem(
                str(path),
                toml_line(text, ["fit_steps"]),
                1,
                "fit_steps",
                "write how many times the layout can show less: a whole number from 0 to 5",
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
                toml_line(text, ["font_family"]),
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
                    toml_line(text, ["fonts"]),
                    1,
                    f"fonts.{weight[:40]}",
                    "a font weight is a number from 100 to 900 in hundreds, such as 400 or 700",
                )
            )
    return problems
