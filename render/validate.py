"""Turn a ``Source`` into a validated ``Document``, or say every reason why not.

pydantic does the checking; this module turns its errors into ``Problem``
rows in plain words, pointing at the user's own line, and adds the checks
that need the framework (is the grade on its scale?).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .icons import close_names
from .load import FieldPath, Source, read_source
from .model import Document, Framework, Inspection, Picture
from .pictures import PictureError, embed_picture
from .resources import bundled

FRAMEWORK_FOLDER = "frameworks"


def validate_inspection(
    source: Source, name: str, icons: Collection[str] | None = None
) -> Document:
    """Validate ``source`` as an inspection and attach its framework.

    The pictures it names are read and embedded; the icons it names must be
    among ``icons`` (the layout's icon names), unless that is ``None``.
    """
    problems: list[Problem] = []
    inspection = _validate(Inspection, source, problems)
    framework_id = source.data.get("framework") if isinstance(source.data, dict) else None
    framework = None
    if isinstance(framework_id, str):
        framework = find_framework(framework_id, source, problems)
    if inspection is not None and framework is not None:
        problems += _grade_problems(inspection, framework, source)
    pictures: dict[str, str] = {}
    if inspection is not None:
        problems += _icon_problems(inspection, source, icons)
        problems += _embed_pictures(inspection, source, pictures)
    if problems:
        raise InputError(problems)
    assert inspection is not None and framework is not None
    return Document(name=name, inspection=inspection, framework=framework, pictures=pictures)


def framework_folders(data_file: Path) -> list[Path]:
    """Where frameworks are looked for: beside the data file, then bundled."""
    return [data_file.parent / FRAMEWORK_FOLDER, bundled("frameworks")]


def find_framework(framework_id: str, source: Source, problems: list[Problem]) -> Framework | None:
    folders = framework_folders(source.path)
    for folder in folders:
        path = folder / f"{framework_id}.yaml"
        if path.is_file():
            try:
                framework_source = read_source(path)
            except InputError as exc:
                problems += exc.problems
                return None
            framework = _validate(Framework, framework_source, problems)
            if framework is not None and framework.id != framework_id:
                problems.append(framework_source.problem(
                    ("id",), f"the id '{framework.id}' must match the file name '{framework_id}'"))
                return None
            return framework
    known = sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.yaml")})
    problems.append(source.problem(
        ("framework",),
        f"unknown framework '{framework_id}'{_did_you_mean(framework_id, known)}; "
        f"known frameworks: {', '.join(known)} (or add a file to "
        f"{FRAMEWORK_FOLDER}/ beside the data file)",
    ))
    return None


def _validate(model: type[BaseModel], source: Source, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems += [_problem(model, source, error) for error in exc.errors()]
        return None


def _grade_problems(inspection: Inspection, framework: Framework, source: Source) -> list[Problem]:
    judgement = inspection.judgement
    if not framework.graded:
        if judgement is not None:
            return [source.problem(("judgement",),
                    f"the framework '{framework.id}' gives no grades: remove 'judgement'")]
        return []
    if judgement is None:
        return [source.problem(("judgement",),
                f"the framework '{framework.id}' gives grades: add 'judgement' "
                "with the grades the inspectors gave")]
    problems = []
    valid = ", ".join(g.id for g in framework.scale)
    if framework.overall_grade and judgement.overall is None:
        problems.append(source.problem(("judgement",),
                        f"add 'overall': the framework '{framework.id}' gives an "
                        f"overall grade ({valid})"))
    if not framework.overall_grade and judgement.overall is not None:
        problems.append(source.problem(("judgement", "overall"),
                        f"the framework '{framework.id}' gives no overall grade: "
                        "remove 'overall' and grade the parts"))
    grades = [(("judgement", "overall"), judgement.overall)] + [
        (("judgement", "parts", i, "grade"), part.grade) for i, part in enumerate(judgement.parts)
    ]
    for loc, grade in grades:
        if grade is not None and framework.grade(grade) is None:
            problems.append(source.problem(loc,
                f"'{grade}' is not a grade of '{framework.id}'"
                f"{_did_you_mean(grade, [g.id for g in framework.scale])}; use one of: {valid}"))
    return problems


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
            hint = (f"close names: {', '.join(close)}" if close
                    else f"the icons are: {', '.join(known)}")
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


def _values(value: Any, loc: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """``value`` and every value inside it, each with its field path."""
    yield loc, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _values(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _values(item, (*loc, index))


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _problem(model: type[BaseModel], source: Source, error: dict) -> Problem:
    # pydantic adds steps such as "function-after[...]" to loc; drop them
    loc: FieldPath = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    if error["type"] == "missing":
        return source.problem(loc, "this field is required: add it")
    return source.problem(loc, _message(model, loc, error))


def _message(model: type[BaseModel], loc: FieldPath, error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        known = list(_fields_at(model, loc[:-1]))
        return f"unknown field '{loc[-1]}'{_did_you_mean(str(loc[-1]), known)}: " \
               "remove it or check the spelling"
    if kind in {"string_type"}:
        return f"write text here, not {_describe(value)}"
    if kind == "string_too_short":
        return "this text is empty: write something or remove the field"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"write a whole number here, not {_describe(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"write true or false here, not {_describe(value)}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return f"{_describe(value)} is not a date: write it as YYYY-MM-DD, for example 2013-02-15"
    if kind in {"list_type", "tuple_type"}:
        return f"write a list here (lines starting with '- '), not {_describe(value)}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"write a set of fields here, not {_describe(value)}"
    if kind == "too_short":
        return "this list is empty: write at least one item"
    if kind == "string_pattern_mismatch":
        return f"{_describe(value)} is not allowed here: use lower-case letters, digits and '-'" \
            if loc and loc[-1] != "language" else \
            f"{_describe(value)} is not a language tag: write one such as en-GB"
    if kind.startswith("url_"):
        return f"{_describe(value)} is not a web address: write it in full, starting https://"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return f"{value} is out of range: it must be {side} {bound}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _fields_at(model: type[BaseModel], loc: FieldPath) -> list[str]:
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
