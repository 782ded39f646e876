"""``easyread check``: the readability of inspection files and documents."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ..findings import FORMATS as REPORT_FORMATS
from . import (
    CONFIG_OPTION,
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    MAX_BYTES_OPTION,
    fail,
    main,
    use_color,
)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-t",
    "--target",
    default=None,
    help="Check every file against this reading target "
    "(default: the file's own, then the settings').",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text for people; json, github or sarif for tools.",
)
@CONFIG_OPTION
@MAX_BYTES_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="The lowest severity that makes a file fail.",
)
@click.option(
    "--whole-page",
    is_flag=True,
    help="In HTML, count every text (menus, footer, title), not only the main content.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text format (auto: when a terminal, unless NO_COLOR is set).",
)
def check_command(
    paths: tuple[Path, ...],
    target: str | None,
    fmt: str,
    config: Path | None,
    max_bytes: int,
    fail_on: str,
    whole_page: bool,
    color: str,
) -> None:
    """Check the readability of PATHS against their reading target.

    PATHS are inspection files (.yaml, .yml, .json), documents (.md, .txt,
    .html) or folders (every such file in them; framework files are checked
    with the inspections that show them, other YAML and JSON files are
    skipped). Each hard sentence is shown with what is wrong and what to
    try, then a table of scores.

    A file that cannot be read or is invalid gets one line per problem
    (path:line:col: error: field: message); the other files are still
    checked and reported.

    Only English is scored. A file in another language (its lang or language,
    else detected) gets a note and the checks that hold in any language:
    sentence length and emphasis, as warnings, so it does not fail on its own.

    \b
    Exit codes: 0 every file meets its target (or is not scored); 1 a file
    misses it; 2 a file cannot be read or is invalid, nothing was checked,
    or the command was used wrongly.

    \b
    Examples:
      easyread check data/
      easyread check docs/leaflet.md --target reading-age-11
      easyread check data/ --format sarif > easyread.sarif
    """
    from ..findings import render_reports
    from ..readability import RULES, UnknownTarget, check_paths, nothing_checked
    from ..settings import load_settings

    try:
        settings = load_settings(config)
        chosen = paths or tuple(settings.root / p for p in settings.paths)
        if not chosen:
            raise click.UsageError(
                "give a file or folder to check, or set 'paths' "
                "in [tool.easyread] of pyproject.toml"
            )
        run = check_paths(chosen, settings, target, max_bytes, whole_page)
    except InputError as exc:
        fail(exc)
    except UnknownTarget as exc:
        raise click.BadParameter(str(exc), param_hint="'-t' / '--target'") from None
    if fail_on == "warning":
        for report in run.reports:
            report.passed = report.passed and not any(
                f.severity == "warning" for f in report.findings
            )
    colored = use_color(color)
    rules = list(RULES.values())
    if run.reports:
        output = render_reports(run.reports, fmt, "easyread", rules, color=colored)
        if output:
            click.echo(output, color=colored)
    if run.problems:
        fail(InputError(run.problems))
    if run.checked_nothing:
        click.echo(f"error: {nothing_checked(chosen, run)}", err=True)
        sys.exit(EXIT_INVALID)
    sys.exit(EXIT_OK if all(r.passed for r in run.reports) else EXIT_FINDINGS)
