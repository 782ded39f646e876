"""build(): the data flow from an inspection file to its pages.

    read_source -> validate_inspection -> check_inspection -> draw_figures
      -> render_html -> write_pdf -> publish

Each step is a call into its stage's module. Outputs are written to
temporary files and moved into place only when every format of an input
has been made, so a failed build never leaves half a page or replaces a
good earlier one.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BuildError, InputError, Problem, is_file
from .findings import FileReport
from .model import Document, framework_folders, validate_inspection
from .page import PAPER, Layout, find_layout, pdf_date, render_html, signals_held, write_pdf
from .readability import BUILD_NOTES, TargetMissed, check_inspection, one_line
from .settings import Settings
from .source import MAX_BYTES, Source, read_source

LOG = logging.getLogger(__name__)
FORMATS = ("html", "pdf")
# every temporary output starts so: a build killed before it could remove
# them leaves them behind, and the next build into the folder removes them
TEMP_PREFIX = ".easyread-part-"


@dataclass
class Result:
    """What became of one input: the files written, or why none were."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    error: InputError | BuildError | TargetMissed | None = None
    readability: FileReport | None = None
    # the user's files the outputs were made from: the input, its framework
    # and its pictures (the layout's files are the same for every input)
    depends: list[Path] = field(default_factory=list)
    # what a page-limited layout did to keep to its pages (showed less, or
    # took a bigger sheet): the notes that say so
    page_notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def readability_line(self) -> str:
        return one_line(self.readability) if self.readability else ""

    @property
    def notes(self) -> list[str]:
        """A line for each thing the writer should know though nothing is
        wrong: a picture the build guessed (the point named none), no one
        for children to talk to."""
        found = self.readability.findings if self.readability else []
        return [
            f"{f.path}:{f.line}:{f.col}: {f.severity}: {f.field}: {f.message}"
            for f in found
            if f.rule in BUILD_NOTES
        ] + self.page_notes


@dataclass(frozen=True)
class Job:
    """How every input of one build is made."""

    out_dir: Path
    layout: Layout
    formats: Sequence[str] = FORMATS
    settings: Settings = field(default_factory=Settings)
    strict: bool = False
    max_bytes: int = MAX_BYTES


