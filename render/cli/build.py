"""``easyread build``: inspection files to HTML pages and PDFs."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import click

from ..errors import InputError
from . import (
    CONFIG_OPTION,
    EXIT_OK,
    FORMATS,
    LAYOUT_OPTION,
    MAX_BYTES_OPTION,
    THEME_OPTION,
    fail,
    formats_option,
    main,
)


def shard_option(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    from ..batch import parse_shard

    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
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
@THEME_OPTION
@click.option(
    "--strict",
    is_flag=True,
    help="Make nothing for a file that misses its reading target (exit 1).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Worker processes to build in (default: the number of cores).",
)
@click.option("--force", is_flag=True, help="Rebuild every input, even those up to date.")
@click.option(
    "--shard",
    default=None,
    metavar="K/N",
    callback=shard_option,
    help="Build only the K-th of N equal shares of the inputs (for CI runners).",
)
@CONFIG_OPTION
@MAX_BYTES_OPTION
def build_command(
    paths: tuple[Path, ...],
    out_dir: Path,
    formats: tuple[str, ...],
    layout: str,
    themes: tuple[str, ...],
    strict: bool,
    jobs: int | None,
    force: bool,
    shard: tuple[int, int] | None,
    config: Path | None,
    max_bytes: int,
) -> None:
    """Render inspection files (YAML or JSON) into OUT as NAME.html and NAME.pdf.

    PATHS are inspection files or folders (every inspection file in them;
    framework files and other YAML and JSON files are skipped). Inputs whose
    pages in OUT are up to date are skipped (--force rebuilds them).

    Every input is checked first; one that cannot be read or is invalid gets
    one line per problem (path:line:col: error: field: message), no output,
    and exit code 2; the others are still built. Earlier outputs are never
    half-overwritten. Each file's readability is summed up in one line; with
    --strict a file that misses its reading target is not built and the exit
    code is 1. With more than one input, the last line counts what was
    built, was up to date and failed.
    """
    from ..batch import find_inputs, run_build, take_shard
    from ..batch.manifest import Manifest
    from ..batch.run import default_jobs
    from ..pipeline import plan_build
    from ..settings import load_settings

    started = time.monotonic()
    try:
        settings = load_settings(config)
        known = Manifest.load(out_dir, "", "")
        files = find_inputs(paths, settings, max_bytes, known.knows)
        if shard:
            files = take_shard(files, *shard)
        if not files and not shard:
            raise InputError.single(
                paths[0],
                "there is no inspection file here: easyread builds inspections "
                "(.yaml, .yml, .json)",
            )
        job = plan_build(files, out_dir, formats, layout, settings, strict, max_bytes, themes)
    except InputError as exc:
        fail(exc)
    terminal = len(files) > 1 and sys.stderr.isatty()
    codes, counts = [EXIT_OK], Counter()
    shown: list = []
    outcomes = run_build(files, job, jobs or default_jobs(), force)
    with click.progressbar(
        outcomes,
        length=len(files),
        label="Building",
        file=sys.stderr,
        hidden=not terminal,
        item_show_func=lambda outcome: outcome.source.name if outcome else "",
    ) as bar:
        for outcome in bar:
            counts[outcome.status] += 1
            codes.append(outcome.code)
            if terminal:
                shown.append(outcome)  # printed under the bar when it is done
            else:
                _show(outcome)
    for outcome in shown:
        _show(outcome)
    if len(files) != 1:  # one file's lines say it all
        seconds = time.monotonic() - started
        click.echo(
            f"built {counts['built']}, up to date {counts['current']}, "
            f"failed {counts['failed']} in {seconds:.1f} s"
        )
    sys.exit(max(codes))


def _show(outcome) -> None:
    for line in outcome.out:
        click.echo(line)
    for line in outcome.err:
        click.echo(line, err=True)
