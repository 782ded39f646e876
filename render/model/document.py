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

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..source import PICTURE_TYPES
from .fields import (
    MAX_TOTAL_TEXT,
    Date,
    Few,
    FieldError,
    Frozen,
    LanguageTag,
    MarkedSentence,
    Name,
    Sentence,
    Slug,
    Text,
    WebAddress,
    Whole,
    _points,
)
from .framework import DocumentKind, Framework

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

    @model_validator(mode="before")
    @classmethod
    def _colon_in_sentence(cls, data: object) -> object:
        """``- Ofsted says: some are not good enough.`` is a mapping to YAML:
        say so once, rather than "unknown field" and "text is required"."""
        if isinstance(data, dict) and len(data) == 1:
            ((key, value),) = data.items()
            if key not in cls.model_fields and isinstance(value, str | None):
                sentence = f"{key}: {value or ''}".strip()
                raise ValueError(
                    "this sentence has ': ' in it, so it was read as 'name: value'; "
                    f'put the whole sentence in quotes: - "{sentence[:60]}"'
                )
        return data


Points = Annotated[tuple[Point, ...], BeforeValidator(_points)]


def _data_file_beside(value: str) -> str:
    """A translation's file name: a data file in the same folder."""
    if "/" in value or "\\" in value or value.startswith("."):
        raise ValueError(f"'{value}': name a data file in the same folder, without a folder")
    if not value.lower().endswith((".yaml", ".yml", ".json")):
        raise ValueError(f"'{value}' is not a data file: name a .yaml, .yml or .json file")
    return value


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
    """A sub-judgement: one part of the service and its grade. ``area`` is
    the part's name, or the id of one of the framework's ``areas``."""

    area: Sentence
    grade: Name


class Judgement(Frozen):
    """Grades on the framework's own scale; absent when it gives none."""

    what: MarkedSentence | None = None
    overall: Name | None = None
    parts: Few[PartGrade] = ()
    # for frameworks that say whether safeguarding is met (school report cards)
    safeguarding: Literal["met", "not-met"] | None = None


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


class Headings(Frozen):
    """The writer's own heading for a section, instead of the layout's."""

    about: Sentence | None = None
    judgement: Sentence | None = None
    going_well: Sentence | None = None
    to_improve: Sentence | None = None
    facts: Sentence | None = None
    next_steps: Sentence | None = None
    reply: Sentence | None = None
    talk_to: Sentence | None = None
    full_report: Sentence | None = None
    glossary: Sentence | None = None


class Letter(Frozen):
    """What only the letter layout shows: how it greets its readers and the
    inspectors' own names to sign with (never made up: without them the
    letter is signed by the inspectorate)."""

    greeting: Sentence | None = None
    signed_by: Few[Text] = ()


class Translation(Frozen):
    """The same summary in another language: a data file beside this one."""

    language: LanguageTag
    file: Annotated[Text, AfterValidator(_data_file_beside)]


# The sections that tell what was found: a summary has at least one.
FINDINGS = ("judgement", "going_well", "to_improve", "facts")


class Inspection(Frozen):
    """One summary, as a child reads it: of an inspection, a report card, an
    annual or thematic report, or a letter.

    Only what every summary has is required: its title, what it is about
    (``area``), what kind of document it is (``kind``, and its framework's
    ``document``), who it is for (``audience``), and at least one section
    of findings. Every other section may be left out; a page shows no
    empty heading.
    """

    title: Sentence
    target: Slug = "reading-age-9"
    language: LanguageTag = "en-GB"
    area: Text
    kind: Sentence
    framework: Name
    # the framework's kind of document, unless this summary is another kind
    document: DocumentKind | None = None
    # an invented example, not a real place or report: the page says so
    example: bool = False
    inspectorates: Few[Inspectorate] = ()
    visit: Dates | None = None  # some sources give no visit dates
    published: Date | None = None  # leave out when the source does not say
    audience: Audience
    about: Points = ()
    judgement: Judgement | None = None
    going_well: Points = ()
    to_improve: Points = ()
    facts: Few[Fact] = ()
    next_steps: Points = ()
    reply: Reply | None = None
    full_report: FullReport | None = None
    talk_to: Few[Contact] = ()
    glossary: Few[Word] = ()
    pictures: Few[Picture] = ()
    headings: Headings = Headings()
    letter: Letter = Letter()
    translations: Few[Translation] = ()

    @model_validator(mode="before")
    @classmethod
    def _no_empty_sections(cls, data: object) -> object:
        """A section may be left out, but not written empty: ``about: []`` is
        most likely a section the writer meant to fill."""
        if isinstance(data, dict):
            for name, value in data.items():
                if value == [] and name in cls.model_fields:
                    raise FieldError(
                        name,
                        f"this list is empty: write at least one item, or leave '{name}' out",
                    )
        return data

    @model_validator(mode="after")
    def _has_findings(self) -> Inspection:
        if not any(getattr(self, name) for name in FINDINGS):
            raise ValueError(
                f"there is nothing about what was found: add at least one of {', '.join(FINDINGS)}"
            )
        return self

    @model_validator(mode="after")
    def _other_languages(self) -> Inspection:
        for index, other in enumerate(self.translations):
            if other.language.split("-")[0] == self.language.split("-")[0]:
                raise FieldError(
                    "translations",
                    f"translations[{index}] is in {other.language}, the language of this "
                    "file: name the file of the summary in another language",
                )
        return self

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
    # what is allowed but worth telling the writer (``Problem``s of severity
    # "warning"): ``build`` and ``check`` show them, neither fails for them
    advice: tuple[Any, ...] = ()
