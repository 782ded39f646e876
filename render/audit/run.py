"""``easyread audit``: accessibility checks of HTML pages and PDFs.

Any page or PDF can be audited, not only ours: councils can check the PDFs
they already publish. Each file is recognised by its content (``%PDF-`` or
HTML markup), checked by ``html`` in a real browser or by
``pdf``, and reported as a ``FileReport`` (see ``findings.py``) that
passes when no finding is at error level.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, ToolMissing
from ..findings import FileReport, Finding, Rule

TOOL = "easyread audit"
HTML_START = (b"<!doctype html", b"<html", b"<!--", b"<head", b"<body", b"<meta")
SNIFF_BYTES = 1024
TIMEOUT = 30  # seconds for the whole audit of one file
NEEDS = {
    "pdf": ("pikepdf", "page", "pdfua"),
    "html": ("playwright", "axe_playwright_python"),
}


@dataclass
class Audit:
    """The reports of the files that could be read, the rules behind their
    findings, and why the others could not be audited."""

    reports: list[FileReport] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.errors and all(r.passed for r in self.reports)


def kind_of(path: Path) -> str:
    """``"pdf"`` or ``"html"``, from the file's first bytes; else ``InputError``."""
    try:
        with path.open("rb") as handle:
            start = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError.single(path, f"cannot read it: {exc.strerror}") from None
    if start.startswith(b"%PDF-"):
        return "pdf"
    head = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(HTML_START) or path.suffix.lower() in (
        ".html",
        ".htm",
        ".xhtml",
    ):
        return "html"
    raise InputError.single(path, "neither a PDF nor an HTML page; audit checks those two")


def audit(paths: Iterable[Path], browser: str | None = None, timeout: float = TIMEOUT) -> Audit:
    """Audit every file in ``paths``, each within ``timeout`` seconds; the
    browser starts only if one is HTML, and again after one ran out of time.

    A checker's own fault (not the file's) is told once, in ``faults``.
    """
    result = Audit()
    kinds = _sort(paths, result)
    require_checkers({kind for _, kind in kinds})
    rules: dict[str, Rule] = {}
    if any(kind == "pdf" for _, kind in kinds):
        from . import pdf as audit_pdf

        rules |= audit_pdf.RULES | _pdfua_rules()
    faults: dict[str, None] = {}
    stack = ExitStack()
    with stack:
        session = None
        for path, kind in kinds:
            if kind == "html" and (session is None or session.killed):
                from . import html as audit_html
                from .browser import Browser

                stack.close()
                session = stack.enter_context(Browser(browser))
                rules |= audit_html.RULES
            try:
                report, found = _audit_one(path, kind, session, timeout)
            except InputError as exc:
                result.errors.append(exc)
                continue
            result.reports.append(report)
            rules |= {rule.id: rule for rule in found}
            faults |= dict.fromkeys(report.summary.pop("faults", ()))
    result.rules = _used_first(rules, result.reports)
    result.faults = list(faults)
    return result


def require_checkers(kinds: set[str]) -> None:
    """Raise ``ToolMissing`` unless the packages that check ``kinds`` import."""
    import importlib.util

    missing = [
        name
        for kind in sorted(kinds)
        for name in NEEDS[kind]
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        raise ToolMissing(
            f"easyread audit needs the Python packages {', '.join(missing)}: "
            "pip install 'easyread[audit]'"
        )


def _sort(paths: Iterable[Path], result: Audit) -> list[tuple[Path, str]]:
    kinds = []
    for path in paths:
        try:
            kinds.append((path, kind_of(path)))
        except InputError as exc:
            result.errors.append(exc)
    return kinds


def _audit_one(path: Path, kind: str, session, timeout: float) -> tuple[FileReport, list[Rule]]:
    from .browser import OutOfTime, time_budget

    started = time.perf_counter()
    try:
        if kind == "pdf":
            from .pdf import check_pdf

            with _alarm(timeout):
                findings, summary = check_pdf(path)
            rules: list[Rule] = []
        else:
            from .html import check_html

            with time_budget(session, timeout):
                findings, summary, rules = check_html(session, path, timeout)
    except OutOfTime:
        what = "the page did not settle" if kind == "html" else "the checkers did not finish"
        raise InputError.single(
            path,
            f"could not audit: {what} in {timeout:g} s; audit it alone with a longer "
            "--timeout, or look for a script that never ends",
        ) from None
    summary["seconds"] = round(time.perf_counter() - started, 2)
    findings = sorted(findings, key=_order)
    passed = not any(f.severity == "error" for f in findings)
    return FileReport(str(path), passed, findings, summary), rules


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """``OutOfTime`` in this thread after ``seconds`` (the PDF checkers run in
    Python here, so an exception stops them between two steps)."""
    from .browser import OutOfTime

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def out_of_time(number: int, frame: object) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _order(finding: Finding) -> tuple[int, str]:
    return ("error", "warning", "note").index(finding.severity), finding.rule


def _pdfua_rules() -> dict[str, Rule]:
    import pdfua

    level = {2: "error", 1: "warning"}
    return {
        f"pdfua/{r.id}": Rule(
            f"pdfua/{r.id}", level.get(int(r.severity), "note"), r.title, r.remediation
        )
        for r in pdfua.default_registry()
    }


def _used_first(rules: dict[str, Rule], reports: Sequence[FileReport]) -> list[Rule]:
    """Every rule a finding names (made up if a checker did not describe it)."""
    for report in reports:
        for f in report.findings:
            if f.rule not in rules:
                rules[f.rule] = Rule(f.rule, f.severity, f.message, f.suggestion)
    return list(rules.values())
