"""The JSON Schema (draft 2020-12) of an inspection file, made from the model.

Editors use it for completion and errors as one types (the
``# yaml-language-server: $schema=...`` line), and ``check-jsonschema`` for
a quick check in CI. It is pydantic's schema of ``Inspection`` with the
descriptions and examples of ``model/field_notes.py``, and with what the
model's validators accept that pydantic cannot see: a point written as a
plain sentence. The same text ships as ``render/resources/inspection.schema.json``
(``python -m render schema > render/resources/inspection.schema.json``);
a test keeps the two the same.

The schema says what a file may hold; some things only ``easyread build``
knows (whether a grade is on its framework's scale, whether a picture file
exists, the reading target), so a file the schema accepts can still be refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel, BeforeValidator

from .document import Inspection
from .field_notes import FIELDS
from .fields import MAX_TEXT, _points

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "inspection.schema.json"
# pydantic writes these for a constraint inside "anyOf" (an optional number).
_KEYWORDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def inspection_schema() -> dict[str, Any]:
    """The schema of an inspection file, as a dict."""
    schema = Inspection.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    for model in models(Inspection):
        place = schema if model is Inspection else defs[model.__name__]
        _describe(model, place)
    _fix_keywords(schema)
    # Inspection._no_empty_sections: a section may be left out, not written empty
    for prop in schema["properties"].values():
        if prop.get("type") == "array":
            prop.setdefault("minItems", 1)
    return {
        "$schema": DIALECT,
        "title": "easyread inspection file",
        "description": (
            "An inspection, as an easy-read summary for children tells it "
            "(easyread build FILE makes the page and the PDF)."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    """The schema as the file ``render/resources/inspection.schema.json`` holds it."""
    return json.dumps(inspection_schema(), indent=2, ensure_ascii=False) + "\n"


def models(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """``model`` and every model class its fields hold, each once."""
    seen: list[type[BaseModel]] = []
    todo = [model]
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.append(current)
        for field in current.model_fields.values():
            todo.extend(_inner_models(field.annotation))
    yield from seen


def field_paths() -> list[str]:
    """``Class.field`` for every field of the inspection model."""
    return [f"{m.__name__}.{name}" for m in models(Inspection) for name in m.model_fields]


def _inner_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _inner_models(arg)


def _describe(model: type[BaseModel], place: dict[str, Any]) -> None:
    for name, field in model.model_fields.items():
        prop = place["properties"][name]
        prop.pop("title", None)
        if any(_takes_sentences(m) for m in field.metadata):
            prop["items"] = {
                "anyOf": [
                    {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": MAX_TEXT,
                        "description": "A point written as its sentence alone.",
                    },
                    prop["items"],
                ]
            }
        note = FIELDS.get(f"{model.__name__}.{name}")
        if note:
            prop["description"], example = note
            prop["examples"] = [example]


def _takes_sentences(metadata: object) -> bool:
    """The validator that lets a list of points be written as plain sentences."""
    return isinstance(metadata, BeforeValidator) and metadata.func is _points


def _fix_keywords(value: Any) -> None:
    if isinstance(value, dict):
        for old, new in _KEYWORDS.items():
            if old in value and "type" in value:
                value[new] = value.pop(old)
        for item in value.values():
            _fix_keywords(item)
    elif isinstance(value, list):
        for item in value:
            _fix_keywords(item)
