"""`pip install .` (not editable) gives a working command with its layouts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE


def _copy_of_the_project(tmp_path: Path) -> Path:
    """What git would check out, without caches (setuptools writes in-tree)."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("render", "layouts", "fonts", "data"):
        shutil.copytree(ROOT / name, copy / name, ignore=skip)
    return copy


def test_non_editable_install_builds_a_page(tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(_copy_of_the_project(tmp_path)),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert (target / "render" / "_bundled" / "layouts" / "booklet" / "layout.toml").is_file()
    assert (target / "render" / "_bundled" / "fonts" / "OFL.txt").is_file()
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "render",
            "build",
            str(SAMPLE),
            "--out",
            str(out),
            "--format",
            "html",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import render, sys; sys.stdout.write(render.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(target)), "the test used the source tree"
    assert (out / f"{SAMPLE.stem}.html").stat().st_size > 10_000
    checked = subprocess.run(
        [sys.executable, "-m", "render", "check", str(SAMPLE), "--format", "json"],
        cwd=tmp_path,
        env={**env, "EASYREAD_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert '"passed": true' in checked.stdout
