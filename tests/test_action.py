"""Issue 14: the GitHub Action (action.yml) and the workflow the README shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "scripts" / "action-check.sh"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    tool = Path(sys.executable).with_name("check-jsonschema")
    command = [str(tool)] if tool.exists() else [sys.executable, "-m", "check_jsonschema"]
    return subprocess.run(
        [*command, "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )


def test_action_yml_is_a_valid_action():
    result = check_jsonschema("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_workflow_is_a_valid_workflow(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## GitHub Action", 1)[1]
    workflow = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    assert "uses: OWNER/easyread@v0" in workflow
    for name in ("paths:", "target:", "fail-on:"):
        assert name in workflow
    path = tmp_path / "easyread.yml"
    path.write_text(workflow, encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


def run_step(tmp_path: Path, text: str, fail_on: str = "error") -> tuple[str, dict[str, str]]:
    """The action's check step, with ``easyread`` this tree's command."""
    shim = tmp_path / "bin" / "easyread"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m render "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    doc = tmp_path / "docs" / "leaflet.md"
    doc.parent.mkdir()
    doc.write_text(text, encoding="utf-8")
    output = tmp_path / "github-output"
    env = {
        **os.environ,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "EASYREAD_PATHS": "docs",
        "EASYREAD_TARGET": "reading-age-9",
        "EASYREAD_FAIL_ON": fail_on,
        "GITHUB_OUTPUT": str(output),
        "RUNNER_TEMP": str(tmp_path),
    }
    result = subprocess.run(
        ["bash", str(SCRIPT)], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr  # the step itself never fails
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return result.stdout, outputs


def test_the_check_step_annotates_and_writes_sarif(tmp_path):
    long = "The council and the police and the health services all work well together "
    long += "to keep children safe, and they meet every week to talk."
    stdout, outputs = run_step(tmp_path, f"We met the team.\n\n{long}\n")
    assert outputs["exit-code"] == "1"
    assert "::error file=docs/leaflet.md,line=3,col=1,title=sentence-too-long::" in stdout
    sarif = Path(outputs["sarif"])
    assert sarif.is_file() and '"version": "2.1.0"' in sarif.read_text()


def test_the_check_step_passes_easy_text(tmp_path):
    _, outputs = run_step(tmp_path, "We met the team. They were kind.\n", fail_on="warning")
    assert outputs["exit-code"] == "0"
