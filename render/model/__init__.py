"""Stage 2, model: the validated inspection and the writer's markup.

``document`` holds the immutable model every layout sees (inspections,
points, words), ``framework`` the frameworks it is graded by, ``fields``
the kinds of field both are made of; ``validate`` turns a ``Source`` into a
``Document`` or every ``Problem`` with it; ``markup`` is the writer's small
markup (``**bold**`` for a hard word); ``schema`` is the JSON Schema of a data
file, with ``fields`` saying what each field is for; ``starter`` is the file
``easyread new`` writes.
"""

from .._lazy import exporter

_EXPORTS = {
    "Contact": "document",
    "Document": "document",
    "Fact": "document",
    "DocumentKind": "framework",
    "FINDINGS": "document",
    "Framework": "framework",
    "Grade": "framework",
    "Headings": "document",
    "in_language": "fields",
    "Inspection": "document",
    "Picture": "document",
    "Point": "document",
    "Word": "document",
    "find_framework": "validate",
    "framework_folders": "validate",
    "schema_text": "schema",
    "starter_text": "starter",
    "validate_inspection": "validate",
    "validate_model": "validate",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
