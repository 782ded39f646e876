"""check(): is each file easy enough to read for its target?

    expand_paths -> read (datafiles / documents) -> analyse sentences
      -> rules -> scores and target limits -> FileReport

A file passes when its whole text is within every limit of its reading
target and no finding is an error. Findings point at the data field and
its line and column (inspection files) or at the line (documents).
"""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, Problem
from ..findings import FileReport, Finding, Measure
from ..settings import Settings
from ..source import MAX_BYTES
from .documents import read_document
from .lexicon import bundled_lexicon
from .rules import RULES, SENTENCE_RULES, Context, Hit, check_sentence, defined_words
from .scores import Names, Sentence, analyse, score, total
from .targets import ReadingTarget, UnknownTarget, find_target, unknown_target_message
from .units import ALL_RULES, KINDS, Lines, TextFile, file_kind

if TYPE_CHECKING:  # datafiles needs pydantic: imported only for a data file
    from ..model import Document
    from ..source import Source

LOG = logging.getLogger(__name__)
CHECKED = tuple(KINDS)
EXTRA_SCORES = (
    ("spache", "Spache grade"),
    ("dale_chall", "Dale-Chall score"),
    ("smog", "SMOG grade"),
    ("coleman_liau", "Coleman-Liau grade"),
    ("ari", "ARI grade"),
)


class TargetMissed(Exception):
    """A file misses its reading target (``build --strict`` stops on it)."""

    def __init__(self, report: FileReport):
        self.report = report
        errors = [f for f in report.findings if f.severity == "error"]
        lines = [
            f"{f.path}:{f.line}:{f.col}: error: {f.message} [{f.rule}]"
            if f.line
            else f"{f.path}: error: {f.message} [{f.rule}]"
            for f in errors
        ]
        super().__init__("\n".join(lines) or f"{report.path}: misses its reading target")


@dataclass
class CheckRun:
    """What ``check_paths`` found.

    ``reports``: one for each file checked. ``problems``: why each input that
    could not be read, or is invalid, has no report. ``skipped``: data files
    in a folder that are not inspections.
    """

    reports: list[FileReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def checked_nothing(self) -> bool:
        return not self.reports and not self.problems


def check_paths(
    paths: Iterable[Path],
    settings: Settings,
    target: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> CheckRun:
    """Check every file in ``paths`` (folders: every supported file in them).

    A file that cannot be read or is invalid does not stop the others.
    ``UnknownTarget`` if ``target`` (one for every file) is no target.
    """
    if target is not None and target not in settings.targets:
        raise UnknownTarget(unknown_target_message(target, settings.targets))
    run = CheckRun()
    for path, explicit in expand_paths(paths, settings, run.problems):
        try:
            report = check_file(path, settings, target, explicit, max_bytes)
        except InputError as exc:
            run.problems += exc.problems
            continue
        if report is None:
            run.skipped.append(path)
        else:
            run.reports.append(report)
    return run


def nothing_checked(paths: Iterable[Path], run: CheckRun) -> str:
    """Why a run that checked no file is an error, in plain words."""
    where = ", ".join(str(p) for p in paths)
    message = (
        f"nothing was checked in {where}: easyread checks inspections and "
        f"documents ({', '.join(CHECKED)})"
    )
    if run.skipped:
        count = len(run.skipped)
        message += (
            f"; {count} YAML or JSON "
            f"{'file is not an inspection' if count == 1 else 'files are not inspections'}"
            " (framework files are checked with the inspections that use them; "
            "-v names each file)"
        )
    return message


def expand_paths(
    paths: Iterable[Path], settings: Settings, problems: list[Problem]
) -> list[tuple[Path, bool]]:
    """Files to check, each with whether it was named (not found in a folder).

    A named file that does not exist, or cannot be checked, adds a problem.
    """
    out: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            out += [(p, False) for p in sorted(path.rglob("*")) if _wanted(p, path, settings)]
        elif not path.exists():
            problems.append(Problem(str(path), 1, 1, "", "no such file or folder: check the name"))
        elif file_kind(path) is None:
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    "",
                    (
                        f"cannot check '{path.suffix or path.name}' files; "
                        "easyread checks "
                        f"{', '.join(CHECKED)}"
                    ),
                )
            )
        elif not _excluded(path, settings):
            out.append((path, True))
    return out


