"""`easyread schema`: the JSON Schema of an inspection file, made from the model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import INSPECTIONS, ROOT
from jsonschema import Draft202012Validator

from render.cli import main
from render.model.field_notes import FIELDS
from render.model.schema import FILE_NAME, field_paths, inspection_schema, schema_text
from render.resources import resource

SHIPPED = resource(FILE_NAME)
REGENERATE = f"python -m render schema > render/resources/{FILE_NAME}"


def test_the_shipped_schema_is_the_models():
    assert SHIPPED.read_text(encoding="utf-8") == schema_text(), (
        f"the model changed: regenerate the schema with `{REGENERATE}`"
    )


def test_the_command_prints_it():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_text()
    assert json.loads(result.output)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_field_has_a_description_and_an_example():
    missing = [path for path in field_paths() if path not in FIELDS]
    assert not missing, f"describe these fields in render/model/field_notes.py: {missing}"
    stale = sorted(set(FIELDS) - set(field_paths()))
    assert not stale, f"render/model/field_notes.py describes fields the model lacks: {stale}"


def _properties(schema):
    yield "Inspection", schema["properties"]
    for name, sub in schema["$defs"].items():
        yield name, sub.get("properties", {})


def test_every_property_in_the_schema_says_what_it_is():
    schema = inspection_schema()
    for owner, props in _properties(schema):
        for name, prop in props.items():
            assert prop.get("description"), f"{owner}.{name}"
            assert prop.get("examples"), f"{owner}.{name}"


def test_it_is_a_valid_2020_12_schema_and_its_examples_fit_it():
    schema = inspection_schema()
    Draft202012Validator.check_schema(schema)
    for owner, props in _properties(schema):
        for name, prop in props.items():
            validator = Draft202012Validator({"$defs": schema["$defs"], **prop})
            for example in prop["examples"]:
                errors = [e.message for e in validator.iter_errors(example)]
                assert not errors, f"{owner}.{name}: example {example!r}: {errors}"


def _check_jsonschema(*files):
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SHIPPED), *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_every_data_file_validates_with_check_jsonschema():
    files = [*INSPECTIONS, ROOT / "tests" / "good.yaml", ROOT / "tests" / "good.json"]
    result = _check_jsonschema(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("aera: Stockton\n", "aera"),
        ("audience:\n  min_age: 2\n  max_age: 9\n  who: Children.\n", "min_age"),
        ("about: []\n", "about"),
    ],
)
def test_check_jsonschema_finds_what_is_wrong(tmp_path, change, said):
    text = INSPECTIONS[0].read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True)]
    key = change.split(":", 1)[0] + ":"
    # drop the field being replaced (and its indented lines), then add the change
    kept, skipping = [], False
    for line in lines:
        if line.startswith(key):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    bad = tmp_path / "bad.yaml"
    bad.write_text("".join(kept) + change, encoding="utf-8")
    result = _check_jsonschema(bad)
    assert result.returncode == 1
    assert said in result.stdout
