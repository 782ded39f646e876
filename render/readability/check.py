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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, Problem
from ..findings import FileReport, Finding
from ..settings import Settings
from ..source import MAX_BYTES
from .documents import read_document
from .language import ANY_LANGUAGE_RULES, file_language
from .lexicon import bundled_lexicon
from .rules import RULES, SENTENCE_RULES, Context, Hit, check_sentence, defined_words
from .scores import Names, Sentence, analyse, capitalised_words
from .targets import ReadingTarget, UnknownTarget, find_target, unknown_target_message
from .units import ALL_RULES, KINDS, Lines, TextFile, Unit, file_kind
from .verdict import Checked, one_line, page_note, report

if TYPE_CHECKING:  # datafiles needs pydantic: imported only for a data file
    from ..model import Document
    from ..page import IconSet
    from ..source import Source

LOG = logging.getLogger(__name__)
__all__ = ["CheckRun", "TargetMissed", "check_paths", "check_text", "one_line", "page_note"]
CHECKED = tuple(KINDS)


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
    whole_page: bool = False,
) -> CheckRun:
    """Check every file in ``paths`` (folders: every supported file in them).

    A file that cannot be read or is invalid does not stop the others.
    ``UnknownTarget`` if ``target`` (one for every file) is no target.
    ``whole_page``: an HTML page's every text counts, not only its main content.
    """
    if target is not None and target not in settings.targets:
        raise UnknownTarget(unknown_target_message(target, settings.targets))
    run = CheckRun()
    for path, explicit in expand_paths(paths, settings, run.problems):
        try:
            report = check_file(path, settings, target, explicit, max_bytes, whole_page)
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
    whole_page: bool = False,
) -> FileReport | None:
    """Check one file; ``None`` for a data file in a folder that is no inspection.

    In a folder, only inspections are checked: a framework's grade meanings
    are checked with each inspection that shows them, and other YAML and
    JSON files are not ours. ``InputError`` if the file cannot be read or
    is invalid.
    """
    if file_kind(path) != "data":
        return check_text(read_document(path, max_bytes, whole_page), settings, target)
    from .datafiles import read_data_file, read_if_inspection

    if explicit:
        return check_text(read_data_file(path, max_bytes=max_bytes), settings, target)
    source = read_if_inspection(path, max_bytes)
    if source is None:
        LOG.info("skipped %s: not an inspection file", path)
        return None
    return check_text(read_data_file(path, source), settings, target)


def check_inspection(
    document: Document,
    source: Source,
    settings: Settings,
    icons: IconSet | None = None,
    more: Sequence[tuple[str, int, str, str]] = (),
) -> FileReport:
    """Check a document the pipeline has already read and validated; its
    guessed pictures are noted as ``icons`` (the build's layout's) guess them.
    ``more`` are other texts its page prints, each ``(file, line, field,
    text)``: the settings' footer and reworded fixed words."""
    from .datafiles import inspection_file

    raw = Lines(source.text)
    file = inspection_file(source, raw, document, icons)
    extra = tuple(
        Unit(
            text=text, kind="field", section="theme", field=name, anchors=((0, line, 1),), path=path
        )
        for path, line, name, text in more
    )
    return check_text(replace(file, units=file.units + extra), settings)


# --- one file ---------------------------------------------------------------------


def check_text(file: TextFile, settings: Settings, target: str | None = None) -> FileReport:
    """Analyse ``file`` against its target and apply every enabled rule."""
    chosen = _target(file, settings, target)
    language = file_language(
        file.language, " ".join(u.text for u in file.units if not u.path and u.kind != "heading")
    )
    names = Names.of(
        (*bundled_lexicon().names, *file.names, *settings.names),
        capitalised_words(u.text for u in file.units if u.kind != "heading"),
    )
    context = Context(
        target=chosen,
        lexicon=bundled_lexicon().with_plain_words(settings.plain_words),
        names=names,
        known_words=settings.words | {n.lower() for n in settings.names},
        glossary=file.glossary,
        has_glossary_field=file.kind == "inspection",
        english=language.scored,
    )
    sentences = [s for unit in file.units for s in analyse(unit, names)]
    context.known_words |= defined_words(sentences)
    enabled = set(SENTENCE_RULES) - settings.disable
    if not language.scored:
        enabled &= ANY_LANGUAGE_RULES  # the others are English (see language.py)
    findings = [
        _finding(file, sentence, hit, settings)
        for sentence in sentences
        for hit in check_sentence(sentence, context, enabled)
        if not _ignored(file, sentence, hit.rule)
    ]
    findings += [
        replace(note, severity=settings.severity.get(note.rule) or note.severity)
        for note in file.notes
        if note.rule not in settings.disable
    ]
    return report(Checked(file, chosen, sentences, findings, language), settings)


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
        parts=hit.parts,
    )
