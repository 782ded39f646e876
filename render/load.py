"""Read a YAML or JSON file into plain data plus a source map.

The source map takes a field path such as ``("going_well", 2, "text")`` to
the 1-based line and column where it was written, so that every later
problem can point at the user's own line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import InputError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
MAX_VALUES = 50_000

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Source:
    """Plain data read from ``path``, and where each field was written."""

    path: Path
    data: Any
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

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
    """``("going_well", 2, "text")`` -> ``going_well[2].text``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_source(path: Path, max_bytes: int = MAX_BYTES) -> Source:
    """Parse ``path`` (YAML or JSON), or raise ``InputError`` saying why not."""
    text = _read_text(path, max_bytes)
    if not text.strip():
        raise InputError.single(path, "the file is empty: write the inspection in it")
    try:
        tree = _parser().load(text)
    except MarkedYAMLError as exc:
        raise InputError([_syntax_problem(path, exc)]) from None
    except YAMLError as exc:  # errors with no position
        raise InputError.single(path, f"cannot read this file: {exc}") from None
    except RecursionError:
        raise InputError.single(
            path, f"the file is nested too deeply (more than {MAX_DEPTH} levels)"
        ) from None
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise InputError.single(
            path,
            f"the file holds {kind}, but an inspection is a set of fields "
            "such as 'title: ...' and 'area: ...'",
        )
    positions: dict[FieldPath, tuple[int, int]] = {(): (1, 1)}
    walker = _Walker(path, positions)
    data = walker.plain(tree, ())
    return Source(path, data, positions)


def _read_text(path: Path, max_bytes: int) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError.single(
                path,
                f"the file is {size:,} bytes, more than the limit of {max_bytes:,}: "
                "split it, or raise the limit with --max-bytes",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(path, "no such file: check the name") from None
    except IsADirectoryError:
        raise InputError.single(path, "this is a folder, not a file") from None
    except OSError as exc:
        raise InputError.single(path, f"cannot read the file: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError.single(
            path,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8 text: "
            "save the file as UTF-8 in your editor",
            line,
            col,
        ) from None


def _parser() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _syntax_problem(path: Path, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "cannot read this file"
    if "duplicate key" in what:
        key = what.split('"')[1] if '"' in what else ""
        message = f"the field '{key}' is written twice: keep one of them"
    else:
        message = f"this is not valid YAML or JSON: {what}"
        if exc.context and exc.problem:
            message += f" ({exc.context})"
    return Problem(str(path), line, col, "", message)


class _Walker:
    """Turn ruamel's round-trip tree into plain dicts and lists."""

    def __init__(self, path: Path, positions: dict[FieldPath, tuple[int, int]]):
        self.path = path
        self.positions = positions
        self.count = 0
        self.seen: set[int] = set()

    def plain(self, node: Any, loc: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            self._fail(loc, f"the file has more than {MAX_VALUES:,} values: split it")
        if len(loc) > MAX_DEPTH:
            self._fail(loc, f"the file is nested too deeply (more than {MAX_DEPTH} levels)")
        if isinstance(node, CommentedMap | CommentedSeq):
            if id(node) in self.seen:
                self._fail(loc, "anchors and aliases (& and *) are not allowed: "
                           "write the value out in full")
            self.seen.add(id(node))
        if isinstance(node, CommentedMap):
            out = {}
            for key, value in node.items():
                child = (*loc, str(key))
                line, col = node.lc.key(key)
                self.positions[child] = (line + 1, col + 1)
                out[str(key)] = self.plain(value, child)
            return out
        if isinstance(node, CommentedSeq):
            out_list = []
            for index, value in enumerate(node):
                child = (*loc, index)
                line, col = node.lc.item(index)
                self.positions[child] = (line + 1, col + 1)
                out_list.append(self.plain(value, child))
            return out_list
        if isinstance(node, str):
            return str(node)
        return node

    def _fail(self, loc: FieldPath, message: str) -> None:
        line, col = self.positions.get(loc, (1, 1))
        raise InputError([Problem(str(self.path), line, col, format_field(loc), message)])
