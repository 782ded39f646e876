"""The direction of imports between the stages (docs/architecture.md).

``lint-imports`` checks the contracts in pyproject.toml; a copy of the
package in which a stage imports the command shows that it can fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(folder / "pyproject.toml"), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_are_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_a_stage_that_imports_the_command_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "render", tmp_path / "render")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    module = tmp_path / "render" / "readability" / "sentences.py"
    module.write_text(module.read_text() + "\nfrom ..cli import main  # noqa\n")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout
    assert "render.readability is not allowed to import render.cli" in done.stdout
    assert "render.readability.sentences -> render.cli" in done.stdout


def test_each_stage_says_what_it_exports():
    for package in sorted((ROOT / "render").glob("*/__init__.py")):
        if package.parent.name == "cli":  # the commands, not a stage: nothing to export
            continue
        text = package.read_text()
        assert text.startswith('"""'), package
        assert "_EXPORTS = {" in text, package


def test_the_top_level_is_small_and_no_module_is_long():
    top = [p for p in (ROOT / "render").iterdir() if not (p / "__init__.py").exists()]
    top = [p for p in top if p.name not in {"__pycache__", "_bundled"}]
    assert len(top) <= 10, sorted(p.name for p in top)
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "render").rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 450
    }
    assert not long


def test_every_subpackage_is_in_the_distribution():
    """A subpackage missing from [tool.setuptools] packages works in an
    editable install and is missing from a real one."""
    import tomllib

    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "render").rglob("__init__.py")
        if "_bundled" not in p.parts
    }
    assert found <= set(listed), sorted(found - set(listed))
    assert len(listed) == len(set(listed))
