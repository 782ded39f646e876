"""A locked-down YAML 1.2 parser (JSON is read by it too), with errors in plain words.

ruamel.yaml's round-trip loader keeps where every key and item was written;
this module narrows what it accepts to plain data: no anchors or aliases (so
no "billion laughs"), no tags (so nothing is turned into a Python object),
a limit on nesting and on the number of values, and dates kept as the text
that was written (``model/validate.py`` checks them, the same for YAML and JSON).
Every parser error becomes one ``Problem`` saying what to do.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from ..errors import BIDI_CONTROLS, Problem

MAX_DEPTH = 32
# a valid summary has at most a few thousand (lists of 100 items, a few fields each)
MAX_VALUES = 20_000


class Refused(Exception):
    """The text is valid YAML, but uses something easyread does not accept."""

    def __init__(self, message: str, mark: Any):
        super().__init__(message)
        self.message = message
        self.line, self.col = mark.line + 1, mark.column + 1


class _StrictComposer(Composer):
    """Composes nodes like ruamel's, refusing aliases, tags and deep nesting."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise Refused(
                f"'*{event.anchor}' repeats another part of the file, and "
                "anchors and aliases (& and *) are not allowed: write the value "
                "out in full",
                event.start_mark,
            )
        if event.anchor is not None:
            raise Refused(
                f"'&{event.anchor}' names a part of the file to repeat, and "
                "anchors and aliases (& and *) are not allowed: remove it",
                event.start_mark,
            )
        if isinstance(event, ScalarEvent) and event.value == "<<" and not event.style:
            raise Refused(
                "'<<' merges another part of the file into this one, and merge "
                "keys are not allowed: write each field out in full",
                event.start_mark,
            )
        tag = getattr(event, "ctag", None)
        if tag is not None and str(tag) != "!":
            raise Refused(
                f"tags such as '{_shorthand(tag)}' are not allowed: remove it "
                "(to make a value text, put it in quotes)",
                event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise Refused(
                f"the file is nested too deeply (more than {MAX_DEPTH} levels): "
                "an inspection needs only a few",
                event.start_mark,
            )
        self.values += 1
        if self.values > MAX_VALUES:
            raise Refused(
                f"the file has more than {MAX_VALUES:,} values: "
                "an easy-read summary needs far fewer",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _shorthand(tag: Any) -> str:
    """``tag:yaml.org,2002:binary`` -> ``!!binary``, as the writer wrote it."""
    return str(tag).replace("tag:yaml.org,2002:", "!!", 1)


# No field takes a number longer than this; Python refuses to read one of
# over 4,300 digits, and a long one is a mistake (or an attack) anyway.
MAX_DIGITS = 20


class _TextDates(RoundTripConstructor):
    """Keeps a date as the text that was written: JSON has no dates, and an
    impossible date such as 2013-02-30 must become a clear error, not a crash.
    A number of more than ``MAX_DIGITS`` digits is refused where it stands."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> str:
        return str(node.value)

    def construct_yaml_int(self, node: Any) -> Any:
        _refuse_long_number(node)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: Any) -> Any:
        _refuse_long_number(node)
        return super().construct_yaml_float(node)


def _refuse_long_number(node: Any) -> None:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_DIGITS:
        raise Refused(
            f"this number has {digits:,} digits, more than the {MAX_DIGITS} any field "
            "takes: write the number you mean, or put text in quotes",
            node.start_mark,
        )


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_yaml_timestamp)
_TextDates.add_constructor("tag:yaml.org,2002:int", _TextDates.construct_yaml_int)
_TextDates.add_constructor("tag:yaml.org,2002:float", _TextDates.construct_yaml_float)


def parse_yaml(text: str) -> Any:
    """Parse ``text`` as one YAML (or JSON) document into ruamel's round-trip tree.

    Raises ``Refused``, ``MarkedYAMLError`` or ``ReaderError`` (see ``syntax_problem``).
    """
    _refuse_bidi_controls(text)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _StrictComposer
    yaml.Constructor = _TextDates
    return yaml.load(text)


_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _refuse_bidi_controls(text: str) -> None:
    found = _BIDI.search(text)
    if found is None:
        return
    at = found.start()
    line = text.count("\n", 0, at)
    mark = SimpleNamespace(line=line, column=at - (text.rfind("\n", 0, at) + 1))
    raise Refused(
        f"the file has a hidden character that changes the direction of text "
        f"(U+{ord(text[at]):04X}) here: it can make words show in another order "
        "than they are written; remove it",
        mark,
    )


def syntax_problem(path: Path, text: str, exc: Exception) -> Problem:
    """One ``Problem`` in plain words for an error raised by ``parse_yaml``."""
    if isinstance(exc, Refused):
        return Problem(str(path), exc.line, exc.col, "", exc.message)
    if isinstance(exc, ReaderError):
        return _reader_problem(path, text, exc)
    if isinstance(exc, MarkedYAMLError):
        return _marked_problem(path, exc)
    assert isinstance(exc, YAMLError)
    return Problem(str(path), 1, 1, "", f"this is not valid YAML or JSON: {exc}")


def _reader_problem(path: Path, text: str, exc: ReaderError) -> Problem:
    position = max(0, min(int(exc.position), len(text)))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    code = exc.character if isinstance(exc.character, int) else 0
    return Problem(
        str(path),
        line,
        col,
        "",
        f"the file has a hidden control character (U+{code:04X}) here: remove it",
    )


# What ruamel says (its "problem", and its "context" when it matters) -> plain words.
_SYNTAX: list[tuple[str, str, str]] = [
    (
        r"found duplicate key \"(?P<key>[^\"]*)\"",
        "",
        "the field '{key}' is written twice: keep one of them",
    ),
    (
        r"found character '\\t' that cannot start any token",
        "",
        "there is a tab here: indent with spaces, not tabs",
    ),
    (
        r"found character '(?P<ch>.+)' that cannot start any token",
        "",
        "a value cannot start with '{ch}': put the whole text in quotes",
    ),
    (
        r"mapping values are not allowed here",
        "",
        "there is a ':' where it cannot be: if the text has ': ' in it, "
        "put the whole text in quotes",
    ),
    (
        r"found unexpected end of stream",
        "quoted scalar",
        "this quote is never closed: add the closing quote at the end of the text",
    ),
    (
        r"expected ',' or '\]'",
        "",
        "a ',' between two items, or the ']' that closes this list, is missing",
    ),
    (
        r"expected ',' or '\}'",
        "",
        "a ',' between two fields, or the '}}' that closes this set of fields, is missing",
    ),
    (
        r"expected <block end>, but found '<scalar>'",
        "",
        "this text is not part of any field: check the indentation, or put the "
        "whole value in quotes",
    ),
    (
        r"expected <block end>",
        "",
        "the indentation is wrong here: fields of the same level must start in the same column",
    ),
    (
        r"sequence entries are not allowed here",
        "",
        "this list item ('- ') is not lined up with the rest of the list: check the indentation",
    ),
    (
        r"could not find expected ':'",
        "",
        "a field name needs ':' after it (or this line is not indented like the one above it)",
    ),
    (
        r"but found another document",
        "",
        "the file holds more than one document ('---'): keep one inspection in each file",
    ),
    (
        r"found unknown escape character '(?P<ch>.*)'",
        "",
        "'\\{ch}' is not a known escape in double quotes: write '\\\\' for a "
        "backslash, or use single quotes",
    ),
    (
        r"expected a comment or a line break",
        "block scalar",
        "after '|' or '>' the text starts on the next line, indented: move it there",
    ),
    (
        r"expected '<document start>'",
        "",
        "there is more text after the end of the data: remove it",
    ),
    (
        r"expected chomping or indentation indicators",
        "",
        "after '|' or '>' the text starts on the next line, indented: move it there",
    ),
    (r"expected the node content", "", "a value is missing or in the wrong place here"),
]


def _at_end(problem: str) -> bool:
    return "end of stream" in problem or "<stream end>" in problem


def _marked_problem(path: Path, exc: MarkedYAMLError) -> Problem:
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    for pattern, in_context, words in _SYNTAX:
        found = re.search(pattern, problem) or re.search(pattern, context)
        if found and in_context in context:
            if _at_end(problem) and exc.context_mark is not None:
                mark = exc.context_mark  # point at what was never closed
            message = words.format(**found.groupdict())
            break
    else:
        message = f"this is not valid YAML or JSON: {problem or context}"
        if problem and context:
            message += f" ({context})"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(str(path), line, col, "", message)
