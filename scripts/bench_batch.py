"""The build benchmarks of issue 13, measured in one run (``bench.py --only batch``).

(a) one document: ``easyread build`` (HTML and PDF) against WeasyPrint's own
    ``write_pdf`` of the same HTML, as new processes and in one process;
(b) WeasyPrint's seconds a page on our layout at about 1, 4, 16 and 64 pages;
(c) N documents (default 200) with ``--jobs 1`` against ``--jobs 2``;
(d) a rebuild of those N documents when nothing changed;
(e) the peak memory of the biggest process of (c) (a worker or the parent).

Each row prints its figure, the target, and whether it is met; the table
at the end is in the README's form.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "data" / "stockton-2013-child-protection.yaml"
RAW = (
    "import sys, weasyprint; "
    "html = open(sys.argv[1], encoding='utf-8').read(); "
    "weasyprint.HTML(string=html, base_url=sys.argv[3]).write_pdf(sys.argv[2], "
    "pdf_variant='pdf/ua-1')"
)


def _child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak memory (MB) of the biggest process of ``command``."""
    from bench import timed_child

    seconds, megabytes, done = timed_child(command)
    assert done.returncode == 0, done.stderr[-2000:]
    return seconds, megabytes


def _build(*args: str) -> list[str]:
    return [sys.executable, "-m", "render", "build", *args]


def one_document(runs: int) -> dict[str, float]:
    """(a): medians of ``runs``, easyread and WeasyPrint taking turns."""
    sys.path.insert(0, str(ROOT))
    from render.page import find_layout

    base = find_layout("booklet").folder.as_uri() + "/"
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp)
        ours, raw = [], []
        for _ in range(runs):
            ours.append(_child(_build(str(DOCUMENT), "--out", temp, "--force"))[0])
            html = out / f"{DOCUMENT.stem}.html"
            raw.append(
                _child([sys.executable, "-c", RAW, str(html), str(out / "raw.pdf"), base])[0]
            )
        process = statistics.median(ours), statistics.median(raw)
        inside = _in_process(DOCUMENT, out, runs)
    return {
        "process_ours": process[0],
        "process_raw": process[1],
        "inside_ours": inside[0],
        "inside_raw": inside[1],
    }


def _in_process(document: Path, out: Path, runs: int) -> tuple[float, float]:
    import weasyprint

    from render.pipeline import build_one, plan_build

    job = plan_build([document], out / "inside")
    build_one(document, job)  # the imports and the layout, as a worker has them
    html = (out / "inside" / f"{document.stem}.html").read_text(encoding="utf-8")
    base = job.layout.folder.as_uri() + "/"
    ours, raw = [], []
    for _ in range(runs):
        started = time.perf_counter()
        result = build_one(document, job)
        ours.append(time.perf_counter() - started)
        assert result.ok, result.error
        started = time.perf_counter()
        weasyprint.HTML(string=html, base_url=base).write_pdf(pdf_variant="pdf/ua-1")
        raw.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(raw)


def per_page(runs: int) -> list[tuple[int, float]]:
    """(b): (pages, WeasyPrint seconds a page) for pages made of our layout's
    sections: the 2013 summary cut down, or repeated with fresh ids."""
    import weasyprint

    from render.pipeline import build_one, plan_build

    with tempfile.TemporaryDirectory() as temp:
        job = plan_build([DOCUMENT], Path(temp), formats=("html",))
        build_one(DOCUMENT, job)
        html = (Path(temp) / f"{DOCUMENT.stem}.html").read_text(encoding="utf-8")
    head, rest = html.split('<main id="main" tabindex="-1">', 1)
    main, tail = rest.split("</main>", 1)
    sections = re.findall(r"<section\b.*?</section>", main, flags=re.DOTALL)
    base = job.layout.folder.as_uri() + "/"
    rows = []
    for count in (1, 3, 11, 46):  # sections: about 1, 4, 16 and 64 pages
        chosen = [
            re.sub(r'\b(id|aria-labelledby)="([\w-]+)"', rf'\1="\2-{i // len(sections)}"', s)
            if i >= len(sections)
            else s
            for i, s in ((i, sections[i % len(sections)]) for i in range(count))
        ]
        page = f'{head}<main id="main" tabindex="-1">{"".join(chosen)}</main>{tail}'
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            document = weasyprint.HTML(string=page, base_url=base).render()
            document.write_pdf(pdf_variant="pdf/ua-1")
            samples.append(time.perf_counter() - started)
        pages = len(document.pages)
        rows.append((pages, statistics.median(samples) / pages))
    return rows


