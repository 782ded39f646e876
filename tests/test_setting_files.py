"""Settings files, word lists, layout.toml and picture rules are read as the
inputs are (``render/source/files.py``): only regular files, at most a
megabyte. A pipe or a device named as one is refused at once, never waited on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from render.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "good.yaml"
NOT_REGULAR = "error: this is not a regular file (a device, pipe or socket)"
TOO_BIG = (
    "error: the file is 2,000,000 bytes, more than the limit of 1,000,000: a file of "
    "settings or words needs far less: is it the right file?"
)


def _easyread(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "render", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_settings_file_that_is_not_a_file_is_refused_at_once(command, kind, fifo, tmp_path):
    config = fifo if kind == "fifo" else Path("/dev/zero")
    started = time.monotonic()
    args = [command, str(GOOD), "--config", str(config)]
    done = _easyread(*args, *(["--out", "out"] if command == "build" else []), cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert (done.returncode, done.stderr.splitlines()) == (2, [f"{config}:1:1: {NOT_REGULAR}"])
    assert not (tmp_path / "out").exists()


def test_a_word_list_that_is_a_pipe_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "words.txt")
    (tmp_path / "easyread.toml").write_text('word_list = "words.txt"\n')
    done = _easyread("check", str(GOOD), cwd=tmp_path)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [f"{tmp_path / 'words.txt'}:1:1: {NOT_REGULAR}"],
    )


def test_a_huge_settings_file_is_refused(tmp_path):
    (tmp_path / "easyread.toml").write_text("# " + "x" * 1_999_997 + "\n")
    done = _easyread("check", str(GOOD), cwd=tmp_path)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [f"{tmp_path / 'easyread.toml'}:1:1: {TOO_BIG}"],
    )


def test_a_huge_layout_toml_is_refused(tmp_path):
    from render.page import find_layout

    layout = tmp_path / "own"
    layout.mkdir()
    (layout / "layout.toml").write_text("# " + "x" * 1_999_997 + "\n")
    with pytest.raises(InputError) as caught:
        find_layout(layout)
    assert str(caught.value) == f"{layout / 'layout.toml'}:1:1: {TOO_BIG}"


def test_picture_rules_that_are_a_pipe_are_refused_at_once(fifo):
    from render.page.icons import _read_rules

    with pytest.raises(InputError) as caught:
        _read_rules(fifo, {})
    assert str(caught.value) == f"{fifo}:1:1: {NOT_REGULAR}"
