"""The audit: accessibility checks of any HTML page or PDF, ours or anyone's.

``run`` recognises each file and reports it; ``html`` runs axe-core and our
own checks in a real browser (``browser``); ``pdf`` runs the PDF/UA-1
validators. It never needs the page stage: it judges what was published.
"""

from .._lazy import exporter

_EXPORTS = {
    "TOOL": "run",
    "audit": "run",
    "kind_of": "run",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
