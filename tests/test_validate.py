"""Validation: one defect per input, the exact message for each."""

from __future__ import annotations

from pathlib import Path

import pytest

from render import load
from render.errors import InputError

VALID = """\
title: What the inspectors found
area: Testham
kind: A check of how well children are kept safe
framework: ofsted-child-protection-2012
inspectorates:
  - name: Ofsted
visit:
  start: 2013-01-07
  end: 2013-01-16
published: 2013-02-15
audience:
  min_age: 8
  max_age: 17
  who: This is for children who get help.
about:
  - This is a short summary.
judgement:
  what: How well children are kept safe.
  overall: adequate
going_well:
  - Social workers listen.
next_steps:
  - The council will make a plan.
full_report:
  url: https://example.org/report
talk_to:
  - who: Your social worker
    how: Talk to them when you meet.
"""


def _write(tmp_path: Path, text: str, name: str = "in.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_base_loads(tmp_path):
    document = load(_write(tmp_path, VALID))
    assert document.inspection.judgement.overall == "adequate"
    assert document.framework.grade("adequate").name == "Adequate"


CASES = [
    (
        "unknown field",
        ("area: Testham", "area: Testham\naera: Testham"),
        [
            "in.yaml:3:1: error: aera: unknown field 'aera' (did you mean 'area'?): "
            "remove it or check the spelling"
        ],
    ),
    (
        "missing field",
        ("area: Testham\n", ""),
        ["in.yaml:1:1: error: area: this field is required: add 'area: ...'"],
    ),
    (
        "grade off the scale",
        ("overall: adequate", "overall: requires-improvement"),
        [
            "in.yaml:19:3: error: judgement.overall: 'requires-improvement' is not a grade of "
            "'ofsted-child-protection-2012'; use one of: outstanding, good, adequate, inadequate"
        ],
    ),
    (
        "unknown framework",
        ("ofsted-child-protection-2012", "ofsted-child-protection"),
        [
            "in.yaml:4:1: error: framework: unknown framework 'ofsted-child-protection' "
            "(did you mean 'ofsted-child-protection-2012'?); known frameworks: annual-report, "
            "ciw-childrens-homes-2025, ilacs, ilacs-2026, joint-targeted-area-inspection, "
            "ofsted-child-protection-2012, sccif-childrens-homes, school-report-card-2025, "
            "single-inspection-framework (or add a file to frameworks/ beside the data file)"
        ],
    ),
    (
        "visit dates out of order",
        ("end: 2013-01-16", "end: 2013-01-01"),
        [
            "in.yaml:9:3: error: visit.end: the visit ends (2013-01-01) before it starts "
            "(2013-01-07): check the two dates"
        ],
    ),
    (
        "wrong type",
        ("min_age: 8", "min_age: eight"),
        ["in.yaml:12:3: error: audience.min_age: write a whole number here, not 'eight'"],
    ),
    (
        "empty list",
        ("going_well:\n  - Social workers listen.", "going_well: []"),
        [
            "in.yaml:20:1: error: going_well: this list is empty: write at least one item, "
            "or leave 'going_well' out"
        ],
    ),
    (
        "bad url",
        ("https://example.org/report", "example dot org"),
        [
            "in.yaml:25:3: error: full_report.url: 'example dot org' is not a web address: "
            "write it in full, starting https:// (or http://)"
        ],
    ),
    (
        "duplicate key",
        ("area: Testham", "area: Testham\narea: Testby"),
        ["in.yaml:3:1: error: the field 'area' is written twice: keep one of them"],
    ),
    (
        "two problems at once",
        ("min_age: 8", "min_age: eight\n  colour: blue"),
        [
            "in.yaml:12:3: error: audience.min_age: write a whole number here, not 'eight'",
            "in.yaml:13:3: error: audience.colour: unknown field 'colour': "
            "remove it or check the spelling",
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_defect_gives_exact_message(tmp_path, change, expected):
    old, new = change
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        load(path)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == expected


def test_ungraded_framework_refuses_a_judgement(tmp_path):
    text = VALID.replace("ofsted-child-protection-2012", "joint-targeted-area-inspection")
    with pytest.raises(InputError) as caught:
        load(_write(tmp_path, text))
    assert [p.message for p in caught.value.problems] == [
        "the framework 'joint-targeted-area-inspection' gives no grades: remove 'judgement'"
    ]


def test_json_input_gives_the_same_model(tmp_path):
    import json

    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(VALID)
    data = json.loads(json.dumps(data, default=str))
    yaml_doc = load(_write(tmp_path, VALID)).inspection
    json_doc = load(_write(tmp_path, json.dumps(data, indent=2), "in.json")).inspection
    assert json_doc == yaml_doc
