"""Lazy exports for the stage subpackages.

Each stage's ``__init__`` names its public functions and the module each
lives in; the module is imported the first time a name is used. So
``from render.page import find_layout`` imports the layouts module only,
not WeasyPrint or ReportLab, and ``easyread check`` starts quickly.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def exporter(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that finds ``name`` in ``exports[name]``."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{exports[name]}"), name)

    return __getattr__
