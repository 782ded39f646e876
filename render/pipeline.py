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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .check import TargetMissed, check_inspection, one_line, page_note
from .errors import BuildError, InputError
from .html import render_html
from .layouts import Layout, find_layout
from .load import Source, read_source
from .model import Document
from .pdf import write_pdf
from .report import FileReport
from .resources import bundled
from .settings import Settings
from .validate import validate_inspection

LOG = logging.getLogger(__name__)
FORMATS = ("html", "pdf")


@dataclass
class Result:
    """What became of one input: the files written, or why none were."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    error: InputError | BuildError | TargetMissed | None = None
    readability: FileReport | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def readability_line(self) -> str:
        return one_line(self.readability) if self.readability else ""


def load(path: Path, layout: Layout | None = None) -> Document:
    """Read and validate one inspection file (YAML or JSON) for ``layout``
    (the icons it names must be the layout's; easy-read by default)."""
    return _validate(read_source(path), layout or find_layout("easy-read"))


def _validate(source: Source, layout: Layout) -> Document:
    return validate_inspection(source, name=source.path.stem, icons=layout.icons.names)


def build(
    paths: Iterable[Path],
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    layout: str | Path = "easy-read",
    settings: Settings | None = None,
    strict: bool = False,
) -> list[Result]:
    """Build every input in ``paths`` into ``out_dir``; one ``Result`` each.

    With ``strict``, a file that misses its reading target is not built.
    """
    chosen = find_layout(layout)
    settings = settings or Settings()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [build_one(path, out_dir, formats, chosen, settings, strict)
            for path in paths]


def build_one(path: Path, out_dir: Path, formats: Sequence[str], layout: Layout,
              settings: Settings | None = None, strict: bool = False) -> Result:
    """Build one input; errors are kept in the result, not raised."""
    result = Result(path)
    settings = settings or Settings()
    try:
        LOG.info("1/5 reading %s", path)
        source = read_source(path)
        document = _validate(source, layout)
        LOG.info("2/5 checking readability of %s", document.name)
        result.readability = check_inspection(document, source, settings)
        if strict and not result.readability.passed:
            raise TargetMissed(result.readability)
        LOG.info("3/5 drawing the figures of %s", document.name)
        from .drawings import draw_figures  # ReportLab is slow to import

        figures = draw_figures(document, layout)
        LOG.info("4/5 rendering %s with layout %s", document.name, layout.name)
        target = settings.reading_target(result.readability.summary["target"]["id"])
        html = render_html(document, layout, readability=page_note(target), figures=figures)
        LOG.info("5/5 writing %s", ", ".join(formats))
        result.outputs = _publish(document, html, out_dir, formats, layout)
    except (InputError, BuildError, TargetMissed) as exc:
        result.error = exc
    return result


def _publish(
    document: Document, html: str, out_dir: Path, formats: Sequence[str], layout: Layout
) -> list[Path]:
    """Write each format to a temporary file, then move them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for fmt in formats:
            target = out_dir / f"{document.name}.{fmt}"
            handle, temp_name = tempfile.mkstemp(dir=out_dir, prefix=f".{target.name}.")
            os.close(handle)
            staged.append((Path(temp_name), target))
            if fmt == "html":
                Path(temp_name).write_text(html, encoding="utf-8")
            else:
                allowed = [*layout.search_path, bundled("fonts")]
                write_pdf(html, Path(temp_name), allowed, base_url=layout.folder)
        for temp, target in staged:
            os.chmod(temp, 0o644)
            os.replace(temp, target)
        return [target for _, target in staged]
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
