"""What a reader reads in a file, as units of text that know where they are.

A unit is one heading, list item, table cell, paragraph or data field: the
sentence splitter never joins two units, so a list item without a full stop
is still its own sentence. Each unit maps every offset in its (plain) text
back to the line and column of the file it came from.

Readers here: inspection and framework files (through ``source/read.py`` and the
model), Markdown and plain text, and HTML. Each also collects the inline
``easyread: ignore RULE`` directives of its file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding

# Every kind of file easyread reads as text, by its name's ending: "data" is
# an inspection or framework (readability/datafiles.py), the others are documents
# (readability/documents.py).
KINDS = {
    ".yaml": "data",
    ".yml": "data",
    ".json": "data",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}
YAML_DIRECTIVE = re.compile(r"#\s*easyread:\s*ignore\b(?P<rules>[^#\n]*)")
ALL_RULES = "*"


@dataclass(frozen=True)
class Unit:
    """One heading, list item, cell, paragraph or data field.

    ``path`` is set when the unit comes from another file than the one
    checked: the grade meanings an inspection page shows from its framework.
    """

    text: str
    kind: str
    section: str = ""
    field: str = ""
    anchors: tuple[tuple[int, int, int], ...] = ((0, 1, 1),)
    header_line: int = 0
    emphasis: tuple[tuple[int, int], ...] = ()
    path: str = ""

    def where(self, offset: int) -> tuple[int, int]:
        """Line and column (1-based) of ``offset`` in the unit's text."""
        index = max(bisect.bisect_right(self.anchors, (offset, 1 << 30, 0)) - 1, 0)
        start, line, col = self.anchors[index]
        return line, col + max(offset - start, 0)


@dataclass(frozen=True)
class TextFile:
    """A file read as units, with what the rules need to know about it."""

    path: str
    kind: str
    units: tuple[Unit, ...]
    target: str | None = None
    target_at: tuple[int, int] = (0, 0)
    names: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()
    ignores: dict[int, frozenset[str]] = field(default_factory=dict)
    language: str = ""  # as declared in the file (lang, language), or ""
    language_at: tuple[int, int] = (0, 0)
    # findings about the file that are not about a sentence (guessed
    # pictures, no one to talk to)
    notes: tuple[Finding, ...] = ()


def file_kind(path: Path) -> str | None:
    """What ``path`` is by its name (see ``KINDS``), or None if easyread cannot read it."""
    return KINDS.get(path.suffix.lower())


def directives(text: str, pattern: re.Pattern[str] = YAML_DIRECTIVE) -> dict[int, frozenset[str]]:
    """Line -> rules silenced there, from every ignore directive in ``text``."""
    found: dict[int, frozenset[str]] = {}
    for match in pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found[line] = found.get(line, frozenset()) | parse_rules(match.group("rules"))
    return found


def parse_rules(listed: str) -> frozenset[str]:
    """``"passive-voice, numbers"`` -> the ids; nothing listed means all."""
    ids = frozenset(r for r in re.split(r"[\s,]+", listed.strip()) if r)
    return ids or frozenset({ALL_RULES})


class Lines:
    """Offsets in a file's text <-> 1-based line and column."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, col: int) -> int:
        return self.starts[min(line, len(self.starts)) - 1] + col - 1


def align(unit_text: str, raw: Lines, start: int) -> tuple[tuple[int, int, int], ...]:
    """Anchor each word of ``unit_text`` to where it is written in the file.

    Data values are folded, quoted and marked up in the file, so each word
    is looked for in order from the field's own position.
    """
    anchors = []
    pos = start
    for match in re.finditer(r"\S+", unit_text):
        word = match.group().strip("*")
        found = raw.text.find(word, pos, pos + 400 + len(word)) if word else -1
        if found < 0:
            continue
        anchors.append((match.start() + match.group().find(word), *raw.position(found)))
        pos = found + len(word)
    return tuple(anchors) or ((0, *raw.position(start)),)


def walk_strings(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value in plain data, with its field path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from walk_strings(child, (*loc, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from walk_strings(child, (*loc, index))
