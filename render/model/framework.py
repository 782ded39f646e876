"""Frameworks (``data/frameworks/*.yaml``): who inspects, the scale they
grade on, the parts they grade, and the kind of document they make."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel

from .fields import Few, Frozen, LanguageTag, LocalSentence, LocalText, Slug, in_language

# What kind of document a framework makes: it decides the cover line and
# the headings that would otherwise be false ("What did the inspectors
# find?" for a report about the whole year).
# the fields that hold words a child reads
_TEXT_FIELDS = {"name", "inspectorate", "years", "about", "meaning", "met", "not_met"}

DocumentKind = Literal[
    "inspection-report", "report-card", "annual-report", "thematic-report", "letter"
]


class Grade(Frozen):
    """One step of a framework's scale, with what it means for a child."""

    id: Slug
    name: LocalText
    meaning: LocalSentence


class Area(Frozen):
    """A part that a framework grades on its own (a report card's areas)."""

    id: Slug
    name: LocalText
    # only some places have it (a school's sixth form, say)
    sometimes: bool = False


class Safeguarding(Frozen):
    """What "met" and "not met" mean, for frameworks that say one or the other."""

    met: LocalSentence
    not_met: LocalSentence


class Framework(Frozen):
    """An inspection framework: who uses it and the scale it grades on.

    A framework with an empty scale gives no grades (a joint targeted area
    inspection, an annual report); one with ``overall_grade: false`` grades
    parts only (school report cards), and may name those parts in ``areas``.
    Any text may be written once for each language (``{en: ..., cy: ...}``);
    ``localised`` picks one language's.
    """

    id: Slug
    name: LocalText
    inspectorate: LocalText
    years: LocalText
    document: DocumentKind = "inspection-report"
    overall_grade: bool = True
    scale: Few[Grade] = ()
    areas: Few[Area] = ()
    safeguarding: Safeguarding | None = None
    about: LocalSentence | None = None
    # the language of a text written once (not as {en: ..., cy: ...})
    language: LanguageTag = "en"

    @property
    def graded(self) -> bool:
        return bool(self.scale)

    def grade(self, grade_id: str) -> Grade | None:
        return next((g for g in self.scale if g.id == grade_id), None)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def missing_language(self, language: str) -> list[FieldPathType]:
        """Where a text of this framework has no version in ``language``: a
        text written once is in the framework's own ``language``."""
        own = self.language.split("-")[0] == language.split("-")[0].lower()
        return [
            loc
            for loc, value in _texts(self)
            if (isinstance(value, dict) and in_language(value, language) is None)
            or (isinstance(value, str) and not own)
        ]

    def localised(self, language: str) -> Framework:
        """This framework with every text in ``language`` (see ``missing_language``)."""
        data = self.model_dump()
        for loc, value in _texts(self):
            if isinstance(value, dict):
                *path, last = loc
                place = data
                for part in path:
                    place = place[part]
                place[last] = in_language(value, language)
        return type(self).model_validate(data)


FieldPathType = tuple[str | int, ...]


def _texts(model: BaseModel, loc: FieldPathType = ()) -> Iterator[tuple[FieldPathType, Any]]:
    """Every text a child reads in ``model`` (``_TEXT_FIELDS``), with its path."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _texts(value, (*loc, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _texts(item, (*loc, name, index))
        elif name in _TEXT_FIELDS:
            yield (*loc, name), value
