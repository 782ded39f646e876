"""``easyread audit``: accessibility checks of HTML pages and PDFs.

Any page or PDF can be audited, not only ours: councils can check the PDFs
they already publish. Each file is recognised by its content (``%PDF-`` or
HTML markup), checked by ``html`` in a real browser or by
``pdf``, and reported as a ``FileReport`` (see ``findings.py``) that
passes when no finding is at error level.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, ToolMissing
from ..findings import FileReport, Finding, Rule

TOOL = "easyread audit"
HTML_START = (b"<!doctype html", b"<html", b"<!--", b"<head", b"<body", b"<meta")
SNIFF_BYTES = 1024
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


def audit(paths: Iterable[Path], browser: str | None = None) -> Audit:
    """Audit every file in ``paths``; the browser starts only if one is HTML."""
    result = Audit()
    kinds = _sort(paths, result)
    require_checkers({kind for _, kind in kinds})
    rules: dict[str, Rule] = {}
    if any(kind == "pdf" for _, kind in kinds):
        from . import pdf as audit_pdf

        rules |= audit_pdf.RULES | _pdfua_rules()
    with ExitStack() as stack:
        session = None
        for path, kind in kinds:
            if kind == "html" and session is None:
                from . import html as audit_html
                from .browser import Browser

                session = stack.enter_context(Browser(browser))
                rules |= audit_html.RULES
            try:
                report, found = _audit_one(path, kind, session)
            except InputError as exc:
                result.errors.append(exc)
                continue
            result.reports.append(report)
            rules |= {rule.id: rule for rule in found}
    result.rules = _used_first(rules, result.reports)
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


def _audit_one(path: Path, kind: str, session) -> tuple[FileReport, list[Rule]]:
    started = time.perf_counter()
    if kind == "pdf":
        from .pdf import check_pdf

        findings, summary = check_pdf(path)
        rules: list[Rule] = []
    else:
        from .html import check_html

        findings, summary, rules = check_html(session, path)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    findings = sorted(findings, key=_order)
    passed = not any(f.severity == "error" for f in findings)
    return FileReport(str(path), passed, findings, summary), rules


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
