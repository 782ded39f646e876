"""The writer's small markup: plain text, with **bold** for a hard word.

Every string from the data is escaped; the only markup that survives is
``**word**``, which becomes ``<strong>``. Glossary words are bolded too, so
the reader sees which words are explained.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

BOLD = re.compile(r"\*\*(?P<inner>[^*\n]+?)\*\*")


def plain(text: str) -> str:
    """``text`` without markup: what a reader hears or a checker reads."""
    return BOLD.sub(r"\g<inner>", text)


def word_pattern(word: str) -> re.Pattern[str]:
    """Match ``word`` as a whole word, with a plural ending."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])", re.IGNORECASE)


def words_in(text: str, words: Iterable[str]) -> list[str]:
    """The glossary ``words`` that ``text`` uses, in glossary order."""
    flat = plain(text)
    return [w for w in words if word_pattern(w).search(flat)]


def to_html(text: str, bold_words: Iterable[str] = ()) -> Markup:
    """Escape ``text``; turn ``**x**`` and each of ``bold_words`` into <strong>."""
    spans = [(m.start(), m.end(), m.group("inner")) for m in BOLD.finditer(text)]
    pieces: list[str] = []
    pos = 0
    for start, end, inner in spans:
        pieces.append(_bold_words(text[pos:start], bold_words))
        pieces.append(Markup("<strong>%s</strong>") % inner)
        pos = end
    pieces.append(_bold_words(text[pos:], bold_words))
    return Markup("").join(pieces)


def _bold_words(text: str, words: Iterable[str]) -> Markup:
    patterns = [word_pattern(w) for w in words]
    if not patterns:
        return escape(text)
    matches = sorted(
        (m.start(), m.end()) for p in patterns for m in p.finditer(text)
    )
    out: list[str] = []
    pos = 0
    for start, end in matches:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<strong>%s</strong>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)
