"""``easyread build``: inspection files to HTML pages and PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import BuildError, InputError, printable
from . import (
    CONFIG_OPTION,
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    FORMATS,
    LAYOUT_OPTION,
    MAX_BYTES_OPTION,
    fail,
    formats_option,
    main,
    name_of,
)


@main.command("build")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the pages.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=formats_option,
    help="Formats to make, separated by commas.",
)
@LAYOUT_OPTION
@click.option(
    "--strict",
    is_flag=True,
    help="Make nothing for a file that misses its reading target (exit 1).",
)
@CONFIG_OPTION
@MAX_BYTES_OPTION
def build_command(
    files: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    layout: str,
    strict: bool,
    config: Path | None,
    max_bytes: int,
) -> None:
    """Render inspection FILES (YAML or JSON) into OUT as NAME.html and NAME.pdf.

    Every input is checked first; one that cannot be read or is invalid gets
    one line per problem (path:line:col: error: field: message), no output,
    and exit code 2. Earlier outputs are never half-overwritten. Each file's
    readability is summed up in one line; with --strict a file that misses
    its reading target is not built and the exit code is 1.
    """
    from ..pipeline import build_one, plan_build
    from ..readability import TargetMissed
    from ..settings import load_settings

    show_bar = len(files) > 1 and sys.stderr.isatty()
    try:
        settings = load_settings(config)
        job = plan_build(files, out_dir, formats, layout, settings, strict, max_bytes)
    except InputError as exc:
        fail(exc)
    with click.progressbar(
        files, label="Building", file=sys.stderr, hidden=not show_bar, item_show_func=name_of
    ) as bar:
        results = [build_one(path, job) for path in bar]
    codes = [EXIT_OK]
    for result in results:
        if result.readability is not None:
            click.echo(result.readability_line)
        for note in result.notes:
            click.echo(printable(note))
        if result.ok:
            for output in result.outputs:
                click.echo(f"wrote {output}")
        elif isinstance(result.error, BuildError):
            codes.append(EXIT_INVALID)
            for message in result.error.messages:
                click.echo(printable(f"{result.source}: error: {message}"), err=True)
        else:
            missed = isinstance(result.error, TargetMissed)
            codes.append(EXIT_FINDINGS if missed else EXIT_INVALID)
            click.echo(str(result.error), err=True)
    sys.exit(max(codes))
