"""Inspection and framework files (YAML or JSON) as units of text.

Every text a child reads becomes a unit that points at its data field and
at the line and column of each of its words. Fields that are not prose
(ids, dates, links, icon names, the area's name) are left out.

In YAML files a comment on the same line as a field silences rules for
that field's sentences::

    - Social workers were praised.  # easyread: ignore passive-voice
    - >-  # easyread: ignore sentence-too-long, hard-sentence
      A long folded text...
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from . import text
from .errors import InputError
from .load import FieldPath, Source, format_field, read_source
from .model import Document, Framework
from .textunits import Lines, TextFile, Unit, align, directives, walk_strings
from .validate import _validate as validate_model
from .validate import framework_folders, validate_inspection

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
}
HEADINGS = {("title",)}


def read_data_file(path: Path, source: Source | None = None) -> TextFile:
    """Read an inspection or framework file; ``InputError`` if it is invalid.

    ``source`` is the file already parsed, when the caller has it.
    """
    source = source or read_source(path)
    raw = Lines(path.read_text(encoding="utf-8-sig"))
    if is_framework(source.data):
        return framework_file(source, raw)
    document = validate_inspection(source, name=path.stem)
    return inspection_file(source, raw, document)


def is_framework(data: Any) -> bool:
    """Framework files describe a grade scale; they have no title."""
    return (
        isinstance(data, dict)
        and "title" not in data
        and ("scale" in data or "inspectorate" in data)
    )


def inspection_file(source: Source, raw: Lines, document: Document) -> TextFile:
    inspection = document.inspection
    names = (inspection.area, *(i.name for i in inspection.inspectorates))
    units = data_units(source, raw, inspection.model_dump())
    return TextFile(
        path=str(source.path),
        kind="inspection",
        units=units + framework_units(source.path, document.framework),
        target=inspection.target,
        target_at=source.where(("target",)) if "target" in source.data else (0, 0),
        names=names,
        glossary=tuple(w.word for w in inspection.glossary),
        ignores=comment_directives(source.path, raw),
    )


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
    )


def framework_units(data_file: Path, framework: Framework) -> tuple[Unit, ...]:
    """The grade meanings the page shows, pointing at the framework file."""
    for folder in framework_folders(data_file):
        path = folder / f"{framework.id}.yaml"
        if path.is_file() and framework.graded:
            return _scale_units(path, path.stat().st_mtime_ns, framework)
    return ()


@lru_cache(maxsize=32)
def _scale_units(path: Path, mtime: int, framework: Framework) -> tuple[Unit, ...]:
    """Read once per run: many inspections share a framework."""
    source = read_source(path)
    raw = Lines(path.read_text(encoding="utf-8-sig"))
    scale = {"scale": [grade.model_dump() for grade in framework.scale]}
    return tuple(
        replace(u, path=str(path), section="framework")
        for u in data_units(source, raw, scale)
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
