"""easyread: inspection data -> easy-read HTML and accessible PDF for children.

The public API: ``load`` reads and validates an inspection file, ``build``
renders files into a folder. Both come from ``pipeline.py``, which is
imported on first use (``_lazy.py``): ``easyread check`` never needs Jinja2
or WeasyPrint, and must start quickly.

The stages are subpackages, in the order the data flows (see
docs/architecture.md): ``source``, ``model``, ``readability``, ``page``;
``audit`` judges any published page or PDF.
"""

from __future__ import annotations

from ._lazy import exporter

__version__ = "0.1.0"
_EXPORTS = {"build": "pipeline", "load": "pipeline"}
__all__ = ["build", "load", "__version__"]
__getattr__ = exporter(__name__, _EXPORTS)
