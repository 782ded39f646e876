"""SIGTERM and SIGHUP stop ``check`` and ``audit`` as Ctrl-C does: no
temporary file is left, no browser outlives the audit, exit 128 + signal."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import require_tool

from render.audit.browser import find_chromium
from render.readability import syllables

ROOT = Path(__file__).resolve().parents[1]
BUSY = (
    '<!DOCTYPE html><html lang="en"><title>Busy</title><p>Busy.</p><script>'
    'addEventListener("load", () => setTimeout(() => { while (true) {} }, 50))</script>'
)


@pytest.fixture
def temp() -> Path:
    """A TMPDIR of a short name (Chromium makes a socket inside it)."""
    folder = Path(tempfile.mkdtemp(prefix="er-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _start(args: list[str], tmp_path: Path, temp: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TMPDIR": str(temp),
        syllables.CACHE_ENV: str(tmp_path / "cache"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "render", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _everything_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_signal_while_the_syllable_cache_is_written_leaves_no_temporary_file(
    tmp_path, monkeypatch
):
    class Interrupted:
        def __init__(self, handle, mode):
            os.close(handle)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            raise SystemExit(128 + signal.SIGTERM)

    monkeypatch.setattr(syllables.os, "fdopen", Interrupted)
    with pytest.raises(SystemExit):
        syllables.write_quietly(tmp_path / "table.tsv", b"word\t1\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_check_stops_cleanly_on_a_signal(number, tmp_path, temp):
    long = tmp_path / "long.txt"
    long.write_text("The cat sat on the mat and then it ran to the big red door. " * 30_000)
    process = _start(["check", str(long)], tmp_path, temp)
    try:
        time.sleep(1.5)
        assert process.poll() is None, "check ended before the signal"
        process.send_signal(number)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + number, err
    assert "Traceback" not in err
    assert _everything_in(temp) == []
    cache = tmp_path / "cache"
    assert not cache.exists() or not [p for p in cache.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("wait", [0.0, 4.0], ids=["starting", "busy"])
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_audit_stops_cleanly_on_a_signal(number, wait, tmp_path, temp):
    if find_chromium() is None:
        require_tool("chromium")
    page = tmp_path / "busy.html"
    page.write_text(BUSY)
    process = _start(["audit", str(page), "--timeout", "120"], tmp_path, temp)
    try:
        deadline = time.monotonic() + 30
        while not any(temp.rglob("playwright_chromiumdev_profile-*")):
            assert time.monotonic() < deadline, "the browser never started"
            time.sleep(0.1)
        time.sleep(wait)  # the browser starting, or the page open and its script running
        assert process.poll() is None, process.communicate()[1]
        process.send_signal(number)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + number, err
    assert "Traceback" not in err
    deadline = time.monotonic() + 5
    while _everything_in(temp) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _everything_in(temp) == []
