"""Findings and the formats they are reported in.

``easyread check`` (readability) and ``easyread audit`` (accessibility)
both produce ``FileReport`` objects; this module prints them for people
(text), for programs (json), for GitHub workflow annotations (github) and
for code-scanning tools (SARIF 2.1.0).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import printable

SEVERITIES = ("error", "warning", "note")
FORMATS = ("text", "json", "github", "sarif")
JSON_SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class Rule:
    """A rule a finding comes from: id, default severity, what it checks."""

    id: str
    severity: str
    summary: str
    help: str = ""


@dataclass(frozen=True)
class Finding:
    """One thing a checker found, and where.

    ``line``/``col`` are 1-based; 0 means the whole file. ``field`` says
    where inside the file: the data field path (``going_well[2].text``) for
    inspection files; a CSS selector or a PDF page (``page 3``) for the
    pages ``audit`` checks.
    """

    path: str
    line: int
    col: int
    rule: str
    severity: str
    message: str
    field: str = ""
    suggestion: str = ""
    text: str = ""
    parts: tuple[str, ...] = ()  # for a long sentence: the sentences a split would make


@dataclass(frozen=True)
class Measure:
    """A measured value, and the limit it must meet if there is one.

    ``at_most`` says which side of ``limit`` passes; ``met`` is None when
    there is no limit. ``where`` says where the value was found ("line 9").
    """

    id: str
    label: str
    value: float
    limit: float | None = None
    at_most: bool = True
    where: str = ""
    met: bool | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.limit is not None:
            ok = self.value <= self.limit if self.at_most else self.value >= self.limit
            object.__setattr__(self, "met", ok)


def whole_file_finding(
    rule: Rule,
    path: Path | str,
    message: str,
    where: str = "",
    severity: str | None = None,
    text: str = "",
) -> Finding:
    """A finding of ``rule`` with no line: ``where`` is a selector or a page."""
    return Finding(
        str(path),
        0,
        0,
        rule.id,
        severity or rule.severity,
        message,
        field=where,
        suggestion=rule.help,
        text=text,
    )


@dataclass
class FileReport:
    """Everything found in one file, and whether it meets its target.

    ``about`` names what the file was checked against ("reading-age-9");
    ``measures`` are shown as a small table in the text format.
    """

    path: str
    passed: bool
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    about: str = ""
    measures: list[Measure] = field(default_factory=list)


def render_reports(
    reports: Sequence[FileReport], fmt: str, tool: str, rules: Sequence[Rule], color: bool = False
) -> str:
    """``reports`` in format ``fmt`` (one of ``FORMATS``)."""
    if fmt == "json":
        return to_json(reports, tool)
    if fmt == "github":
        return to_github(reports)
    if fmt == "sarif":
        return to_sarif(reports, tool, rules)
    return to_text(reports, color)


def to_text(reports: Sequence[FileReport], color: bool = False) -> str:
    """For people: each finding with what to try, the scores, then a verdict."""
    style = click.style if color else (lambda text, **_: text)
    lines: list[str] = []
    for report in reports:
        lines += _text_findings(report, style)
        for key, value in report.summary.items():
            if not isinstance(value, dict | list):
                lines.append(f"    {key}: {value}")
        lines += _text_measures(report, style)
        lines.append(_verdict(report, style))
    return "\n".join(lines)


def _text_findings(report: FileReport, style: Any) -> list[str]:
    """One line per finding; the sentence is quoted once above its findings."""
    marks = {"error": "red", "warning": "yellow", "note": "cyan"}
    lines: list[str] = []
    shown = None
    for f in report.findings:
        # a document's own characters are shown escaped: an escape sequence
        # in a sentence must not set the reader's terminal title, or worse
        if f.text and (f.path, f.text) != shown:
            lines.append(style(printable(f"  > {f.text}"), dim=True))
        shown = (f.path, f.text)
        where = f"{f.path}:{f.line}:{f.col}" if f.line else f.path
        head = style(f"{f.severity}", fg=marks.get(f.severity), bold=True)
        field_part = f" {f.field}:" if f.field else ""
        lines.append(f"{printable(where)}: {head}:{printable(field_part)} ")
        lines[-1] += printable(f"{f.message} [{f.rule}]")
        if f.suggestion:
            lines.append(printable(f"    try: {f.suggestion}"))
    return lines


def _text_measures(report: FileReport, style: Any) -> list[str]:
    """A short table: each measure, its limit and whether it is met."""
    if not report.measures:
        return []
    width = max(len(m.label) for m in report.measures)
    lines = [f"    {'':{width}}  {'value':>6}  limit"]
    for m in report.measures:
        side = "less" if m.at_most else "more"
        limit = "" if m.limit is None else f"{m.limit:g} or {side}"
        state = (
            ""
            if m.met is None
            else (style("ok", fg="green") if m.met else style("missed", fg="red", bold=True))
        )
        where = f" ({m.where})" if m.where else ""
        row = f"    {m.label:{width}}  {m.value:>6g}  {limit:12} {state}{where}"
        lines.append(row.rstrip())
    return lines


def _verdict(report: FileReport, style: Any) -> str:
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}
    tally = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items() if n)
    verdict = style("passes", fg="green") if report.passed else style("fails", fg="red", bold=True)
    about = f" {report.about}" if report.about else ""
    return f"{printable(report.path)}: {verdict}{about} ({tally or 'no findings'})"


def to_json(reports: Sequence[FileReport], tool: str) -> str:
    """A stable, documented shape: see docs in the README."""
    payload = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": tool, "version": __version__},
        "passed": all(r.passed for r in reports),
        "files": [asdict(r) for r in reports],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def to_github(reports: Sequence[FileReport]) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    level = {"error": "error", "warning": "warning", "note": "notice"}
    lines = []
    for report in reports:
        for f in report.findings:
            props = [f"file={_gh_escape(f.path, True)}"]
            if f.line:
                props += [f"line={f.line}", f"col={f.col}"]
            props.append(f"title={_gh_escape(f.rule, True)}")
            message = f.message + (f" Try: {f.suggestion}" if f.suggestion else "")
            lines.append(f"::{level[f.severity]} {','.join(props)}::{_gh_escape(message)}")
    return "\n".join(lines)


def _gh_escape(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def to_sarif(reports: Sequence[FileReport], tool: str, rules: Sequence[Rule]) -> str:
    """A SARIF 2.1.0 log with one run, the rules, and one result per finding."""
    index = {rule.id: i for i, rule in enumerate(rules)}
    level = {"error": "error", "warning": "warning", "note": "note"}
    results = []
    for report in reports:
        for f in report.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path)}}
            if f.line:
                location["region"] = {"startLine": f.line, "startColumn": max(f.col, 1)}
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": level[f.severity],
                "message": {"text": f.message + (f" Try: {f.suggestion}" if f.suggestion else "")},
                "locations": [{"physicalLocation": location}],
            }
            if f.field:
                logical = [{"fullyQualifiedName": f.field}]
                result["locations"][0]["logicalLocations"] = logical
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool,
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": rule.severity},
    }
    if rule.help:
        out["help"] = {"text": rule.help}
    return out


def _uri(path: str) -> str:
    """A relative path stays relative (SARIF uriBaseId-free), as a URI."""
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()
