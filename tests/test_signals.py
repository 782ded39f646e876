"""SIGTERM and SIGHUP stop a build as Ctrl-C does: no temporary file is left."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from render.pipeline import TEMP_PREFIX

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "stockton-2013-child-protection.yaml"


def _wait_for_temporary_pdf(out: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.name.startswith(f"{TEMP_PREFIX}{DATA.stem}.pdf.") for p in out.iterdir()):
            return
        if process.poll() is not None:
            pytest.fail(f"the build ended before it wrote the PDF: {process.returncode}")
        time.sleep(0.02)
    pytest.fail("the build never started the PDF")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_in_the_middle_of_a_pdf_leaves_nothing(number, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "render", "build", str(DATA), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for_temporary_pdf(out, process)
        process.send_signal(number)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 128 + number, err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == []
