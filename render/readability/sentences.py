"""Split one unit of text (a paragraph, a list item) into sentences.

Unlike textstat, every sentence counts, however short: "Well done." is a
sentence. A full stop ends a sentence only when it is followed by a space
and a word that could start one, and is not part of an abbreviation
("Dr.", "e.g.") or a number ("£1.5m", "7.30"). Emoji and other pictographs
are not words: one after a full stop does not hide the next sentence's
capital, and one between a word and a capital starts a new sentence. Headings and list items are
split by the callers: each is its own unit, with or without a full stop.
"""

from __future__ import annotations

import re

# Abbreviations that are (almost) never the last word of a sentence.
NEVER_LAST = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "rev",
        "st",
        "sr",
        "jr",
        "hon",
        "capt",
        "lt",
        "sgt",
        "insp",
        "supt",
        "e.g",
        "eg",
        "i.e",
        "ie",
        "cf",
        "vs",
        "viz",
        "approx",
        "appt",
        "dept",
    ]
)
# Abbreviations that come before a number ("No. 5", "Jan. 7"); otherwise
# they are ordinary words that may end a sentence ("No.", "the sun.").
BEFORE_NUMBER = frozenset(
    [
        "no",
        "nos",
        "vol",
        "pp",
        "p",
        "para",
        "fig",
        "tel",
        "ref",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
END = re.compile(r"(?:[.!?…]+|\.\.\.)[\"'”’)\]]*(?=\s|$)")
# Emoji and other pictographs, with the joiners and modifiers that build them.
PICTOGRAPH = (
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff"
    "\u3030\u303d\u3297\u3299\U0001f000-\U0001faff\ufe0f\u200d\u20e3]"
)
NEXT_WORD = re.compile(rf"(?:\s|{PICTOGRAPH})+(\S)")
# A pictograph between a word and a capital starts a new sentence:
# "We play games 🎲 We eat lunch" is two sentences.
PICTURE_BREAK = re.compile(rf"(?<=\w)[\s\"'”’)\]]*\s(?={PICTOGRAPH}+\s*[A-Z0-9“\"'(])")
OPENERS = "\"'“‘([£$€#"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence in ``text``, spaces trimmed."""
    spans = []
    start = 0
    ends = [m.end() for m in END.finditer(text) if is_boundary(text, m)]
    if not text.isascii():
        ends = sorted({*ends, *(m.end() for m in PICTURE_BREAK.finditer(text))})
    for end in ends:
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def is_boundary(text: str, match: re.Match[str]) -> bool:
    """Does the punctuation in ``match`` end a sentence?"""
    following = NEXT_WORD.match(text, match.end())
    if following is None:
        return True
    first = following.group(1)
    if not (first.isupper() or first.isdigit() or first in OPENERS):
        return False
    if match.group().rstrip("\"'”’)]") != ".":
        return True
    word = _last_token(text, match.start()).lstrip("\"'“‘(").lower()
    if word in NEVER_LAST or (word in BEFORE_NUMBER and first.isdigit()):
        return False
    # an initial, as in "J. K. Rowling"
    return not (len(word) == 1 and word.isalpha() and first.isupper())


def _last_token(text: str, end: int) -> str:
    """The run of non-space characters that ends at ``end``.

    Found by stepping back from ``end``: a pattern search for it would start
    again from the beginning of the text at every full stop (quadratic).
    """
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return (start, end)
