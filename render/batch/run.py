"""run_build(): many inputs, each built once, in worker processes.

    lock the output folder (removing what a killed build left)
      -> skip the inputs the manifest says are up to date
      -> build the rest: in this process (one job, or one input), else in
         ``jobs`` worker processes that import WeasyPrint, ReportLab and the
         layout once each and then build input after input
      -> record each built input in the manifest as it is done

One input that fails never stops the others: its ``Outcome`` says why, in
the lines the command prints. A worker that dies (killed, out of memory)
fails only the input it was building.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import pipeline
from ..errors import BuildError, fault_message, printable
from ..pipeline import Job
from .manifest import Manifest, layout_hash, locked, options_hash

LOG = logging.getLogger(__name__)
EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_BUG = 0, 1, 2, 3
SAVE_EVERY = 1.0  # seconds between two writes of the manifest during a build
_DIED = (
    "the worker process building this file stopped (killed, or out of memory) "
    "before it was done: nothing was written for it; build it again"
)


@dataclass
class Outcome:
    """What became of one input: ``built``, ``current`` (up to date) or ``failed``."""

    source: Path
    status: str
    code: int = EXIT_OK
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    depends: list[Path] = field(default_factory=list)


@dataclass
class Plan:
    """The inputs of a build, split into those to build and those up to date."""

    todo: list[Path]
    current: list[Path]
    left: list[Path]  # temporary files a killed build left, now removed


def run_build(
    inputs: Sequence[Path],
    job: Job,
    jobs: int = 1,
    force: bool = False,
    on_plan: Callable[[Plan], None] = lambda plan: None,
) -> Iterator[Outcome]:
    """Build ``inputs`` with ``job``, yielding an ``Outcome`` for each as it is done
    (up-to-date inputs first). ``force`` rebuilds every input."""
    with locked(job.out_dir) as left:
        manifest = Manifest.load(job.out_dir, job_options(job), layout_hash(job.layout.inputs))
        current = [] if force else [p for p in inputs if manifest.up_to_date(p, job.formats)]
        skipped = set(current)
        todo = [p for p in inputs if p not in skipped]
        on_plan(Plan(todo, current, left))
        for path in current:
            yield Outcome(path, "current", out=[f"{path}: up to date"])
        saved = time.monotonic()
        try:
            for outcome in _build_all(todo, job, jobs):
                if outcome.status == "built":
                    manifest.record(outcome.source, outcome.depends, outcome.outputs)
                if time.monotonic() - saved > SAVE_EVERY:
                    manifest.save()
                    saved = time.monotonic()
                yield outcome
        finally:
            manifest.save()


def job_options(job: Job) -> str:
    """The hash of everything in ``job`` besides the layout's files that
    changes what an output holds."""
    return options_hash(
        formats=list(job.formats),
        layout=[job.layout.name, str(job.layout.folder.resolve())],
        themes=[str(theme.folder) for theme in job.layout.themes],
        branding=job.layout.branding.fingerprint(),
        strict=job.strict,
        max_bytes=job.max_bytes,
        settings=repr(job.settings),
    )


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _build_all(todo: list[Path], job: Job, jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield build_outcome(path, job, in_process=True)
        return
    retry: list[Path] = []
    yield from _in_workers(todo, job, min(jobs, len(todo)), retry)
    for path in retry:  # a worker died: try each again alone, so only its killer fails
        yield from _in_workers([path], job, 1, None)


def _in_workers(
    todo: list[Path], job: Job, workers: int, retry: list[Path] | None
) -> Iterator[Outcome]:
    """Outcomes of ``todo`` from ``workers`` processes, in the order of ``todo``
    (each as soon as it and those before it are done), so the lines a build
    prints are the same on every run. An input whose worker died goes to
    ``retry`` (or fails when there is none)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":  # imported once here, shared by every worker forked after
        _warm(job)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(job,)) as pool:
        futures = [pool.submit(_work, path) for path in todo]
        try:
            for path, future in zip(todo, futures, strict=True):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    if retry is None:
                        yield Outcome(path, "failed", EXIT_INVALID, err=[f"{path}: error: {_DIED}"])
                    else:
                        retry.append(path)
        finally:
            for future in futures:
                future.cancel()


_JOB: Job | None = None


def _start_worker(job: Job) -> None:
    """Once a worker: the slow imports and the layout (forked workers have
    them from the parent already), so each input costs only its own work."""
    global _JOB
    _JOB = job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the command, which stops us
    _warm(job)


def _warm(job: Job) -> None:
    """Import WeasyPrint, pikepdf and ReportLab, and make the layout's templates
    and its stylesheet with the fonts and pictures embedded, once."""
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401

    from ..page import draw_figures  # noqa: F401  (ReportLab)

    job.layout.environment().globals["inline_css"]()


def _work(path: Path) -> Outcome:
    assert _JOB is not None
    return build_outcome(path, _JOB, in_process=False)


def build_outcome(path: Path, job: Job, in_process: bool) -> Outcome:
    """Build ``path``; what the command prints for it, never an exception
    (except a fault of easyread's own in this process, under EASYREAD_DEBUG)."""
    from ..readability import TargetMissed

    try:
        result = pipeline.build_one(path, job)
    except Exception as exc:  # a fault of ours: this input fails, the others go on
        if in_process and os.environ.get("EASYREAD_DEBUG"):
            raise
        LOG.debug("building %s failed", path, exc_info=True)
        return Outcome(path, "failed", EXIT_BUG, err=[fault_message(exc)])
    out = [result.readability_line] if result.readability is not None else []
    out += [printable(note) for note in result.notes]  # guessed pictures, no talk_to
    if result.ok:
        out += [f"wrote {output}" for output in result.outputs]
        return Outcome(path, "built", EXIT_OK, out, [], result.outputs, result.depends)
    if isinstance(result.error, BuildError):
        err = [printable(f"{path}: error: {message}") for message in result.error.messages]
        return Outcome(path, "failed", EXIT_INVALID, out, err)
    code = EXIT_FINDINGS if isinstance(result.error, TargetMissed) else EXIT_INVALID
    return Outcome(path, "failed", code, out, str(result.error).splitlines())
