"""Where to break a long sentence, for the ``sentence-too-long`` advice.

A break goes after a comma, colon or dash, or before a word that can start a
new sentence ("because", "which"...); every part keeps at least
``MIN_PART`` words. The advice names the words before each break and the
length of every part.
"""

from __future__ import annotations

from .scores import Word

# Words a new sentence can start with. "and" and "or" are weaker breaks:
# they more often join two nouns ("children and families") than two ideas,
# so they are used only when a sentence has no other place to break.
BREAK_BEFORE = frozenset(
    [
        "but",
        "so",
        "because",
        "which",
        "who",
        "when",
        "while",
        "although",
        "though",
        "if",
        "where",
        "until",
        "before",
        "after",
        "unless",
        "whether",
    ]
)
WEAK_BREAK_BEFORE = frozenset({"and", "or"})
MIN_PART = 5


def suggest_split(words: tuple[Word, ...], sentence_text: str, limit: int) -> str:
    """Where to break a long sentence so every part fits ``limit``."""
    breaks = split_points(words, sentence_text, limit)
    if not breaks:
        return f"say one idea per sentence, in {limit} words or fewer"
    shown = [f'"…{_before(words, sentence_text, b)}"' for b in breaks]
    parts = [b - a for a, b in zip([0, *breaks], [*breaks, len(words)], strict=True)]
    rest = f"; then shorten the parts over {limit} words" if max(parts) > limit else ""
    return (
        f"break it after {' and after '.join(shown)} "
        "and start a new sentence each time "
        f"({' + '.join(map(str, parts))} words){rest}"
    )


def split_points(words: tuple[Word, ...], sentence_text: str, limit: int) -> list[int]:
    """Word indexes to break before: each part as long as ``limit`` allows.

    A break goes after a comma, colon or dash, or before a joining word
    ("because", "which"...); every part keeps at least ``MIN_PART`` words.
    When no break fits the limit, the first one past it is used.
    """
    points: list[int] = []
    start = 0
    while len(words) - start > limit:
        span = range(start + MIN_PART, len(words) - MIN_PART + 1)
        candidates = [i for i in span if _can_break(words, sentence_text, i)] or [
            i for i in span if words[i].text.lower() in WEAK_BREAK_BEFORE
        ]
        if not candidates:
            break
        fits = [i for i in candidates if i - start <= limit]
        points.append(fits[-1] if fits else candidates[0])
        start = points[-1]
    return points


def _can_break(words: tuple[Word, ...], sentence_text: str, index: int) -> bool:
    gap = sentence_text[words[index - 1].end : words[index].start]
    word, before = words[index].text.lower(), words[index - 1].text.lower()
    following = words[index + 1].text.lower() if index + 1 < len(words) else ""
    if word in BREAK_BEFORE and before in WEAK_BREAK_BEFORE:
        return False  # break before "and which", not between them
    return (
        any(mark in gap for mark in ",;:–—")
        or word in BREAK_BEFORE
        or (word in WEAK_BREAK_BEFORE and following in BREAK_BEFORE)
    )


def _before(words: tuple[Word, ...], sentence_text: str, index: int) -> str:
    first = words[max(index - 4, 0)].start
    return sentence_text[first : words[index - 1].end]