def many(count: int) -> dict[str, float]:
    """(c), (d), (e): ``count`` documents (copies of data/'s inspections)."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "in"
        folder.mkdir()
        sources = sorted((ROOT / "data").glob("*.yaml"))
        for i in range(count):
            source = sources[i % len(sources)]
            shutil.copy(source, folder / f"{source.stem}-{i:04}.yaml")
        one, peak_one = _child(_build(str(folder), "--out", f"{temp}/1", "--jobs", "1"))
        two, peak_two = _child(_build(str(folder), "--out", f"{temp}/2", "--jobs", "2"))
        again = [_child(_build(str(folder), "--out", f"{temp}/2"))[0] for _ in range(3)]
    return {
        "jobs1": one,
        "jobs2": two,
        "rebuild": statistics.median(again),
        "peak": max(peak_one, peak_two),
    }


def _added(small: tuple[int, float], big: tuple[int, float]) -> float:
    """WeasyPrint's seconds for each page ``big`` has more than ``small``."""
    return (big[0] * big[1] - small[0] * small[1]) / (big[0] - small[0])


def report(runs: int, count: int) -> None:
    cores = len(os.sched_getaffinity(0))
    one, load = os.getloadavg()[0], os.getloadavg()[1]
    print(f"machine: {cores} cores, load average {one:.2f} (1 min), {load:.2f} (5 min)")
    a = one_document(runs)
    b = per_page(max(1, runs // 2))
    c = many(count)
    process = a["process_ours"] / a["process_raw"]
    inside = a["inside_ours"] / a["inside_raw"]
    speedup = c["jobs1"] / c["jobs2"]
    early, late = _added(b[1], b[2]), _added(b[2], b[3])
    rows = [
        (
            "(a) one document, new process: easyread build / WeasyPrint write_pdf",
            f"{a['process_ours']:.2f} s / {a['process_raw']:.2f} s = {process:.2f}",
            "<= 1.10",
            process <= 1.10,
        ),
        (
            "(a) one document, in one process (warm)",
            f"{a['inside_ours']:.2f} s / {a['inside_raw']:.2f} s = {inside:.2f}",
            "<= 1.10",
            inside <= 1.10,
        ),
        *[
            (
                f"(b) WeasyPrint on our layout, {pages} pages",
                f"{seconds:.3f} s a page",
                "<= 0.05 s, linear",
                seconds <= 0.05,
            )
            for pages, seconds in b
        ],
        (
            f"(b) each page added from {b[1][0]} to {b[2][0]} pages / from {b[2][0]} to "
            f"{b[3][0]} (linear: about 1)",
            f"{early:.3f} s / {late:.3f} s = {late / early:.2f}",
            "0.75 to 1.25; <= 0.05 s",
            0.75 <= late / early <= 1.25 and late <= 0.05,
        ),
        (
            f"(c) {count} documents: --jobs 1 / --jobs 2",
            f"{c['jobs1']:.1f} s / {c['jobs2']:.1f} s = {speedup:.2f}",
            ">= 1.85",
            speedup >= 1.85,
        ),
        (
            f"(d) rebuild of {count} documents, nothing changed (new process)",
            f"{c['rebuild']:.2f} s",
            "< 1 s",
            c["rebuild"] < 1,
        ),
        (
            "(e) peak memory of the biggest process (worker or parent)",
            f"{c['peak']:.0f} MB",
            "<= 250 MB",
            c["peak"] <= 250,
        ),
    ]
    print("| what | measured | target | met |")
    print("|---|---|---|---|")
    for what, figure, target, met in rows:
        print(f"| {what} | {figure} | {target} | {'yes' if met else '**no**'} |")
