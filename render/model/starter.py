"""A starter inspection file for one framework (``easyread new``).

It is made from the model and the framework, not kept as a file: each field
of ``Inspection`` in the model's order, with its description from
``model/fields.py`` as a comment and its example as the value; a field the
model does not require is written commented out. The judgement follows the
framework: an overall grade, grades for parts only, or none. So a new
field or a new framework needs no change here, and the starter validates
and builds as written (``tests/test_new.py``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from typing import Any

from ruamel.yaml import YAML

from .document import Framework, Inspection
from .fields import FIELDS

_WIDTH = 78
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def starter_text(framework: Framework, command: str = "easyread") -> str:
    """The text of a starter file for ``framework``."""
    parts = [_header(framework, command)]
    for name, field in Inspection.model_fields.items():
        description, example = FIELDS.get(f"Inspection.{name}", ("", None))
        required = field.is_required()
        notes = [description] if description else []
        if name == "framework":
            example = framework.id
        elif name == "judgement":
            example, required, note = _judgement(framework)
            notes.append(note)
        if example is None:
            parts.append(_comment(notes))
            continue
        block = _dump({name: example})
        parts.append(_comment(notes) + (block if required else _comment_out(block)))
    return "\n".join(parts)


def _header(framework: Framework, command: str) -> str:
    lines = [
        "An easy-read summary of an inspection, for children and young people.",
        f"Framework: {framework.name} ({framework.inspectorate}, {framework.years}).",
        "",
        "Replace each example with what the report says, in easy words:",
        "short sentences (15 words at most), one idea each.",
        "A line that starts with # is left out. A section that starts with #",
        "and no space (#to_improve:) is one you may use: remove that # from",
        "each of its lines.",
        "",
        f"See it as you write:  {command} serve THIS-FILE",
        f"Check the words:      {command} check THIS-FILE",
        f"Make the page:        {command} build THIS-FILE",
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _judgement(framework: Framework) -> tuple[Any, bool, str]:
    """The judgement's example for ``framework``, whether it is needed, and a note."""
    if not framework.graded:
        return None, False, f"{framework.name} gives no grades, so there is no judgement."
    grades = [g.id for g in framework.scale]
    what = FIELDS["Judgement.what"][1]
    note = "Grades on this framework's scale, best first: " + ", ".join(grades) + "."
    if framework.overall_grade:
        return {"what": what, "overall": grades[0]}, True, note
    area = FIELDS["PartGrade.area"][1]
    note += " It grades parts only: give each part its grade."
    return {"what": what, "parts": [{"area": area, "grade": grades[0]}]}, True, note


def _dump(value: dict[str, Any]) -> str:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 88
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_dates(value), out)
    return out.getvalue()


def _comment(notes: list[str]) -> str:
    text = " ".join(n for n in notes if n)
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, _WIDTH - 2))


def _comment_out(block: str) -> str:
    return "".join(f"#{line}\n" for line in block.splitlines())


def _dates(value: Any) -> Any:
    """Examples hold dates as text (JSON has no dates); YAML writes them plain."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value
