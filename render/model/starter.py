"""A starter inspection file for one framework (``easyread new``).

It is made from the model and the framework, not kept as a file: each field
of ``Inspection`` in the model's order, with its description from
``model/field_notes.py`` as a comment and its example as the value; a field the
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

from .document import FINDINGS, Framework, Inspection
from .field_notes import FIELDS
from .fields import in_language

_WIDTH = 78
# Besides what the model requires, the sections a summary for children
# should have, written out (check asks for talk_to); every other one is
# shown commented out.
WRITTEN = ("about", "going_well", "to_improve", "next_steps", "talk_to")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def starter_text(framework: Framework, command: str = "easyread") -> str:
    """The text of a starter file for ``framework``."""
    parts = [_header(framework, command)]
    judgement, graded, note = _judgement(framework)
    # a summary needs one section of findings: the judgement, else the first other
    needed = "judgement" if graded else next(f for f in FINDINGS if f != "judgement")
    for name, field in Inspection.model_fields.items():
        description, example = FIELDS.get(f"Inspection.{name}", ("", None))
        required = field.is_required() or name == needed or name in WRITTEN
        notes = [description] if description else []
        if name == "framework":
            example = framework.id
        elif name == "judgement":
            example = judgement
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
        f"Framework: {_en(framework.name)} ({_en(framework.inspectorate)}, "
        f"{_en(framework.years)}).",
        "",
        "Replace each example with what the report says, in easy words:",
        "short sentences (15 words at most), one idea each.",
        "A line that starts with # is left out. A section that starts with #",
        "and no space (#facts:) is one you may use: remove that # from",
        "each of its lines.",
        "",
        f"See it as you write:  {command} serve THIS-FILE",
        f"Check the words:      {command} check THIS-FILE",
        f"Make the page:        {command} build THIS-FILE",
    ]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _judgement(framework: Framework) -> tuple[Any, bool, str]:
    """The judgement's example for ``framework``, whether it gives grades, and a note."""
    if not framework.graded:
        return None, False, f"{_en(framework.name)} gives no grades, so there is no judgement."
    grades = [g.id for g in framework.scale]
    judgement: dict[str, Any] = {"what": FIELDS["Judgement.what"][1]}
    note = "Grades on this framework's scale, best first: " + ", ".join(grades) + "."
    if framework.overall_grade:
        judgement["overall"] = grades[0]
    if framework.areas:
        # every area all places have is graded; the others only where there are some
        judgement["parts"] = [
            {"area": a.id, "grade": grades[0]} for a in framework.areas if not a.sometimes
        ]
        note += " Parts: " + ", ".join(a.id for a in framework.areas) + "."
    elif not framework.overall_grade:
        judgement["parts"] = [{"area": FIELDS["PartGrade.area"][1], "grade": grades[0]}]
        note += " It grades parts only: give each part its grade."
    if framework.safeguarding is not None:
        judgement["safeguarding"] = "met"
        note += " Safeguarding: met or not-met."
    return judgement, True, note


def _en(text: Any) -> str:
    return in_language(text, "en") or ""


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
