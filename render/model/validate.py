"""Turn a ``Source`` into a validated ``Document``, or say every reason why not.

pydantic does the checking; this module turns its errors into ``Problem``
rows in plain words, pointing at the user's own line, and adds the checks
that need more than one file: is the framework known, is each grade on its
scale, is each picture really beside the data file?
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputError, Problem, close_names, closest, did_you_mean, is_dir, is_file
from ..resources import bundled
from ..source import FieldPath, PictureError, Source, embed_picture, find_picture, read_source
from .document import MAX_TEXT, Document, FieldError, Framework, Inspection, Judgement, Picture

FRAMEWORK_FOLDER = "frameworks"
_FRAMEWORK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# steps pydantic may add to an error's location, such as "function-after[...]"
_PYDANTIC_STEP = re.compile(
    r"(function-(before|after|wrap|plain)|tagged-union|union|"
    r"nullable|chain|lax-or-strict)\["
)


def validate_inspection(
    source: Source,
    name: str,
    icons: Collection[str] | None = None,
    embed_pictures: bool = True,
) -> Document:
    """Validate ``source`` as an inspection and attach its framework.

    The pictures it names are read and embedded (without ``embed_pictures``,
    only found: ``check`` shows no pictures); the icons it names must be
    among ``icons`` (the layout's icon names), unless that is ``None``.
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
    pictures: dict[str, str] = {}
    if inspection is not None:
        problems += _icon_problems(inspection, source, icons)
        if embed_pictures:
            problems += _embed_pictures(inspection, source, pictures)
        else:
            problems += _find_pictures(inspection, source)
    if problems:
        raise InputError(problems)
    assert inspection is not None and framework is not None
    return Document(name=name, inspection=inspection, framework=framework, pictures=pictures)


def framework_folders(data_file: Path) -> list[Path]:
    """Where frameworks are looked for: beside the data file, then bundled."""
    return [data_file.parent / FRAMEWORK_FOLDER, bundled("frameworks")]


def find_framework(framework_id: str, source: Source, problems: list[Problem]) -> Framework | None:
    """The framework called ``framework_id``; a problem saying why not if none."""
    folders = framework_folders(source.path)
    # only a plain name is looked up: "../x" must not reach another folder
    paths = (
        [f / f"{framework_id}.yaml" for f in folders]
        if _FRAMEWORK_ID.fullmatch(framework_id)
        else []
    )
    for path in paths:
        if is_file(path):
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
        problems += [_problem(model, source, error) for error in errors]
        return None


def _pruned(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """Drop the errors that only follow from another one.

    A list whose items are all wrong is also "empty" to pydantic; a missing
    field that an unknown field's spelling suggests ('titel' for 'title') is
    already told by the "did you mean".
    """
    inner = {e["loc"][:i] for e in errors for i in range(1, len(e["loc"]))}
    meant = {
        (*e["loc"][:-1], closest(str(e["loc"][-1]), _fields_at(model, e["loc"][:-1])))
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


# --- pydantic's errors in plain words ------------------------------------------


def _problem(model: type[BaseModel], source: Source, error: Any) -> Problem:
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
    known = list(_fields_at(model, loc[:-1]))
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
