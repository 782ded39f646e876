"""Benchmark `easyread check` (a script, not a test: it prints figures).

    python scripts/bench.py [--documents 1000] [--runs 7]

1. Throughput: `check` over N documents in one process, made from the
   inspections in data/ and the 2013 source text (copies in a temporary
   folder, half inspections, half plain text).
2. Cold start: one `easyread check` of one inspection file as a new process,
   several runs, median; first with the syllable cache built, then with an
   empty cache folder (the first run on a new machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INSPECTION = ROOT / "data" / "stockton-2018-jtai.yaml"
TEXT = ROOT / "tests" / "fixtures" / "stockton-2013-summary-for-children.txt"


def make_documents(folder: Path, count: int) -> None:
    """``count`` files: copies of the inspections and of the 2013 text."""
    (folder / "frameworks").symlink_to(ROOT / "data" / "frameworks")
    inspections = sorted((ROOT / "data").glob("*.yaml"))
    for index in range(count):
        if index % 2:
            shutil.copy(TEXT, folder / f"doc-{index:04d}.txt")
        else:
            source = inspections[index // 2 % len(inspections)]
            shutil.copy(source, folder / f"doc-{index:04d}.yaml")


def throughput(count: int) -> tuple[float, int]:
    from render.check import check_paths
    from render.settings import Settings

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        make_documents(folder, count)
        start = time.perf_counter()
        reports = check_paths([folder], Settings())
        elapsed = time.perf_counter() - start
    return elapsed, sum(r.summary["document"]["scores"]["sentences"] for r in reports)


def cold_start(runs: int, cache: Path, clear: bool) -> list[float]:
    env = {**os.environ, "EASYREAD_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "render", "check", str(INSPECTION)]
    times = []
    for _ in range(runs):
        if clear:
            shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    elapsed, sentences = throughput(args.documents)
    print(
        f"check over {args.documents} documents ({sentences:,} sentences), "
        "one process: "
        f"{elapsed:.2f} s, {1000 * elapsed / args.documents:.1f} ms a document"
    )
    with tempfile.TemporaryDirectory() as temp:
        cache = Path(temp) / "cache"
        cold_start(1, cache, clear=False)  # build the syllable cache once
        warm = cold_start(args.runs, cache, clear=False)
        empty = cold_start(max(3, args.runs // 2), cache, clear=True)
    print(
        f"cold start, one inspection, cache built ({len(warm)} runs): "
        f"median {statistics.median(warm):.2f} s, "
        f"min {min(warm):.2f} s, max {max(warm):.2f} s"
    )
    print(
        f"cold start, one inspection, empty cache ({len(empty)} runs): "
        f"median {statistics.median(empty):.2f} s"
    )


if __name__ == "__main__":
    main()
