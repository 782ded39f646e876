"""Where the bundled layouts, fonts and frameworks, and the package's own data files, are.

In a source checkout they are the top-level ``layouts/``, ``fonts/`` and
``data/frameworks/`` folders; an installed package carries copies of them
inside ``render/_bundled/`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = {
    "layouts": _PACKAGE.parent / "layouts",
    "fonts": _PACKAGE.parent / "fonts",
    "frameworks": _PACKAGE.parent / "data" / "frameworks",
}


def resource(name: str) -> Path:
    """A data file of the package itself, in ``render/resources/``."""
    return _PACKAGE / "resources" / name


def bundled(name: str) -> Path:
    """The folder of bundled resource ``name`` (layouts, fonts, frameworks)."""
    installed = _PACKAGE / "_bundled" / name
    return installed if installed.is_dir() else _SOURCE_TREE[name]
