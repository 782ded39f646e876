"""Absurd inputs stop quickly, with a clear message, in bounded memory.

Each case runs the command in a child process that reports its own peak
memory. Measured alone on a 2-core machine (``/usr/bin/time``): the
10,000-point document stops in about 1.6 s using about 46 MB, most of it
Python and the libraries; 2 MB of values stops at the 20,000th in about
1.9 s, 51 MB. The limits here leave room for a busy machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
GOOD = json.loads((TESTS / "good.json").read_text())
SECONDS, MEGABYTES = 15, 300

# run easyread in this process and report its peak memory in MB: VmHWM, the
# high-water mark of this program's own memory (ru_maxrss would also count
# the copy of pytest the process was forked from before it started Python)
CHILD = """
import sys
from render.cli import main
try:
    main(sys.argv[1:], prog_name="easyread")
finally:
    with open("/proc/self/status") as status:
        kb = next(int(row.split()[1]) for row in status if row.startswith("VmHWM:"))
    print(kb // 1024, file=sys.stderr)
"""


def _measure(path: Path, out: Path) -> tuple[int, list[str], float, int]:
    """Exit code, stderr lines (without the memory line), seconds, peak MB."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "build", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=TESTS.parent,
        timeout=120,
    )
    seconds = time.monotonic() - start
    *lines, peak = done.stderr.splitlines()
    return done.returncode, lines, seconds, int(peak)


def _text(data) -> str:
    return json.dumps(data, indent=1)


def _with(**fields) -> dict:
    return {**GOOD, **fields}


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (
            "ten-thousand-points.json",
            _text(_with(going_well=[f"Point number {i}." for i in range(10_000)])),
            "29:2: error: going_well: this list has 10,000 items, more than 100: "
            "an easy-read "
            "summary keeps to the most important ones",
        ),
        (
            "sixty-thousand-values.json",
            _text(_with(lots=list(range(60_000)))),
            "19981:3: error: the file has more than 20,000 values: an easy-read "
            "summary needs "
            "far fewer",
        ),
        (
            "one-huge-text.json",
            _text(_with(title="x" * 1_900_000)),
            "2:2: error: title: this text is 1,900,000 characters long, more than "
            "1,000: make "
            "it shorter or split it into more points",
        ),
        (
            "nested-990000-deep.json",
            '{"lots": ' + "[" * 990_000 + "]" * 990_000 + "}",
            "1:41: error: the file is nested too deeply (more than 32 levels): an "
            "inspection "
            "needs only a few",
        ),
    ],
)
def test_absurd_documents_stop_quickly(name, text, line, tmp_path):
    path = tmp_path / name
    path.write_text(text)
    code, lines, seconds, peak = _measure(path, tmp_path / "out")
    assert (code, lines) == (2, [f"{path}:{line}"])
    assert seconds < SECONDS
    assert peak < MEGABYTES
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_too_much_text_in_all_stops_before_rendering(tmp_path):
    sentence = "Social workers know the children well and help them every day. " * 14
    path = tmp_path / "too-much.json"
    path.write_text(_text(_with(going_well=[sentence.strip()] * 40)))
    code, lines, seconds, peak = _measure(path, tmp_path / "out")
    assert (code, lines) == (
        2,
        [
            f"{path}:1:1: error: the summary has 35,741 characters of text, more "
            "than 30,000: "
            "an easy-read summary for children is 1 to 4 pages, so keep to what "
            "matters most"
        ],
    )
    assert seconds < SECONDS
