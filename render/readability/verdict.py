"""A checked file's verdict: its findings, score table and JSON summary.

``report`` turns what ``check.py`` found in a file into a ``FileReport``:
whether it meets its reading target, the measures, and the summary that
``--format json`` shows (see ``check-report.schema.json``). A file in a
language easyread cannot score (``language.py``) gets a note, the word
measures only, and warnings where an English file would get errors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..findings import FileReport, Finding, Measure
from ..settings import Settings
from .language import ANY_LANGUAGE_CHECKS, Language
from .scores import Sentence, score, total
from .targets import ReadingTarget
from .units import TextFile

EXTRA_SCORES = (
    ("spache", "Spache grade"),
    ("dale_chall", "Dale-Chall score"),
    ("smog", "SMOG grade"),
    ("coleman_liau", "Coleman-Liau grade"),
    ("ari", "ARI grade"),
)


@dataclass
class Checked:
    """A file's sentences, target and findings, before they are reported."""

    file: TextFile
    target: ReadingTarget
    sentences: list[Sentence]
    findings: list[Finding]
    language: Language = Language("en", "assumed")


def report(checked: Checked, settings: Settings) -> FileReport:
    """The ``FileReport``: findings, the score table and the JSON summary."""
    counts = total(s.counts for s in checked.sentences)
    scores = score(counts)
    limits = checked.target.limits(scores)
    if not checked.language.scored:
        limits = [m for m in limits if m.id in ("words_per_sentence", "longest_sentence")]
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
    ] + [
        Measure(key, label, getattr(scores, key))
        for key, label in EXTRA_SCORES
        if checked.language.scored  # English formulas: no measure of other languages
    ]
    findings = sorted(checked.findings, key=lambda f: (f.line, f.col, f.rule))
    if not counts.words:
        # no words, no scores: a formula's 0 would read as a result
        measures, findings = [], [_nothing_to_score(checked)]
    elif "reading-target" not in settings.disable:
        findings = _missed(checked, measures, settings) + findings
    if not checked.language.scored:
        findings = [_not_scored(checked), *(_at_most_warning(f) for f in findings)]
    passed = all(f.severity != "error" for f in findings)
    return FileReport(
        path=checked.file.path,
        passed=passed,
        findings=findings,
        summary=summary(checked, scores),
        about=f"{checked.target.id} (reading age {checked.target.reading_age})"
        + ("" if checked.language.scored else f", not scored: in {checked.language.name}"),
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


def _not_scored(checked: Checked) -> Finding:
    language, file = checked.language, checked.file
    line, col = file.language_at if language.how == "declared" else (0, 0)
    how = f"declared as {language.tag}" if language.how == "declared" else "detected"
    return Finding(
        path=file.path,
        line=line,
        col=col,
        rule="language",
        severity="note",
        field="language" if line and file.kind in ("inspection", "framework") else "",
        message=f"not scored: the file is in {language.name} ({how}), and no readability "
        f"formula or word list easyread has is validated for {language.name}",
        suggestion=f"checked in any language: {ANY_LANGUAGE_CHECKS}; no grade, reading "
        "ease or word advice. Ask a reader of the language to check it",
    )


def _at_most_warning(finding: Finding) -> Finding:
    """In a language easyread cannot score, the target's limits (set for English) only warn."""
    if finding.severity != "error":
        return finding
    return replace(finding, severity="warning")


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
            "language": {
                "code": checked.language.code,
                "name": checked.language.name,
                "how": checked.language.how,
                "scored": checked.language.scored,
            },
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
    language = report.summary["document"]["language"]
    if not language["scored"]:
        return (
            f"{report.path}: not scored: written in {language['name']}; "
            f"{scores['words_per_sentence']:g} words a sentence, "
            f"longest {scores['longest_sentence']}"
        )
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
