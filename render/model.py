"""The validated, immutable inspection model.

Everything a layout may show comes from here. Input passes through
``load.py`` (plain data plus a source map) and is validated into these
classes; templates never see raw input.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


def _one_line(value: str) -> str:
    return " ".join(value.split())


Sentence = Annotated[Text, AfterValidator(_one_line)]


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
    scale: tuple[Grade, ...] = ()
    about: Sentence | None = None

    @property
    def graded(self) -> bool:
        return bool(self.scale)

    def grade(self, grade_id: str) -> Grade | None:
        return next((g for g in self.scale if g.id == grade_id), None)


# --- inspections (data/*.yaml) --------------------------------------------------


# File types a data file may name as its own pictures.
PICTURE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                 ".svg": "image/svg+xml"}


def _inside_folder(value: str) -> str:
    """A picture's file name must stay in the data file's folder."""
    if "\\" in value:
        raise ValueError(f"'{value}': write folders with '/', not '\\'")
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        raise ValueError(f"'{value}' is an absolute path: name the file "
                         "from the data file's folder, for example pictures/hub.png")
    if ".." in value.split("/"):
        raise ValueError(f"'{value}' leaves the data file's folder ('..'): "
                         "put the picture in that folder or below it")
    suffix = "." + value.rsplit(".", 1)[-1].lower() if "." in value else ""
    if suffix not in PICTURE_TYPES:
        raise ValueError(f"'{value}' is not a picture type easyread embeds: "
                         "use a .png, .jpg, .jpeg or .svg file")
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

    text: Sentence
    icon: Slug | None = None
    picture: Picture | None = None


def _as_point(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Inspectorate(Frozen):
    name: Text
    about: Sentence | None = None


class Dates(Frozen):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _in_order(self) -> Dates:
        if self.end < self.start:
            raise ValueError(
                f"the visit ends ({self.end}) before it starts ({self.start}): "
                "check the two dates"
            )
        return self


class Audience(Frozen):
    """Who the summary is written for."""

    min_age: int = Field(ge=4, le=25)
    max_age: int = Field(ge=4, le=99)
    who: Sentence

    @model_validator(mode="after")
    def _in_order(self) -> Audience:
        if self.max_age < self.min_age:
            raise ValueError(
                f"max_age ({self.max_age}) is less than min_age ({self.min_age})"
            )
        return self


class PartGrade(Frozen):
    """A sub-judgement: one part of the service and its grade."""

    area: Sentence
    grade: Slug


class Judgement(Frozen):
    """Grades on the framework's own scale; absent when it gives none."""

    what: Sentence
    overall: Slug | None = None
    parts: tuple[PartGrade, ...] = ()


class Fact(Frozen):
    """A fact with numbers: "8 of the 22 children who could go, went"."""

    text: Sentence
    count: int = Field(ge=0)
    out_of: int | None = Field(default=None, ge=1)
    icon: Slug | None = None

    @model_validator(mode="after")
    def _count_fits(self) -> Fact:
        if self.out_of is not None and self.count > self.out_of:
            raise ValueError(
                f"count ({self.count}) is more than out_of ({self.out_of})"
            )
        return self


class Reply(Frozen):
    """What the council (or provider) said about the report."""

    who: Sentence
    said: tuple[Point, ...] = Field(min_length=1)

    _points = field_validator("said", mode="before")(
        classmethod(lambda cls, v: [_as_point(x) for x in v] if isinstance(v, list) else v)
    )


class Contact(Frozen):
    """Someone a child can talk to."""

    who: Sentence
    how: Sentence
    icon: Slug | None = None


class Word(Frozen):
    """A hard word and what it means, in easy words."""

    word: Text
    meaning: Sentence


class FullReport(Frozen):
    url: HttpUrl
    title: Sentence | None = None


class Inspection(Frozen):
    """One inspection, as the easy-read summary tells it."""

    title: Sentence
    target: Slug = "reading-age-9"
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en-GB"
    area: Text
    kind: Sentence
    framework: Slug
    inspectorates: tuple[Inspectorate, ...] = Field(min_length=1)
    visit: Dates | None = None  # some sources give no visit dates
    published: dt.date
    audience: Audience
    about: tuple[Point, ...] = Field(min_length=1)
    judgement: Judgement | None = None
    going_well: tuple[Point, ...] = Field(min_length=1)
    to_improve: tuple[Point, ...] = ()
    facts: tuple[Fact, ...] = ()
    next_steps: tuple[Point, ...] = Field(min_length=1)
    reply: Reply | None = None
    full_report: FullReport
    talk_to: tuple[Contact, ...] = Field(min_length=1)
    glossary: tuple[Word, ...] = ()
    pictures: tuple[Picture, ...] = ()

    _points = field_validator(
        "about", "going_well", "to_improve", "next_steps", mode="before"
    )(classmethod(lambda cls, v: [_as_point(x) for x in v] if isinstance(v, list) else v))

    @model_validator(mode="after")
    def _published_after_visit(self) -> Inspection:
        if self.visit is not None and self.published < self.visit.end:
            raise ValueError(
                f"published ({self.published}) is before the visit ended "
                f"({self.visit.end}): a report comes out after the visit"
            )
        return self


class Document(Frozen):
    """A validated inspection with its framework and where it came from."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    inspection: Inspection
    framework: Framework
    # file -> data: URL of each picture the inspection names (read and
    # checked by validate.py, so later stages never touch the user's files)
    pictures: dict[str, str] = Field(default_factory=dict)
