"""Stage 2, model: the validated inspection and the writer's markup.

``document`` holds the immutable model every layout sees (inspections,
frameworks, points, words); ``validate`` turns a ``Source`` into a
``Document`` or every ``Problem`` with it; ``markup`` is the writer's small
markup (``**bold**`` for a hard word).
"""

from .._lazy import exporter

_EXPORTS = {
    "Contact": "document",
    "Document": "document",
    "Fact": "document",
    "Framework": "document",
    "Grade": "document",
    "Inspection": "document",
    "Picture": "document",
    "Point": "document",
    "Word": "document",
    "framework_folders": "validate",
    "validate_inspection": "validate",
    "validate_model": "validate",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