def _wanted(path: Path, root: Path, settings: Settings) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return (
        path.is_file()
        and not hidden
        and file_kind(path) is not None
        and not _excluded(path, settings)
    )


def _excluded(path: Path, settings: Settings) -> bool:
    try:
        shown = path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return any(
        fnmatch.fnmatch(shown, pattern) or fnmatch.fnmatch(path.as_posix(), pattern)
        for pattern in settings.exclude
    )


def check_file(
    path: Path,
    settings: Settings,
    target: str | None = None,
    explicit: bool = True,
    max_bytes: int = MAX_BYTES,
) -> FileReport | None:
    """Check one file; ``None`` for a data file in a folder that is no inspection.

    In a folder, only inspections are checked: a framework's grade meanings
    are checked with each inspection that shows them, and other YAML and
    JSON files are not ours. ``InputError`` if the file cannot be read or
    is invalid.
    """
    if file_kind(path) != "data":
        return check_text(read_document(path, max_bytes), settings, target)
    from .datafiles import read_data_file, read_if_inspection

    if explicit:
        return check_text(read_data_file(path, max_bytes=max_bytes), settings, target)
    source = read_if_inspection(path, max_bytes)
    if source is None:
        LOG.info("skipped %s: not an inspection file", path)
        return None
    return check_text(read_data_file(path, source), settings, target)


def check_inspection(document: Document, source: Source, settings: Settings) -> FileReport:
    """Check a document the pipeline has already read and validated."""
    from .datafiles import inspection_file

    raw = Lines(source.text)
    return check_text(inspection_file(source, raw, document), settings)


# --- one file ---------------------------------------------------------------------


@dataclass
class Checked:
    """A file's sentences, target and findings, before they are reported."""

    file: TextFile
    target: ReadingTarget
    sentences: list[Sentence]
    findings: list[Finding]


def check_text(file: TextFile, settings: Settings, target: str | None = None) -> FileReport:
    """Analyse ``file`` against its target and apply every enabled rule."""
    chosen = _target(file, settings, target)
    names = Names.of((*bundled_lexicon().names, *file.names, *settings.names))
    context = Context(
        target=chosen,
        lexicon=bundled_lexicon().with_plain_words(settings.plain_words),
        names=names,
        known_words=settings.words | {n.lower() for n in settings.names},
        glossary=file.glossary,
        has_glossary_field=file.kind == "inspection",
    )
    sentences = [s for unit in file.units for s in analyse(unit, names)]
    context.known_words |= defined_words(sentences)
    enabled = set(SENTENCE_RULES) - settings.disable
    findings = [
        _finding(file, sentence, hit, settings)
        for sentence in sentences
        for hit in check_sentence(sentence, context, enabled)
        if not _ignored(file, sentence, hit.rule)
    ]
    findings += [f for f in file.advice if f.rule not in settings.disable]
    return report(Checked(file, chosen, sentences, findings), settings)


def _target(file: TextFile, settings: Settings, override: str | None) -> ReadingTarget:
    name = override or file.target or settings.target
    line, col = file.target_at if (file.target and not override) else (1, 1)
    where = file.path if file.target and not override else (settings.origin or "settings")
    field = "target" if file.target and not override else ""
    return find_target(name, settings.targets, where, field, max(line, 1), max(col, 1))


def _ignored(file: TextFile, sentence: Sentence, rule: str) -> bool:
    if sentence.unit.path:
        return False  # directives of another file do not apply here
    lines = {*sentence.lines, sentence.unit.header_line}
    return any(
        rule in file.ignores.get(line, ()) or ALL_RULES in file.ignores.get(line, ())
        for line in lines
    )


def _finding(file: TextFile, sentence: Sentence, hit: Hit, settings: Settings) -> Finding:
    line, col = sentence.unit.where(sentence.start + hit.start)
    return Finding(
        path=sentence.unit.path or file.path,
        line=line,
        col=col,
        rule=hit.rule,
        severity=settings.severity.get(hit.rule) or hit.severity or RULES[hit.rule].severity,
        message=hit.message,
        field=sentence.unit.field,
        suggestion=hit.suggestion,
        text=sentence.text,
    )


