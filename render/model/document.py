"""The validated, immutable inspection model.

Everything a layout may show comes from here. Input passes through
``source/read.py`` (plain data plus a source map) and is validated into these
classes; templates never see raw input.

Text is checked as it is validated: at most ``MAX_TEXT`` characters, no
markup but ``**bold**`` in a ``MarkedSentence`` (see ``model/markup.py``); lists
hold at most ``MAX_ITEMS`` items; dates are real dates written YYYY-MM-DD;
web addresses are http or https only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..source import PICTURE_TYPES
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

# The longest web address, as the QR code holds it: 500 characters make a
# code of 93 modules, each about half a millimetre in the printed 45 mm; a
# real report's address is 40 to 120 characters long.
MAX_WEB_ADDRESS = 500

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
    written = len(str(url))  # as the QR code holds it: letters outside ASCII become %XX
    if written > MAX_WEB_ADDRESS:
        raise ValueError(
            f"this web address is {written:,} characters long once written for the web "
            f"(letters outside A-Z take 6 each), more than {MAX_WEB_ADDRESS}: its QR code "
            "would be too fine for a phone to read in print; give a shorter address"
        )
    return url


Date = Annotated[dt.date, BeforeValidator(_date)]
Whole = Annotated[int, BeforeValidator(_whole)]
Few = Annotated[tuple[T, ...], BeforeValidator(_few)]
WebAddress = Annotated[HttpUrl, AfterValidator(_web_address)]


class Frozen(BaseModel):
    """Base for every model class: immutable, and no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --- frameworks (data/frameworks/*.yaml) ---------------------------------------


class Grade(Frozen):
    """One step of a framework's scale, with what it means for a child."""

    id: Slug
    name: Text
    meaning: Sentence


class Framework(Frozen):
    """An inspection framework: who uses it and the scale it grades on.

    A framework with an empty scale gives no grades (a joint targeted area
    inspection, for example); one with ``overall_grade: false`` grades parts
    only (school report cards).
    """

    id: Slug
    name: Text
    inspectorate: Text
    years: Text
    overall_grade: bool = True
    scale: Few[Grade] = ()
    about: Sentence | None = None

    @property
    def graded(self) -> bool:
        return bool(self.scale)

    def grade(self, grade_id: str) -> Grade | None:
        return next((g for g in self.scale if g.id == grade_id), None)


# --- inspections (data/*.yaml) --------------------------------------------------


def _inside_folder(value: str) -> str:
    """A picture's file name must stay in the data file's folder."""
    if "\\" in value:
        raise ValueError(f"'{value}': write folders with '/', not '\\'")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        raise ValueError(
            f"'{value}' is an absolute path: name the file "
            "from the data file's folder, for example pictures/hub.png"
        )
    if ".." in value.split("/"):
        raise ValueError(
            f"'{value}' leaves the data file's folder ('..'): "
            "put the picture in that folder or below it"
        )
    suffix = "." + value.rsplit(".", 1)[-1].lower() if "." in value else ""
    if suffix not in PICTURE_TYPES:
        raise ValueError(
            f"'{value}' is not a picture type easyread embeds: use a .png, .jpg, .jpeg or .svg file"
        )
    return value


class Picture(Frozen):
    """A picture file beside the data file, with the alt text that says what
    it shows (read out instead of the picture)."""

    file: Annotated[Text, AfterValidator(_inside_folder)]
    alt: Sentence

    @field_validator("alt")
    @classmethod
    def _alt_is_words(cls, alt: str, info: ValidationInfo) -> str:
        file = info.data.get("file", "")
        if file and alt.lower() == file.rsplit("/", 1)[-1].lower():
            raise ValueError("this is the file name: write what the picture shows")
        return alt


class Point(Frozen):
    """One idea, shown as one list item with a picture to its left: the
    data's own picture, else an icon."""

    text: MarkedSentence
    icon: Slug | None = None
    picture: Picture | None = None


Points = Annotated[tuple[Point, ...], BeforeValidator(_points)]


class Inspectorate(Frozen):
    name: Text
    about: Sentence | None = None


class Dates(Frozen):
    start: Date
    end: Date

    @model_validator(mode="after")
    def _in_order(self) -> Dates:
        if self.end < self.start:
            raise FieldError(
                "end",
                f"the visit ends ({self.end}) before it starts ({self.start}): check the two dates",
            )
        return self


class Audience(Frozen):
    """Who the summary is written for."""

    min_age: Whole = Field(ge=4, le=25)
    max_age: Whole = Field(ge=4, le=99)
    who: MarkedSentence

    @model_validator(mode="after")
    def _in_order(self) -> Audience:
        if self.max_age < self.min_age:
            raise FieldError(
                "max_age",
                f"max_age ({self.max_age}) is less than min_age ({self.min_age}): "
                "check the two ages",
            )
        return self


class PartGrade(Frozen):
    """A sub-judgement: one part of the service and its grade."""

    area: Sentence
    grade: Name


class Judgement(Frozen):
    """Grades on the framework's own scale; absent when it gives none."""

    what: MarkedSentence
    overall: Name | None = None
    parts: Few[PartGrade] = ()


class Fact(Frozen):
    """A fact with numbers: "8 of the 22 children who could go, went"."""

    text: MarkedSentence
    count: Whole = Field(ge=0)
    out_of: Whole | None = Field(default=None, ge=1)
    icon: Slug | None = None

    @model_validator(mode="after")
    def _count_fits(self) -> Fact:
        if self.out_of is not None and self.count > self.out_of:
            raise FieldError("count", f"count ({self.count}) is more than out_of ({self.out_of})")
        return self


class Reply(Frozen):
    """What the council (or provider) said about the report."""

    who: MarkedSentence
    said: Points = Field(min_length=1)


class Contact(Frozen):
    """Someone a child can talk to."""

    who: Sentence
    how: MarkedSentence
    icon: Slug | None = None


class Word(Frozen):
    """A hard word and what it means, in easy words."""

    word: Text
    meaning: Sentence


class FullReport(Frozen):
    url: WebAddress
    title: Sentence | None = None


class Inspection(Frozen):
    """One inspection, as the easy-read summary tells it."""

    title: Sentence
    target: Slug = "reading-age-9"
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en-GB"
    area: Text
    kind: Sentence
    framework: Name
    inspectorates: Few[Inspectorate] = Field(min_length=1)
    visit: Dates | None = None  # some sources give no visit dates
    published: Date | None = None  # leave out when the source does not say
    audience: Audience
    about: Points = Field(min_length=1)
    judgement: Judgement | None = None
    going_well: Points = Field(min_length=1)
    to_improve: Points = ()
    facts: Few[Fact] = ()
    next_steps: Points = Field(min_length=1)
    reply: Reply | None = None
    full_report: FullReport
    talk_to: Few[Contact] = Field(min_length=1)
    glossary: Few[Word] = ()
    pictures: Few[Picture] = ()

    @model_validator(mode="after")
    def _not_too_long(self) -> Inspection:
        size = _text_size(self)
        if size > MAX_TOTAL_TEXT:
            raise ValueError(
                f"the summary has {size:,} characters of text, more than "
                f"{MAX_TOTAL_TEXT:,}: "
                "an easy-read summary for children is 1 to 4 pages, so keep to what "
                "matters most"
            )
        return self

    @model_validator(mode="after")
    def _published_after_visit(self) -> Inspection:
        if self.visit and self.published and self.published < self.visit.end:
            raise FieldError(
                "published",
                f"published ({self.published}) is before the visit ended "
                f"({self.visit.end}): a report comes out after the visit",
            )
        return self


def _text_size(value: object) -> int:
    """How many characters of text ``value`` holds, in every field and list."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, tuple):
        return sum(_text_size(item) for item in value)
    if isinstance(value, BaseModel):
        return sum(_text_size(getattr(value, name)) for name in type(value).model_fields)
    return 0


class Document(Frozen):
    """A validated inspection with its framework and where it came from."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    inspection: Inspection
    framework: Framework
    # file -> data: URL of each picture the inspection names (read and
    # checked by model/validate.py, so later stages never touch the user's files)
    pictures: dict[str, str] = Field(default_factory=dict)
