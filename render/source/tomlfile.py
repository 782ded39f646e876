"""TOML files (settings, layout.toml, picture rules) read with plain-word errors.

``tomllib`` raises ``TOMLDecodeError`` with its position in brackets, and a
``RecursionError`` from deep inside itself for arrays or tables nested a few
hundred levels deep; both become one ``InputError`` at the line and column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from ..errors import InputError
from .files import read_setting_text

_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)$")
_POSITION = re.compile(r"\s*\(at .*\)$")  # "(at line 2, column 9)", "(at end of document)"


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML file at ``path`` (a regular file, at most a megabyte), parsed."""
    return parse_toml(path, read_setting_text(path))


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """The TOML ``text`` read from ``path``, or an ``InputError`` saying what is wrong."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _WHERE.search(str(exc))
        lines = text.splitlines() or [""]
        line, col = (int(where[1]), int(where[2])) if where else (len(lines), len(lines[-1]) + 1)
        reason = _POSITION.sub("", str(exc))
        raise InputError.single(path, f"this is not valid TOML: {reason}", line, col) from None
    except RecursionError:
        raise InputError.single(
            path,
            "this TOML is nested too deeply (arrays or tables inside each other "
            "hundreds of times): settings need only a few levels",
        ) from None


_KEY_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*""")


def _key_path(text: str) -> tuple[list[str], str]:
    """The dotted key at the start of ``text`` (``a."b c".d``) and what follows it."""
    parts: list[str] = []
    rest = text
    while True:
        match = _KEY_PART.match(rest)
        if not match:
            return parts, rest
        raw = match.group(1)
        parts.append(raw[1:-1] if raw[0] in "\"'" else raw)
        rest = rest[match.end() :]
        if not rest.startswith("."):
            return parts, rest
        rest = rest[1:]


def toml_line(text: str, keys: tuple[str, ...] | list[str]) -> int:
    """The line of ``text`` (TOML) where the setting at ``keys`` is written:
    its own ``key = value`` line under its table's header, a dotted key or
    the header of its table; else the line of the nearest setting above it
    (an inline table's key is found at the line of the table); else 1.

    ``tomllib`` keeps no positions, so the lines are walked once: each
    header (``[a.b]``, ``[[a.b]]``) and key is read as a path of keys.
    """
    wanted = [str(k) for k in keys]
    best, best_depth = 1, 0
    table: list[str] = []
    for number, row in enumerate(text.splitlines(), 1):
        stripped = row.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            inner = stripped.lstrip("[")
            parts, rest = _key_path(inner)
            if not rest.lstrip().startswith("]"):
                continue
            table, found = parts, parts
        else:
            parts, rest = _key_path(stripped)
            if not parts or not rest.startswith("="):
                continue
            found = table + parts
        depth = 0
        for have, want in zip(found, wanted, strict=False):
            if have != want:
                break
            depth += 1
        # the setting itself, or a table it is in, the deepest found wins
        if (depth == len(found) or depth == len(wanted)) and depth > best_depth:
            best, best_depth = number, depth
    return best