def report(checked: Checked, settings: Settings) -> FileReport:
    """The ``FileReport``: findings, the score table and the JSON summary."""
    counts = total(s.counts for s in checked.sentences)
    scores = score(counts)
    limits = checked.target.limits(scores)
    longest = max(checked.sentences, key=lambda s: len(s.words), default=None)
    measures = [
        Measure(
            m.id,
            m.label,
            m.value,
            m.limit,
            m.at_most,
            where=f"line {longest.where[0]}" if m.id == "longest_sentence" and longest else "",
        )
        for m in limits
    ] + [Measure(key, label, getattr(scores, key)) for key, label in EXTRA_SCORES]
    findings = sorted(checked.findings, key=lambda f: (f.line, f.col, f.rule))
    if not counts.words:
        # no words, no scores: a formula's 0 would read as a result
        measures, findings = [], [_nothing_to_score(checked)]
    elif "reading-target" not in settings.disable:
        findings = _missed(checked, measures, settings) + findings
    passed = all(f.severity != "error" for f in findings)
    return FileReport(
        path=checked.file.path,
        passed=passed,
        findings=findings,
        summary=summary(checked, scores),
        about=f"{checked.target.id} (reading age {checked.target.reading_age})",
        measures=measures,
    )


def _missed(checked: Checked, measures: list[Measure], settings: Settings) -> list[Finding]:
    line, col = checked.file.target_at
    severity = settings.severity.get("reading-target", "error")
    return [
        Finding(
            path=checked.file.path,
            line=line,
            col=col,
            rule="reading-target",
            severity=severity,
            field="target" if line else "",
            message=f"{m.label} is {m.value:g}; {checked.target.id} needs "
            f"{m.limit:g} or {'less' if m.at_most else 'more'}",
            suggestion=_advice(m.id),
        )
        for m in measures
        if m.met is False
    ]


def _nothing_to_score(checked: Checked) -> Finding:
    return Finding(
        path=checked.file.path,
        line=0,
        col=0,
        rule="reading-target",
        severity="note",
        message=f"the file has no words to read, so nothing was measured against "
        f"{checked.target.id}",
        suggestion="check that this is the file you meant, or leave it out of the check",
    )


def _advice(measure: str) -> str:
    if measure in ("words_per_sentence", "longest_sentence"):
        return "split the long sentences shown below"
    return "use shorter sentences and shorter, more common words"


def summary(checked: Checked, scores: Any) -> dict[str, Any]:
    """The machine-readable part of the report (see the JSON schema)."""
    target = checked.target
    sections: dict[str, list[Sentence]] = {}
    for sentence in checked.sentences:
        sections.setdefault(sentence.unit.section, []).append(sentence)
    return {
        "document": {
            "kind": checked.file.kind,
            "scores": scores.as_dict(),
            "reading_age": scores.reading_age,
        },
        "target": {
            "id": target.id,
            "name": target.name,
            "reading_age": target.reading_age,
            "limits": {
                k: getattr(target, k)
                for k in (
                    "max_grade",
                    "min_reading_ease",
                    "avg_words",
                    "max_words",
                    "warn_words",
                )
            },
        },
        "sections": [
            {"name": name, "scores": score(total(s.counts for s in group)).as_dict()}
            for name, group in sections.items()
        ],
        "sentences": [_sentence_row(s) for s in checked.sentences],
    }


def _sentence_row(sentence: Sentence) -> dict[str, Any]:
    line, col = sentence.where
    scores = sentence.scores
    return {
        "line": line,
        "col": col,
        "field": sentence.unit.field,
        "text": sentence.text,
        "words": scores.words,
        "syllables": scores.syllables,
        "flesch_kincaid_grade": scores.flesch_kincaid_grade,
        "flesch_reading_ease": scores.flesch_reading_ease,
    }


def one_line(report: FileReport) -> str:
    """A one-line summary for ``easyread build``."""
    scores = report.summary["document"]["scores"]
    verdict = "meets" if report.passed else "misses"
    return (
        f"{report.path}: {verdict} {report.about}: "
        f"grade {scores['flesch_kincaid_grade']:g}, "
        f"reading ease {scores['flesch_reading_ease']:g}, "
        f"{scores['words_per_sentence']:g} words a sentence, "
        f"longest {scores['longest_sentence']}"
    )


def page_note(target: ReadingTarget) -> str:
    """The sentence the page shows about its reading age."""
    return f"Written to be easy to read from age {target.reading_age}."
