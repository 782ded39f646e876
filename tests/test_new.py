"""`easyread new`: a starter file for each framework that validates and builds as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

from render import build, load
from render.cli import main
from render.model import Inspection
from render.model.schema import FILE_NAME
from render.model.starter import WRITTEN
from render.resources import bundled, resource

FRAMEWORKS = sorted(p.stem for p in bundled("frameworks").glob("*.yaml"))
# a section that is commented out: '#' then the YAML line (prose has '# ' then a word)
DISABLED = re.compile(r"^#(?! \S|$)", re.MULTILINE)


def _new(tmp_path, *args, name="new.yaml"):
    path = tmp_path / name
    result = CliRunner().invoke(main, ["new", str(path), *args])
    return path, result


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_starter_validates_and_builds_as_written(tmp_path, framework):
    path, result = _new(tmp_path, "--framework", framework)
    assert result.exit_code == 0, result.output
    assert f"wrote {path}" in result.output
    document = load(path)
    assert document.framework.id == framework
    (res,) = build([path], tmp_path / "out", formats=("html",))
    assert res.ok, res.error
    assert res.readability.passed, res.readability_line
    html = (tmp_path / "out" / "new.html").read_text(encoding="utf-8")
    assert document.inspection.going_well[0].text in html


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_optional_section_is_there_commented_out(tmp_path, framework):
    path, _ = _new(tmp_path, "--framework", framework)
    text = path.read_text(encoding="utf-8")
    for name, field in Inspection.model_fields.items():
        if name == "judgement":
            continue  # the framework decides (below)
        key = re.compile(rf"^(#?){name}:", re.MULTILINE)
        found = key.search(text)
        assert found, f"{name} is missing from the starter"
        written = field.is_required() or name in WRITTEN
        assert (found.group(1) == "") == written, name
    framework_file = load(path).framework
    assert ("\njudgement:" in text) == framework_file.graded
    # every section, uncommented, still validates (with the picture it names)
    (tmp_path / "pictures").mkdir()
    shutil.copy(ROOT / "layouts" / "_base" / "pictures" / "house.svg", tmp_path / "pictures")
    full = DISABLED.sub("", text).replace("pictures/hub.png", "pictures/house.svg")
    # an invented example's file name says so; a translation is a file beside it
    every = tmp_path / "example-every.yaml"
    every.write_text(full, encoding="utf-8")
    shutil.copy(path, tmp_path / "my-summary-cy.yaml")
    inspection = load(every).inspection
    for name, field in Inspection.model_fields.items():
        if name != "judgement" and not field.is_required() and name not in WRITTEN:
            assert name in inspection.model_fields_set, f"{name} was not shown"


def test_a_framework_without_an_overall_grade_gets_parts():
    from render.model.starter import starter_text
    from render.model.validate import find_framework
    from render.source import Source

    framework = find_framework("school-report-card-2025", Source(ROOT / "x.yaml", {}), [])
    text = starter_text(framework)
    assert "overall:" not in text
    assert "parts:" in text
    assert "grade: exceptional" in text


def test_every_starter_passes_check_jsonschema(tmp_path):
    paths = [_new(tmp_path, "--framework", f, name=f"{f}.yaml")[0] for f in FRAMEWORKS]
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(resource(FILE_NAME))]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_framework_beside_the_file_is_found(tmp_path):
    (tmp_path / "frameworks").mkdir()
    own = (bundled("frameworks") / "ilacs.yaml").read_text(encoding="utf-8")
    own = own.replace("id: ilacs", "id: our-own").replace("name: Inspection of", "name: Our")
    (tmp_path / "frameworks" / "our-own.yaml").write_text(own, encoding="utf-8")
    path, result = _new(tmp_path, "--framework", "our-own")
    assert result.exit_code == 0, result.output
    assert "framework: our-own" in path.read_text(encoding="utf-8")
    assert load(path).framework.name.startswith("Our")


def test_it_never_overwrites(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("title: my work\n", encoding="utf-8")
    _, result = _new(tmp_path, name="mine.yaml")
    assert result.exit_code == 2
    assert result.output.strip() == f"{path}: error: the file exists already: choose another name"
    assert path.read_text(encoding="utf-8") == "title: my work\n"


def test_an_unknown_framework_is_one_line_and_no_file(tmp_path):
    path, result = _new(tmp_path, "--framework", "ilac")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "unknown framework 'ilac' (did you mean 'ilacs'?)" in lines[0]
    assert not path.exists()
