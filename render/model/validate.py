"""Turn a ``Source`` into a validated ``Document``, or say every reason why not.

pydantic does the checking; this module turns its errors into ``Problem``
rows in plain words, pointing at the user's own line, and adds the checks
that need more than one file: is the framework known, is each grade on its
scale, is each picture really beside the data file?
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem, close_names, closest, did_you_mean, is_dir, is_file
from ..resources import bundled
from ..source import (
    FieldPath,
    PictureError,
    Source,
    embed_picture,
    find_picture,
    format_field,
    read_source,
)
from .document import Document, Inspection, Judgement, Picture
from .framework import Framework
from .plain import fields_at, problem
from .poster import mark_problems

FRAMEWORK_FOLDER = "frameworks"
_FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def validate_inspection(
    source: Source,
    name: str,
    icons: Collection[str] | None = None,
    embed_pictures: bool = True,
    languages: Collection[str] | None = None,
) -> Document:
    """Validate ``source`` as an inspection and attach its framework, in
    the inspection's language.

    The pictures it names are read and embedded (without ``embed_pictures``,
    only found: ``check`` shows no pictures); the icons it names must be
    among ``icons`` (the layout's icon names), and its language among
    ``languages`` (those the layout has words for), unless ``None``.
    """
    problems: list[Problem] = []
    inspection = validate_model(Inspection, source, problems)
    framework_id = source.data.get("framework") if isinstance(source.data, dict) else None
    framework = None
    if isinstance(framework_id, str) and framework_id.strip():
        framework = find_framework(framework_id.strip(), source, problems)
    judgement, known = _judgement(inspection, source)
    if framework is not None and known:
        problems += _grade_problems(judgement, framework, source)
    if framework is not None and inspection is not None:
        framework = _localised(framework, inspection.language, source, problems)
    pictures: dict[str, str] = {}
    if inspection is not None:
        problems += _icon_problems(inspection, source, icons)
        problems += _language_problems(inspection, source, languages)
        problems += _example_problems(inspection, source)
        problems += [source.problem(loc, words) for loc, words in mark_problems(inspection)]
        if embed_pictures:
            problems += _embed_pictures(inspection, source, pictures)
        else:
            problems += _find_pictures(inspection, source)
    if problems:
        raise InputError(problems)
    assert inspection is not None and framework is not None
    return Document(
        name=name,
        inspection=inspection,
        framework=framework,
        pictures=pictures,
        advice=tuple(_advice(inspection, source)),
    )


def _advice(inspection: Inspection, source: Source) -> Iterator[Problem]:
    """What is allowed but a child would miss: warnings, not errors."""
    if not inspection.talk_to:
        yield Problem(
            str(source.path),
            *source.where(()),
            "talk_to",
            "children reading this should know who they can talk to: add talk_to",
            severity="warning",
        )


def _localised(
    framework: Framework, language: str, source: Source, problems: list[Problem]
) -> Framework | None:
    """``framework`` with its texts in ``language``; a problem for each text
    it has only in other languages."""
    missing = framework.missing_language(language)
    if not missing:
        return framework.localised(language)
    path = framework_path(framework.id, source)
    written = read_source(path) if path else None  # read once, for every text's line
    for loc in missing:
        where = written.where(loc) if written else (1, 1)
        problems.append(
            Problem(
                str(path or framework.id),
                *where,
                format_field(loc),
                f"there is no text in '{language}' (the language of {source.path.name}): "
                f"add {language}: ... beside the others",
            )
        )
    return None


def _language_problems(
    inspection: Inspection, source: Source, languages: Collection[str] | None
) -> list[Problem]:
    problems = []
    primary = inspection.language.split("-")[0]
    if languages is not None and primary not in languages:
        problems.append(
            source.problem(
                ("language",),
                f"the layout has no words for '{inspection.language}': it has "
                f"{', '.join(sorted(languages))} (add a catalogue locale/{primary}/"
                "LC_MESSAGES/messages.po to the layout)",
            )
        )
    for index, other in enumerate(inspection.translations):
        if not is_file(source.path.parent / other.file):
            problems.append(
                source.problem(
                    ("translations", index, "file"),
                    f"there is no file '{other.file}' beside {source.path.name}: name the "
                    "data file of the same summary in the other language",
                )
            )
    return problems


def framework_folders(data_file: Path) -> list[Path]:
    """Where frameworks are looked for: beside the data file, then bundled."""
    return [data_file.parent / FRAMEWORK_FOLDER, bundled("frameworks")]


def framework_path(framework_id: str, source: Source) -> Path | None:
    """The file of the framework called ``framework_id``, if there is one."""
    if not _FRAMEWORK_ID.fullmatch(framework_id):
        return None  # only a plain name is looked up: "../x" must not reach another folder
    for folder in framework_folders(source.path):
        if is_file(folder / f"{framework_id}.yaml"):
            return folder / f"{framework_id}.yaml"
    return None


def find_framework(framework_id: str, source: Source, problems: list[Problem]) -> Framework | None:
    """The framework called ``framework_id``; a problem saying why not if none."""
    folders = framework_folders(source.path)
    path = framework_path(framework_id, source)
    if path is not None:
        return _read_framework(path, framework_id, problems)
    known = sorted({p.stem for f in folders if is_dir(f) for p in f.glob("*.yaml")})
    guess = re.sub(r"[^a-z0-9]+", "-", framework_id.lower()).strip("-")
    problems.append(
        source.problem(
            ("framework",),
            f"unknown framework '{framework_id}'{did_you_mean(guess, known)}; "
            f"known frameworks: {', '.join(known)} (or add a file to "
            f"{FRAMEWORK_FOLDER}/ beside the data file)",
        )
    )
    return None


def _read_framework(path: Path, framework_id: str, problems: list[Problem]) -> Framework | None:
    try:
        framework_source = read_source(path)
    except InputError as exc:
        problems += exc.problems
        return None
    framework = validate_model(Framework, framework_source, problems)
    if framework is not None and framework.id != framework_id:
        problems.append(
            framework_source.problem(
                ("id",),
                f"the id '{framework.id}' must match the file name '{framework_id}'",
            )
        )
        return None
    return framework


def validate_model(model: type[BaseModel], source: Source, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        errors = _pruned(model, exc.errors())
        problems += [problem(model, source, error) for error in errors]
        return None


def _pruned(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """Drop the errors that only follow from another one.

    A list whose items are all wrong is also "empty" to pydantic; a missing
    field that an unknown field's spelling suggests ('titel' for 'title') is
    already told by the "did you mean".
    """
    inner = {e["loc"][:i] for e in errors for i in range(1, len(e["loc"]))}
    meant = {
        (*e["loc"][:-1], closest(str(e["loc"][-1]), fields_at(model, e["loc"][:-1])))
        for e in errors
        if e["type"] == "extra_forbidden"
    }
    return [
        e
        for e in errors
        if not (e["type"] == "too_short" and e["loc"] in inner)
        and not (e["type"] == "missing" and e["loc"] in meant)
    ]


def _judgement(inspection: Inspection | None, source: Source) -> tuple[Judgement | None, bool]:
    """The judgement, and whether it is known (it may be invalid on its own)."""
    if inspection is not None:
        return inspection.judgement, True
    raw = source.data.get("judgement")
    if raw is None:
        return None, True
    try:
        return Judgement.model_validate(raw), True
    except ValidationError:
        return None, False  # its own problems are reported already


def _grade_problems(
    judgement: Judgement | None, framework: Framework, source: Source
) -> list[Problem]:
    if not framework.graded:
        if judgement is not None:
            return [
                source.problem(
                    ("judgement",),
                    f"the framework '{framework.id}' gives no grades: remove 'judgement'",
                )
            ]
        return []
    if judgement is None:
        return [
            source.problem(
                ("judgement",),
                f"the framework '{framework.id}' gives grades: add 'judgement' "
                "with the grades the inspectors gave",
            )
        ]
    problems = []
    valid = ", ".join(g.id for g in framework.scale)
    if framework.overall_grade and judgement.overall is None:
        problems.append(
            source.problem(
                ("judgement",),
                f"add 'overall': the framework '{framework.id}' gives an overall grade ({valid})",
            )
        )
    if not framework.overall_grade and judgement.overall is not None:
        problems.append(
            source.problem(
                ("judgement", "overall"),
                f"the framework '{framework.id}' gives no overall grade: "
                "remove 'overall' and grade the parts",
            )
        )
    problems += _area_problems(judgement, framework, source)
    grades = [(("judgement", "overall"), judgement.overall)] + [
        (("judgement", "parts", i, "grade"), part.grade) for i, part in enumerate(judgement.parts)
    ]
    for loc, grade in grades:
        if grade is not None and framework.grade(grade) is None:
            problems.append(
                source.problem(
                    loc,
                    f"'{grade}' is not a grade of '{framework.id}'"
                    f"{did_you_mean(grade, [g.id for g in framework.scale])}; use "
                    f"one of: {valid}",
                )
            )
    return problems


def _area_problems(judgement: Judgement, framework: Framework, source: Source) -> list[Problem]:
    """Parts must be the framework's areas, when it names them; every area
    all places have must be graded; safeguarding is said where it is judged."""
    problems = []
    if framework.safeguarding is not None and judgement.safeguarding is None:
        problems.append(
            source.problem(
                ("judgement",),
                f"the framework '{framework.id}' says whether safeguarding is met: "
                "add 'safeguarding: met' or 'safeguarding: not-met'",
            )
        )
    if framework.safeguarding is None and judgement.safeguarding is not None:
        problems.append(
            source.problem(
                ("judgement", "safeguarding"),
                f"the framework '{framework.id}' does not judge safeguarding on its own: "
                "remove 'safeguarding'",
            )
        )
    if not framework.areas:
        return problems
    ids = [a.id for a in framework.areas]
    for index, part in enumerate(judgement.parts):
        if part.area not in ids:
            problems.append(
                source.problem(
                    ("judgement", "parts", index, "area"),
                    f"'{part.area}' is not an area of '{framework.id}'"
                    f"{did_you_mean(part.area, ids)}; use one of: {', '.join(ids)}",
                )
            )
    graded = {part.area for part in judgement.parts}
    missing = [a.id for a in framework.areas if not a.sometimes and a.id not in graded]
    if missing:
        problems.append(
            source.problem(
                ("judgement", "parts"),
                f"every place inspected under '{framework.id}' gets a grade for "
                f"{', '.join(missing)}: add a part for each",
            )
        )
    return problems


def _example_problems(inspection: Inspection, source: Source) -> list[Problem]:
    """An invented example says so in its name, and only an example does."""
    named = source.path.name.startswith("example-")
    if inspection.example and not named:
        return [
            source.problem(
                ("example",),
                f"an invented example's file name starts with 'example-': rename "
                f"{source.path.name} to example-{source.path.name}",
            )
        ]
    if named and not inspection.example:
        return [
            source.problem(
                (),
                "the file name says this is an example: add 'example: true' so the page "
                "says it is not about a real place, or rename the file",
            )
        ]
    return []


def _icon_problems(
    inspection: Inspection, source: Source, icons: Collection[str] | None
) -> list[Problem]:
    if icons is None:
        return []
    known = sorted(icons)
    problems = []
    for loc, value in _values(inspection):
        if loc and loc[-1] == "icon" and value is not None and value not in icons:
            close = close_names(value, known)
            hint = (
                f"close names: {', '.join(close)}"
                if close
                else f"the icons are: {', '.join(known)}"
            )
            problems.append(source.problem(loc, f"there is no icon '{value}'; {hint}"))
    return problems


def _embed_pictures(
    inspection: Inspection, source: Source, embedded: dict[str, str]
) -> list[Problem]:
    """Read every picture the inspection names into ``embedded``."""
    problems = []
    for loc, value in _values(inspection):
        if isinstance(value, Picture) and value.file not in embedded:
            try:
                embedded[value.file] = embed_picture(source.path.parent, value.file)
            except PictureError as exc:
                problems.append(source.problem((*loc, "file"), str(exc)))
    return problems


def _find_pictures(inspection: Inspection, source: Source) -> list[Problem]:
    """A problem for every picture that is not a file beside the data file."""
    problems = []
    for loc, value in _values(inspection):
        if isinstance(value, Picture):
            try:
                find_picture(source.path.parent, value.file)
            except PictureError as exc:
                problems.append(source.problem((*loc, "file"), str(exc)))
    return problems


def _values(value: Any, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """``value`` and every value inside it, each with its field path."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _values(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _values(item, (*loc, index))
