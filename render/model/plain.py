"""pydantic's errors in plain words, each pointing at the user's own line.

``problem`` turns one pydantic error into a ``Problem``: the field path as
the user wrote it, and a message that says what is wrong and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ..errors import Problem, did_you_mean
from ..source import FieldPath, Source
from .fields import MAX_TEXT, FieldError

# steps pydantic may add to an error's location, such as "function-after[...]"
_PYDANTIC_STEP = re.compile(
    r"(function-(before|after|wrap|plain)|tagged-union|union|"
    r"nullable|chain|lax-or-strict)\["
)


def problem(model: type[BaseModel], source: Source, error: Any) -> Problem:
    loc: FieldPath = tuple(
        p for p in error["loc"] if not (isinstance(p, str) and _PYDANTIC_STEP.match(p))
    )
    blamed = error.get("ctx", {}).get("error")
    if isinstance(blamed, FieldError):
        loc = (*loc, blamed.field)
    return source.problem(loc, _message(model, loc, error))


def _message(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    kind = error["type"]
    for prefix, words in _MESSAGES:
        if kind == prefix or kind.startswith(prefix + "_"):
            return words(model, loc, error)
    return f"this value is not right here ({_describe(error.get('input'))})"


def _text(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    value = error.get("input")
    if value is None:
        return "this is empty: write text here"
    if isinstance(value, bool | int | float):
        return f"write text here, not {_describe(value)}: to keep it as written, put it in quotes"
    return f"write text here, not {_describe(value)}"


def _string_too_short(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return "this text is empty: write something here"


def _string_too_long(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    size = len(error.get("input", ""))
    limit = error.get("ctx", {}).get("max_length", MAX_TEXT)
    return (
        f"this text is {size:,} characters long, more than {limit:,}: "
        "make it shorter or split it into more points"
    )


def _pattern(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    value = _describe(error.get("input"))
    if loc and loc[-1] == "language":
        return f"{value} is not a language tag: write one such as en-GB"
    return f"{value} is not allowed here: use lower-case letters, digits and '-'"


def _whole(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return f"write a whole number here, not {_describe(error.get('input'))}"


def _bool(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return f"write true or false here, not {_describe(error.get('input'))}"


def _list(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return f"write a list here (lines starting with '- '), not {_describe(error.get('input'))}"


def _fields(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    value = _describe(error.get("input"))
    if loc and isinstance(loc[-1], int):
        return f"write a sentence here (or text: and icon:), not {value}"
    return f"write a set of fields here (name: value, one a line), not {value}"


def _too_short(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return "this list is empty: write at least one item"


def _url(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    if error["type"] == "url_too_long":
        return "this web address is too long: write the address of the page itself"
    if error["type"] == "url_scheme":
        return (
            f"{_describe(error.get('input'))} is not a web page: the address must "
            "start with https:// (or http://)"
        )
    return (
        f"{_describe(error.get('input'))} is not a web address: write it in full, "
        "starting https:// (or http://)"
    )


def _range(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    ctx = error.get("ctx", {})
    bound = ctx.get("ge", ctx.get("le"))
    side = "at least" if error["type"] == "greater_than_equal" else "at most"
    return f"{error.get('input')} is out of range: it must be {side} {bound}"


def _value_error(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return str(error.get("ctx", {}).get("error", "this value is not right here"))


def _missing(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    return (
        f"this field is required: add '{loc[-1]}: ...'" if loc else "this field is required: add it"
    )


def _extra(model: type[BaseModel], loc: FieldPath, error: Any) -> str:
    known = list(fields_at(model, loc[:-1]))
    return (
        f"unknown field '{loc[-1]}'{did_you_mean(str(loc[-1]), known)}: "
        "remove it or check the spelling"
    )


Words = Callable[[type[BaseModel], FieldPath, Any], str]
# pydantic's error types (a type, or the start of several) -> plain words.
_MESSAGES: list[tuple[str, Words]] = [
    ("missing", _missing),
    ("extra_forbidden", _extra),
    ("string_type", _text),
    ("string_too_short", _string_too_short),
    ("string_too_long", _string_too_long),
    ("string_pattern_mismatch", _pattern),
    ("int", _whole),
    ("finite_number", _whole),
    ("bool", _bool),
    ("list_type", _list),
    ("tuple_type", _list),
    ("model_type", _fields),
    ("model_attributes_type", _fields),
    ("dict_type", _fields),
    ("too_short", _too_short),
    ("url", _url),
    ("greater_than_equal", _range),
    ("less_than_equal", _range),
    ("value_error", _value_error),
]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def fields_at(model: type[BaseModel], loc: FieldPath) -> list[str]:
    """The field names a model accepts at ``loc`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    is_model = isinstance(current, type) and issubclass(current, BaseModel)
    return list(current.model_fields) if is_model else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
