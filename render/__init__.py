"""easyread: inspection data -> easy-read HTML and accessible PDF for children.

The public API: ``load`` reads and validates an inspection file, ``build``
renders files into a folder. Both come from ``pipeline.py``, which is
imported on first use: ``easyread check`` never needs Jinja2 or WeasyPrint,
and must start quickly.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["build", "load", "__version__"]
_FROM_PIPELINE = ("build", "load")


def __getattr__(name: str) -> Any:
    if name in _FROM_PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
