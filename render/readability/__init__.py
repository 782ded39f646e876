"""Stage 3, readability: is the text easy enough to read for its target?

Text units from documents (Markdown, text, HTML: ``documents``) and from data
files (``datafiles``), split into sentences (``sentences``), counted
(``syllables``, ``scores``), judged by the rules (``rules``, ``lexicon``)
against a reading target (``targets``). ``check`` is the step both
``easyread check`` and the build call.
"""

from .._lazy import exporter

_EXPORTS = {
    "TargetMissed": "check",
    "check_inspection": "check",
    "check_paths": "check",
    "expand_paths": "check",
    "nothing_checked": "check",
    "one_line": "check",
    "read_if_inspection": "datafiles",
    "page_note": "check",
    "RULES": "rules",
    "DEFAULT": "targets",
    "ReadingTarget": "targets",
    "UnknownTarget": "targets",
    "find_target": "targets",
    "load_targets": "targets",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
