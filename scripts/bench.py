"""Benchmark `easyread check` and `easyread build` (a script, not a test:
it prints figures for the README; compare figures from one run).

    python scripts/bench.py [--documents 1000] [--runs 7] [--only check|build|speed]

1. Throughput: `check` over N documents in one process, made from the
   inspections in data/ and the 2013 source text (copies in a temporary
   folder, half inspections, half plain text).
2. Cold start: one `easyread check` of one inspection file as a new process,
   several runs, median; first with the syllable cache built, then with an
   empty cache folder (the first run on a new machine).
3. Build: `easyread build` of each inspection in data/ as a new process,
   HTML only and HTML + PDF, wall time and peak memory (median of runs);
   then the 2013 file as a poster (plain and large print: laid out to count
   its pages, and again to fill its sheet) and as a letter.
4. Limits: a document with 10,000 points must stop quickly, in bounded
   memory, with a clear error.
5. Linear: `check` of 0.5, 1 and 2 MB of short sentences ("Go. " again and
   again) as a new process; each doubling should about double the time.

6. Batch (``--only batch``, ``scripts/bench_batch.py``): the table of
   issue 13, easyread against raw WeasyPrint, workers, rebuilds, memory.

``--only check`` runs 1, 2 and 5, ``--only build`` 3 and 4, ``--only speed``
1 and 2 (the figures issue 14 sets: 300 documents a second, a cold check
under 0.25 s). Each part prints
the load average before it: figures from a busy machine are slower.
"""

from __future__ import annotations

import argparse
import json
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
    from render.readability.check import check_paths
    from render.settings import Settings

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        make_documents(folder, count)
        start = time.perf_counter()
        reports = check_paths([folder], Settings()).reports
        elapsed = time.perf_counter() - start
    return elapsed, sum(r.summary["document"]["scores"]["sentences"] for r in reports)


def cold_start(runs: int, cache: Path, clear: bool, path: Path = INSPECTION) -> list[float]:
    env = {**os.environ, "EASYREAD_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "render", "check", str(path)]
    times = []
    for _ in range(runs):
        if clear:
            shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def timed_child(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak memory (MB) of ``command`` run in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode); "
        "sys.stderr.write(p.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, megabytes, code = done.stdout.split()
    result = subprocess.CompletedProcess(command, int(code), "", done.stderr)
    return float(seconds), float(megabytes), result


def build_runs(runs: int, formats: str, inspections=None, options=()) -> None:
    for inspection in inspections or sorted((ROOT / "data").glob("*.yaml")):
        with tempfile.TemporaryDirectory() as out:
            command = [
                sys.executable,
                "-m",
                "render",
                "build",
                str(inspection),
                "--out",
                out,
                "--format",
                formats,
                "--force",  # every run builds: the manifest would skip all but the first
                *options,
            ]
            samples = [timed_child(command) for _ in range(runs)]
        assert all(r.returncode == 0 for _, _, r in samples), samples[0][2].stderr
        seconds = statistics.median(s for s, _, _ in samples)
        peak = max(m for _, m, _ in samples)
        print(
            f"build {inspection.name} ({formats}{''.join(' ' + o for o in options)}), "
            f"new process ({runs} runs): "
            f"median {seconds:.2f} s, peak memory {peak:.0f} MB"
        )


def absurd_document() -> None:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((ROOT / "tests" / "good.yaml").read_text())
    data["going_well"] = [f"Point number {i} is here." for i in range(10_000)]
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "huge.json"
        path.write_text(json.dumps(data, default=str), encoding="utf-8")
        (Path(temp) / "frameworks").symlink_to(ROOT / "data" / "frameworks")
        seconds, peak, result = timed_child(
            [sys.executable, "-m", "render", "build", str(path), "--out", temp]
        )
    print(
        f"10,000 points: exit {result.returncode} in {seconds:.2f} s, "
        f"peak memory {peak:.0f} MB: {result.stderr.strip()[:120]}"
    )


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--only",
        choices=("check", "build", "speed", "batch"),
        help="run only the check parts (1, 2, 5), the build parts (3, 4), 1 and 2, "
        "or the batch table (6)",
    )
    parser.add_argument(
        "--batch-documents", type=int, default=200, help="documents for the batch table (6)"
    )
    args = parser.parse_args()
    if args.only == "batch":
        from bench_batch import report

        report(args.runs, args.batch_documents)
        return
    if args.only != "build":
        bench_check(args.documents, args.runs, linear=args.only != "speed")
    if args.only not in ("check", "speed"):
        print(load_average())
        build_runs(max(3, args.runs // 2), "html")
        build_runs(max(3, args.runs // 2), "html,pdf")
        stockton = [ROOT / "data" / "stockton-2013-child-protection.yaml"]
        for options in (
            ("--layout", "poster"),
            ("--layout", "poster", "--theme", "large-print"),
            ("--layout", "letter"),
        ):
            build_runs(max(3, args.runs // 2), "html,pdf", stockton, options)
        absurd_document()


def linear_check() -> None:
    """Seconds and peak MB of `check` on 0.5, 1 and 2 MB of short sentences."""
    with tempfile.TemporaryDirectory() as temp:
        rows = []
        for megabytes in (0.5, 1, 2):
            path = Path(temp) / f"go-{megabytes}.txt"
            path.write_text("Go. " * int(megabytes * 250_000), encoding="utf-8")
            seconds, peak, _ = timed_child(
                [sys.executable, "-m", "render", "check", str(path), "--format", "json"]
            )
            rows.append((megabytes, seconds, peak))
    for megabytes, seconds, peak in rows:
        ratio = seconds / rows[0][1]
        print(
            f"check of {megabytes} MB of short sentences: "
            f"{seconds:.2f} s ({ratio:.2f}x), {peak:.0f} MB"
        )


def bench_check(documents: int, runs: int, linear: bool = True) -> None:
    print(load_average())
    if linear:
        linear_check()
        print(load_average())
    elapsed, sentences = throughput(documents)
    print(
        f"check over {documents} documents ({sentences:,} sentences), "
        "one process: "
        f"{elapsed:.2f} s, {1000 * elapsed / documents:.1f} ms a document, "
        f"{documents / elapsed:.0f} documents a second"
    )
    print(load_average())
    with tempfile.TemporaryDirectory() as temp:
        cache = Path(temp) / "cache"
        cold_start(1, cache, clear=False)  # build the syllable cache once
        warm = cold_start(runs, cache, clear=False)
        text = cold_start(runs, cache, clear=False, path=TEXT)
        empty = cold_start(max(3, runs // 2), cache, clear=True)
    print(
        f"cold start, one inspection, cache built ({len(warm)} runs): "
        f"median {statistics.median(warm):.2f} s, "
        f"min {min(warm):.2f} s, max {max(warm):.2f} s"
    )
    print(
        f"cold start, one text document (the 2013 text), cache built ({len(text)} runs): "
        f"median {statistics.median(text):.2f} s, min {min(text):.2f} s"
    )
    print(
        f"cold start, one inspection, empty cache ({len(empty)} runs): "
        f"median {statistics.median(empty):.2f} s"
    )


if __name__ == "__main__":
    main()
