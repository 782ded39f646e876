"""The ``easyread`` command: argument parsing and exit codes only.

Exit codes: 0 everything was made; 2 an input could not be read or is
invalid, or the command was used wrongly (one line per problem, no
traceback).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import BuildError, InputError, printable
from .load import MAX_BYTES
from .pipeline import FORMATS, build

EXIT_OK, EXIT_INVALID = 0, 2


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"'{value}': choose from {', '.join(FORMATS)}, separated by commas"
        )
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="easyread")
@click.option("-v", "--verbose", is_flag=True, help="Say each step as it happens.")
def main(verbose: bool) -> None:
    """Turn inspection data into easy-read summaries for children and young
    people: an HTML page and a tagged, accessible PDF (PDF/UA-1).

    \b
    Examples:
      easyread build data/*.yaml --out build
      easyread build my-inspection.yaml --out site --format html
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    # WeasyPrint's own messages are collected by the PDF step; keep them off
    # the terminal unless asked for.
    if not verbose:
        logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


@main.command("build")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir",
              type=click.Path(file_okay=False, path_type=Path),
              default=Path("build"), show_default=True, help="Folder for the pages.")
@click.option("-f", "--format", "formats", default=",".join(FORMATS), show_default=True,
              callback=_formats, help="Formats to make, separated by commas.")
@click.option("-l", "--layout", default="easy-read", show_default=True,
              help="A bundled layout's name, or the path of your own layout folder.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES,
              show_default=True, help="Refuse an input file bigger than this.")
def build_command(files: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...],
                  layout: str, max_bytes: int) -> None:
    """Render inspection FILES (YAML or JSON) into OUT as NAME.html and NAME.pdf.

    Every input is checked first; one that cannot be read or is invalid gets
    one line per problem (path:line:col: error: field: message), no output,
    and exit code 2. Earlier outputs are never half-overwritten.
    """
    try:
        results = build(files, out_dir, formats, layout, max_bytes)
    except InputError as exc:
        _fail(exc)
    failed = False
    for result in results:
        if result.ok:
            for output in result.outputs:
                click.echo(f"wrote {output}")
        else:
            failed = True
            click.echo(_failure(result.source, result.error), err=True)
    sys.exit(EXIT_INVALID if failed else EXIT_OK)


def _failure(source: Path, error: InputError | BuildError | None) -> str:
    if isinstance(error, BuildError):
        return printable(f"{source}: error: {error}")
    return str(error)


def _fail(exc: InputError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(EXIT_INVALID)