def load(path: Path, layout: Layout | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and validate one inspection file (YAML or JSON) for ``layout``
    (the icons it names must be the layout's; the booklet by default)."""
    return _validate(read_source(path, max_bytes), layout or find_layout("booklet"))


def _validate(source: Source, layout: Layout) -> Document:
    return validate_inspection(
        source, name=source.path.stem, icons=layout.icons.names, languages=layout.languages
    )


def build(paths: Sequence[Path], out_dir: Path, **options: Any) -> list[Result]:
    """Build every input in ``paths`` into ``out_dir``; one ``Result`` each.

    ``options`` are ``plan_build``'s (formats, layout, settings, strict,
    max_bytes); with ``strict``, a file that misses its reading target is
    not built.
    """
    job = plan_build(paths, out_dir, **options)
    return [build_one(path, job) for path in paths]


def plan_build(
    paths: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    layout: str | Path = "booklet",
    settings: Settings | None = None,
    strict: bool = False,
    max_bytes: int = MAX_BYTES,
    themes: Sequence[str | Path] = (),
) -> Job:
    """The ``Job`` that builds ``paths`` (one ``build_one`` each), once the
    layout is found, no output would overwrite an input or another output,
    and ``out_dir`` exists; else ``InputError``."""
    settings = settings or Settings()
    chosen = find_layout(layout, themes)
    if settings.theme is not None and settings.origin is not None:
        chosen = chosen.with_branding(settings.theme, settings.origin)
    job = Job(out_dir, chosen, formats, settings, strict, max_bytes)
    check_outputs(paths, out_dir, formats)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise InputError.single(out_dir, f"cannot make the output folder: {reason}") from None
    return job


def _page_notes(path: Path, layout: Layout, fit: int) -> list[str]:
    """What the writer is told of a page-limited layout's page: that it shows
    less than it could, and that it is a bigger sheet than A4."""
    notes = []
    limit = layout.page_limit or 1
    pages = f"{limit} page{'s' if limit > 1 else ''}"
    if fit and layout.name == "poster":
        notes.append(
            f"{path}:1:1: note: the poster shows fewer points than it could ({fit} "
            f"step{'s' if fit > 1 else ''} fewer of each section) to keep to {pages}: "
            "shorten the points, or mark the ones to show with poster: true"
        )
    elif fit:
        notes.append(
            f"{path}:1:1: note: the {layout.name} shows fewer points than it could to "
            f"keep to {pages}; it says how many of how many"
        )
    if layout.paper != PAPER[0]:
        notes.append(
            f"{path}:1:1: note: the {layout.name} with {layout.roomier_themes} is an "
            f"{layout.paper} sheet, "
            f"so that its text keeps its size: print it on {layout.paper} (printed on "
            f"{PAPER[0]} to fit, the text would shrink)"
        )
    return notes


def build_one(path: Path, job: Job) -> Result:
    """Build one input; errors are kept in the result, not raised."""
    result = Result(path)
    layout = job.layout
    try:
        LOG.info("1/5 reading %s", path)
        source = read_source(path, job.max_bytes)
        document = _validate(source, layout)
        result.depends = used_files(path, document)
        LOG.info("2/5 checking readability of %s", document.name)
        printed = [
            (t.where.path, t.where.line, t.where.name, t.text)
            for t in layout.branding.texts(document.inspection.language)
        ]
        result.readability = check_inspection(document, source, job.settings, layout.icons, printed)
        if job.strict and not result.readability.passed:
            raise TargetMissed(result.readability)
        LOG.info("3/5 drawing the figures of %s", document.name)
        from .page import draw_figures  # ReportLab is slow to import

        figures = draw_figures(document, layout)
        LOG.info("4/5 rendering %s with layout %s", document.name, layout.name)
        target = job.settings.reading_target(result.readability.summary["target"]["id"])
        # a page says its reading age only when check could score its language
        scored = result.readability.summary["document"]["language"]["scored"]
        age = target.reading_age if scored else None
        if layout.max_pages:  # a poster is one page, even built as HTML only
            from .page import fitted  # WeasyPrint is slow to import

            html, fit = fitted(
                lambda fit: render_html(document, layout, figures, age, fit),
                document,
                layout,
                source,
            )
            result.page_notes = _page_notes(path, layout, fit)
        else:
            html = render_html(document, layout, figures, age)
        LOG.info("5/5 writing %s", ", ".join(job.formats))
        result.outputs = _publish(document, html, job, path.parent)
    except (InputError, BuildError, TargetMissed) as exc:
        result.error = exc
    return result


def used_files(path: Path, document: Document) -> list[Path]:
    """The files besides the layout that ``document``'s pages are made from."""
    frameworks = [f / f"{document.inspection.framework}.yaml" for f in framework_folders(path)]
    framework = next((f for f in frameworks if is_file(f)), None)
    pictures = [path.parent / name for name in sorted(document.pictures)]
    return [path, *([framework] if framework else []), *pictures]


def check_outputs(paths: Sequence[Path], out_dir: Path, formats: Sequence[str]) -> None:
    """Refuse a build that would overwrite an input, or write two inputs to one name."""
    inputs = {p.resolve(): p for p in paths if is_file(p)}
    first: dict[Path, Path] = {}
    problems = []
    for path in paths:
        for fmt in formats:
            target = (out_dir / f"{path.stem}.{fmt}").resolve()
            if target in inputs:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "",
                        (
                            f"the output {target.name} would replace the input "
                            f"{inputs[target]}: choose another --out folder"
                        ),
                    )
                )
            elif first.setdefault(target, path) != path:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        "",
                        (
                            f"{first[target]} is also written as {target.name}: "
                            "rename one of them, or build them into different folders"
                        ),
                    )
                )
    if problems:
        raise InputError(problems)


def _publish(document: Document, html: str, job: Job, data_folder: Path) -> list[Path]:
    """Write each format to a temporary file, then move them all into place."""
    out_dir, layout = job.out_dir, job.layout
    staged: list[tuple[Path, Path]] = []
    try:
        for fmt in job.formats:
            target = out_dir / f"{document.name}.{fmt}"
            with signals_held():  # a stop now would leave a file not yet staged
                handle, temp_name = tempfile.mkstemp(
                    dir=out_dir, prefix=f"{TEMP_PREFIX}{target.name}."
                )
                staged.append((Path(temp_name), target))
                os.close(handle)
            if fmt == "html":
                Path(temp_name).write_text(html, encoding="utf-8")
            else:
                date = pdf_date(document.inspection.published)
                write_pdf(html, Path(temp_name), layout, data_folder, date)
        for temp, target in staged:
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        return [target for _, target in staged]
    except OSError as exc:
        raise BuildError([f"cannot write to {out_dir}: {exc.strerror or exc}"]) from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
