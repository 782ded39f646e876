"""Inspection and framework files (YAML or JSON) as units of text.

Every text a child reads becomes a unit that points at its data field and
at the line and column of each of its words. Fields that are not prose
(ids, dates, links, icon names, the area's name) are left out.

In YAML files a comment on the same line as a field silences rules for
that field's sentences::

    - Social workers were praised.  # easyread: ignore passive-voice
    - >-  # easyread: ignore sentence-too-long, hard-sentence
      A long folded text...

In a folder, only inspections are checked: ``classify`` tells which files
are, and the same test decides how a file named on its own is read.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..errors import InputError
from ..findings import Finding
from ..model import (
    Document,
    Framework,
    Inspection,
    framework_folders,
    validate_inspection,
    validate_model,
)
from ..model import markup as text
from ..page import IconSet, find_layout, picture_names
from ..source import MAX_BYTES, FieldPath, Source, field_names, format_field, read_source
from .units import Lines, TextFile, Unit, align, directives, walk_strings

NOT_PROSE = {
    ("target",),
    ("language",),
    ("area",),
    ("framework",),
    ("inspectorates", "*", "name"),
    ("judgement", "overall"),
    ("judgement", "parts", "*", "grade"),
    ("full_report", "url"),
    ("glossary", "*", "word"),
    ("pictures", "*", "file"),
    ("id",),
    ("name",),
    ("inspectorate",),
    ("years",),
    ("scale", "*", "id"),
    ("scale", "*", "name"),
    ("areas", "*", "id"),
    ("areas", "*", "sometimes"),
}
HEADINGS = {("title",)}
INSPECTION_FIELDS = frozenset(Inspection.model_fields)
FRAMEWORK_MARKS = frozenset({"scale", "inspectorate"})
DEFAULT_LAYOUT = "booklet"  # the layout `build` uses unless told otherwise
GUESSED_PICTURE = "guessed-picture"  # the rule id of the note on a guessed picture
TALK_TO = "talk-to"  # the rule id of the warning on a summary with no one to talk to
# the findings about a data file as a whole, which `build` prints too
BUILD_NOTES = frozenset({GUESSED_PICTURE, TALK_TO})

Kind = Literal["inspection", "framework"]


def classify(data: Any) -> Kind | None:
    """What the data of a YAML or JSON file is: None when it is neither.

    A framework describes a grade scale and has no title. Any other file
    with a field an inspection has is an inspection, so a misspelt field
    ('framwork') is reported when it is validated, not the file skipped.
    """
    if not isinstance(data, dict):
        return None
    if "title" not in data and FRAMEWORK_MARKS & data.keys():
        return "framework"
    if INSPECTION_FIELDS & data.keys():
        return "inspection"
    return None


def read_data_file(
    path: Path, source: Source | None = None, max_bytes: int = MAX_BYTES
) -> TextFile:
    """Read an inspection or framework file; ``InputError`` if it is invalid.

    ``source`` is the file already parsed, when the caller has it. The
    inspection is validated as ``build`` validates it, with the default
    layout's icons, except that its pictures are only found, not read.
    """
    source = source or read_source(path, max_bytes)
    raw = Lines(source.text)
    if classify(source.data) == "framework":
        return framework_file(source, raw)
    document = validate_inspection(
        source, name=path.stem, icons=default_icons(), embed_pictures=False
    )
    return inspection_file(source, raw, document)


def read_if_inspection(path: Path, max_bytes: int = MAX_BYTES) -> Source | None:
    """``path`` parsed if it is an inspection, None if it is something else.

    A file that cannot be read is skipped only when its field names say it
    is something else (an unrelated file using YAML anchors, say); if they
    say it is an inspection, or cannot be told, ``InputError`` says why.
    """
    try:
        source = read_source(path, max_bytes)
    except InputError:
        names = field_names(path, max_bytes)
        if names is None or classify(dict.fromkeys(names)) == "inspection":
            raise
        return None
    return source if classify(source.data) == "inspection" else None


@cache
def default_icons() -> frozenset[str]:
    """The icon names of the default layout: ``build`` refuses any other."""
    return picture_names(find_layout(DEFAULT_LAYOUT).search_path)


@cache
def default_icon_set() -> IconSet:
    """The pictures and keyword rules of the default layout."""
    return find_layout(DEFAULT_LAYOUT).icons


def picture_notes(source: Source, document: Document, icons: IconSet) -> tuple[Finding, ...]:
    """A note for every picture ``icons`` would guess for a point, at the
    point's line and column, so the writer sees each guess and can name
    another."""
    notes = []
    for loc, choice in icons.guesses(document.inspection):
        written = _written_loc(source, loc)
        line, col = source.where(written)
        notes.append(
            Finding(
                path=str(source.path),
                line=line,
                col=col,
                rule=GUESSED_PICTURE,
                severity="note",
                message=choice.note,
                field=format_field(written),
            )
        )
    return tuple(notes)


def inspection_file(
    source: Source, raw: Lines, document: Document, icons: IconSet | None = None
) -> TextFile:
    """``document`` as units of text, with a note on each guessed picture
    (``icons``: the layout's, the default layout's unless given)."""
    inspection = document.inspection
    names = (inspection.area, *(i.name for i in inspection.inspectorates))
    data = inspection.model_dump()
    for part in (data.get("judgement") or {}).get("parts", ()):
        if document.framework.area(part["area"]):
            part["area"] = ""  # an area's id: the page shows the framework's name for it
    units = data_units(source, raw, data)
    return TextFile(
        path=str(source.path),
        kind="inspection",
        units=units + framework_units(source.path, document.framework),
        target=inspection.target,
        target_at=source.where(("target",)) if "target" in source.data else (0, 0),
        names=names,
        glossary=tuple(w.word for w in inspection.glossary),
        ignores=comment_directives(source.path, raw),
        **_declared_language(source),
        notes=tuple(
            Finding(p.path, p.line, p.col, TALK_TO, p.severity, p.message, field=p.field)
            for p in document.advice
        )
        + picture_notes(source, document, icons or default_icon_set()),
    )


def _declared_language(source: Source) -> dict[str, Any]:
    """The ``language`` the data file writes (not the model's default), and where."""
    if not isinstance(source.data.get("language"), str):
        return {}
    return {"language": source.data["language"], "language_at": source.where(("language",))}


def framework_file(source: Source, raw: Lines) -> TextFile:
    problems: list = []
    framework = validate_model(Framework, source, problems)
    if problems:
        raise InputError(problems)
    return TextFile(
        path=str(source.path),
        kind="framework",
        units=data_units(source, raw, framework.model_dump()),
        names=(framework.inspectorate,),
        ignores=comment_directives(source.path, raw),
        **_declared_language(source),
    )


def framework_units(data_file: Path, framework: Framework) -> tuple[Unit, ...]:
    """The grade meanings the page shows, pointing at the framework file."""
    for folder in framework_folders(data_file):
        path = folder / f"{framework.id}.yaml"
        if path.is_file() and (framework.graded or framework.safeguarding):
            return _scale_units(path, path.stat().st_mtime_ns, framework)
    return ()


@lru_cache(maxsize=32)
def _scale_units(path: Path, mtime: int, framework: Framework) -> tuple[Unit, ...]:
    """Read once per run: many inspections share a framework."""
    source = read_source(path)
    raw = Lines(source.text)
    shown = framework.model_dump(include={"scale", "areas", "safeguarding"})
    return tuple(
        replace(u, path=str(path), section="framework") for u in data_units(source, raw, shown)
    )


def data_units(source: Source, raw: Lines, data: dict[str, Any]) -> tuple[Unit, ...]:
    """A unit for every prose field of ``data`` (a model dump)."""
    return tuple(
        _unit(source, raw, loc, value)
        for loc, value in walk_strings(data)
        if _is_prose(loc) and value.strip()
    )


def _is_prose(loc: FieldPath) -> bool:
    shape = tuple("*" if isinstance(part, int) else part for part in loc)
    return shape not in NOT_PROSE and loc[-1] != "icon"


def _unit(source: Source, raw: Lines, loc: FieldPath, value: str) -> Unit:
    written = _written_loc(source, loc)
    line, col = source.where(written)
    plain = text.plain(value)
    return Unit(
        text=plain,
        kind="heading" if loc in HEADINGS else "field",
        section=str(loc[0]),
        field=format_field(written),
        anchors=align(plain, raw, raw.offset(line, col)),
        header_line=line,
    )


def _written_loc(source: Source, loc: FieldPath) -> FieldPath:
    """``about[0].text`` is written as ``about[0]`` when the item is a string."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in source.positions:
            return loc[:end]
    return loc


def comment_directives(path: Path, raw: Lines) -> dict[int, frozenset[str]]:
    """Directives in YAML comments only, never inside a text value."""
    if path.suffix.lower() == ".json" or "easyread" not in raw.text:
        return {}
    inside = _scalar_ranges(raw.text)
    return {
        line: rules
        for line, rules in directives(raw.text).items()
        if not _in_scalar(inside, line, raw.text.splitlines()[line - 1])
    }


def _scalar_ranges(text_: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) positions of every text value, as (line, col), 0-based."""
    ranges = []
    try:
        for token in YAML(typ="rt").scan(text_):
            if type(token).__name__ != "ScalarToken":
                continue
            start = (token.start_mark.line, token.start_mark.column)
            if token.style in ("|", ">"):  # the content starts on the next line
                start = (token.start_mark.line + 1, 0)
            ranges.append((start, (token.end_mark.line, token.end_mark.column)))
    except YAMLError:
        pass
    return ranges


def _in_scalar(ranges: list, line: int, content: str) -> bool:
    col = content.find("#")
    while col >= 0 and "easyread" not in content[col : col + 40]:
        col = content.find("#", col + 1)
    here = (line - 1, max(col, 0))
    return any(start <= here < end for start, end in ranges)
