"""The kinds of field the model is made of, each checked as it is validated.

Text is at most ``MAX_TEXT`` characters, with no markup but ``**bold**`` in a
``MarkedSentence`` (see ``model/markup.py``); lists hold at most
``MAX_ITEMS`` items; dates are real dates written YYYY-MM-DD; web addresses
are http or https only; a ``LocalText`` may be written once for each
language.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    HttpUrl,
    StringConstraints,
)

from . import markup as text

MAX_TEXT = 1_000
MAX_ITEMS = 100
# All the text of one summary; about 6 times our longest real one (35 pages
# of PDF, a few seconds to render). Easy read for children is 1 to 4 pages.
MAX_TOTAL_TEXT = 30_000

T = TypeVar("T")


class FieldError(ValueError):
    """A check across fields that blames one of them, named by ``field``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _markup(bold: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        problems = text.markup_problems(value, bold=bold)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    return check


def _one_line(value: str) -> str:
    return " ".join(value.split())


_Stripped = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
]
# A name, a title or a word: plain text.
Text = Annotated[_Stripped, AfterValidator(_markup(bold=False))]
# One line of plain text (line breaks in the file become spaces).
Sentence = Annotated[_Stripped, AfterValidator(_markup(bold=False)), AfterValidator(_one_line)]
# A sentence a layout shows with the writer's markup: **bold** for a hard word.
MarkedSentence = Annotated[_Stripped, AfterValidator(_markup(bold=True)), AfterValidator(_one_line)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]
# A name that model/validate.py looks up (a framework, a grade): any short text here.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: object) -> object:
    """A real date, from a date or from text written YYYY-MM-DD (JSON has no dates)."""
    if isinstance(value, dt.datetime):
        raise ValueError("write the day only, without a time: YYYY-MM-DD")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()) and len(value.strip()) > 10:
        raise ValueError(
            f"'{value.strip()[:40]}' has more than a day in it: write the day only, as YYYY-MM-DD"
        )
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise ValueError(
            f"{_shown(value)} is not a date: write it as YYYY-MM-DD, for example 2013-02-15"
        )
    year, month, day = (int(part) for part in value.strip().split("-"))
    if year < 1:
        raise ValueError(f"{value.strip()} is not a real date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"{value.strip()} is not a real date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = dt.date(year, month, 1).strftime("%B %Y")
        raise ValueError(f"{value.strip()} is not a real date: {month_name} has {days} days")
    return dt.date(year, month, day)


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f"'{value[:40]}'"
    if isinstance(value, dict | list):
        return "a set of fields" if isinstance(value, dict) else "a list"
    return "nothing" if value is None else f"'{value}'"


def _whole(value: object) -> object:
    """Refuse true/false where a number belongs (pydantic would take them as 1/0)."""
    if isinstance(value, bool):
        raise ValueError(f"write a whole number here, not {str(value).lower()}")
    return value


def _few(value: object) -> object:
    if isinstance(value, list) and len(value) > MAX_ITEMS:
        raise ValueError(
            f"this list has {len(value):,} items, more than {MAX_ITEMS}: an easy-read "
            "summary keeps to the most important ones"
        )
    return value


def _points(value: object) -> object:
    """A list of points may be written as plain sentences."""
    value = _few(value)
    if isinstance(value, list):
        return [{"text": x} if isinstance(x, str) else x for x in value]
    return value


def _web_address(url: HttpUrl) -> HttpUrl:
    if url.username or url.password:
        raise ValueError(
            "a web address must not hold a user name or password "
            "(text before '@'): write the address of the page itself"
        )
    return url


Date = Annotated[dt.date, BeforeValidator(_date)]
Whole = Annotated[int, BeforeValidator(_whole)]
Few = Annotated[tuple[T, ...], BeforeValidator(_few)]
WebAddress = Annotated[HttpUrl, AfterValidator(_web_address)]


class Frozen(BaseModel):
    """Base for every model class: immutable, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


def _localised(inner: Any) -> Any:
    """Text that may be written once, or once for each language::

    name: Good
    name: {en: Good, cy: Da}
    """
    return Annotated[inner | dict[LanguageTag, inner], AfterValidator(_some_language)]


def _some_language(value: object) -> object:
    if isinstance(value, dict) and not value:
        raise ValueError("write the text, or one text for each language (en: ..., cy: ...)")
    return value


def in_language(value: str | dict[str, str] | None, language: str) -> str | None:
    """``value`` for ``language``: the text itself, else the text written for
    that language (``cy`` matches ``cy-GB``); ``None`` if there is none."""
    if value is None or isinstance(value, str):
        return value
    primary = language.split("-")[0].lower()
    for tag in (language, primary):
        if tag in value:
            return value[tag]
    return next((v for tag, v in value.items() if tag.split("-")[0].lower() == primary), None)


LocalText = _localised(Text)
LocalSentence = _localised(Sentence)
