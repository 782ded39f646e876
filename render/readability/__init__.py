"""Stage 3, readability: is the text easy enough to read for its target?

Text units from documents (Markdown and text: ``markdown``; HTML:
``documents``) and from data files (``datafiles``), in a language
(``language``: only English is scored), split into sentences
(``sentences``), counted (``syllables``, ``scores``), judged by the rules
(``rules``, ``catalogue``, ``lexicon``, ``splits``) against a reading target
(``targets``) and reported (``verdict``). ``check`` is the step both
``easyread check`` and the build call.
"""

from .._lazy import exporter

_EXPORTS = {
    "BUILD_NOTES": "datafiles",
    "GUESSED_PICTURE": "datafiles",
    "TargetMissed": "check",
    "check_inspection": "check",
    "check_paths": "check",
    "expand_paths": "check",
    "nothing_checked": "check",
    "one_line": "verdict",
    "page_note": "verdict",
    "read_if_inspection": "datafiles",
    "RULES": "rules",
    "DEFAULT": "targets",
    "ReadingTarget": "targets",
    "UnknownTarget": "targets",
    "find_target": "targets",
    "load_targets": "targets",
}
__all__ = sorted(_EXPORTS)
__getattr__ = exporter(__name__, _EXPORTS)
