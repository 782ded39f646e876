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
