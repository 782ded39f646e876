"""Read a YAML or JSON file into plain data plus a source map.

The source map takes a field path such as ``("going_well", 2, "text")`` to
the 1-based line and column where it was written, so that every later
problem can point at the user's own line. The file is read whole (a
byte-order mark is fine) but never more than ``max_bytes`` of it; the parser
itself is ``source/parser.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

from ..errors import InputError, Problem
from .files import MAX_BYTES, read_text
from .parser import Refused, parse_yaml, syntax_problem

SUFFIXES = (".yaml", ".yml", ".json")
_NAME = re.compile(r"[A-Za-z_][\w-]*")
_SURROGATE = re.compile("[\ud800-\udfff]")

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Plain data read from ``path``, and where each field was written."""

    path: Path
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    text: str = ""  # the file as read, so later stages never read it again

    def where(self, loc: FieldPath) -> tuple[int, int]:
        """Line and column of ``loc``, or of its nearest written parent."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.positions:
                return self.positions[loc[:end]]
        return (1, 1)

    def problem(self, loc: FieldPath, message: str) -> Problem:
        line, col = self.where(loc)
        return Problem(str(self.path), line, col, format_field(loc), message)


def format_field(loc: FieldPath) -> str:
    """``("going_well", 2, "text")`` -> ``going_well[2].text``; odd names in quotes."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:
            out += f"['{part}']"
    return out


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> Source:
    """Parse ``path`` (YAML or JSON), or raise ``InputError`` saying why not."""
    text = read_text(path, max_bytes)
    if not text.strip():
        raise InputError.single(path, "the file is empty: write the inspection in it")
    try:
        tree = parse_yaml(text)
    except (Refused, YAMLError) as exc:
        raise InputError([_unreadable(path, syntax_problem(path, text, exc))]) from None
    if not isinstance(tree, CommentedMap):
        raise InputError([_unreadable(path, Problem(str(path), 1, 1, "", _not_fields(tree)))])
    walker = _Walker(path)
    data = walker.plain(tree, ())
    if walker.problems:
        raise InputError(walker.problems)
    return Source(path, data, walker.positions, text)


def _unreadable(path: Path, problem: Problem) -> Problem:
    """``problem``, or, for a file not named as YAML or JSON, what it is not.

    Any name is built if its content is an inspection; but YAML advice about
    a Markdown or HTML file that will never parse would mislead.
    """
    if path.suffix.lower() in SUFFIXES:
        return problem
    what = f"this {path.suffix} file" if path.suffix else "this file"
    return Problem(
        str(path),
        1,
        1,
        "",
        f"{what} is not an inspection: easyread builds inspection files "
        f"({', '.join(SUFFIXES)}); to check how easy a document is to read, "
        "use 'easyread check'",
    )


def field_names(path: Path, max_bytes: int = MAX_BYTES) -> list[str] | None:
    """The top-level field names of ``path``, read leniently, or None if it
    cannot be read or is not YAML (or JSON) at all.

    Anchors, tags and the like, which ``read_source`` refuses, are fine here:
    only the parser's events are looked at, and no value is built. This
    tells what a file easyread cannot read was meant to be.
    """
    try:
        text = read_text(path, max_bytes)
    except InputError:
        return None
    names: list[str] = []
    depth, nodes, in_fields = 0, 0, False
    try:
        for event in YAML(typ="safe").parse(text):
            if depth == 1 and in_fields and isinstance(event, _NODE_EVENTS):
                if nodes % 2 == 0 and isinstance(event, ScalarEvent):
                    names.append(event.value)  # a field name, not its value
                nodes += 1
            if isinstance(event, CollectionStartEvent):
                if depth == 0:
                    in_fields, nodes = isinstance(event, MappingStartEvent), 0
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None
    return names


_NODE_EVENTS = (ScalarEvent, AliasEvent, CollectionStartEvent)


def _not_fields(tree: Any) -> str:
    if tree is None:
        return "the file has only comments: write the inspection in it"
    kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
    return (
        f"the file holds {kind}, but an inspection is a set of fields "
        "such as 'title: ...' and 'area: ...'"
    )


class _Walker:
    """Turn ruamel's round-trip tree into plain dicts, lists and scalars."""

    def __init__(self, path: Path):
        self.path = path
        self.positions: dict[FieldPath, tuple[int, int]] = {(): (1, 1)}
        self.problems: list[Problem] = []

    def plain(self, node: Any, loc: FieldPath) -> Any:
        if isinstance(node, CommentedMap):
            return self._fields(node, loc)
        if isinstance(node, CommentedSeq):
            return self._items(node, loc)
        if isinstance(node, str):
            return self._text(node, loc)
        if isinstance(node, bool) or node is None:
            return None if node is None else bool(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        self._problem(loc, "this value cannot be read: write text, a number or a list")
        return None

    def _fields(self, node: CommentedMap, loc: FieldPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            line, col = node.lc.key(key)
            name = self._key(key, loc, (line + 1, col + 1))
            if name is None:
                continue
            child = (*loc, name)
            self.positions[child] = (line + 1, col + 1)
            if name in out:
                self._problem(child, f"the field '{name}' is written twice: keep one of them")
            out[name] = self.plain(value, child)
        return out

    def _items(self, node: CommentedSeq, loc: FieldPath) -> list[Any]:
        out: list[Any] = []
        for index, value in enumerate(node):
            child = (*loc, index)
            line, col = node.lc.item(index)
            self.positions[child] = (line + 1, col + 1)
            out.append(self.plain(value, child))
        return out

    def _key(self, key: Any, loc: FieldPath, where: tuple[int, int]) -> str | None:
        """A field name as text, or ``None`` (and a problem) if it cannot be one."""
        if isinstance(key, str):
            return self._text(key, loc)
        if isinstance(key, bool | int | float):
            return str(key).lower() if isinstance(key, bool) else str(key)
        what = "missing before ':'" if key is None else "a list or a set of fields"
        self.problems.append(
            Problem(
                str(self.path),
                *where,
                format_field(loc),
                f"a field name is {what}: write a name such as 'title'",
            )
        )
        return None

    def _text(self, value: str, loc: FieldPath) -> str:
        text = str(value)
        if not _SURROGATE.search(text):
            return text
        try:  # JSON writes characters outside the BMP as two escapes: join them
            return text.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            half = _SURROGATE.search(text)
            self._problem(
                loc,
                (
                    f"'\\u{ord(half.group()):04x}' is only half of a character "
                    "(a pair of \\u escapes makes one): write the character itself"
                ),
            )
            return _SURROGATE.sub("\ufffd", text)

    def _problem(self, loc: FieldPath, message: str) -> None:
        line, col = self.positions.get(loc, (1, 1))
        self.problems.append(Problem(str(self.path), line, col, format_field(loc), message))
