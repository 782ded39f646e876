"""The ``easyread`` command: argument parsing and exit codes only.

Exit codes: 0 everything was made (build), every file meets its reading
target (check) or passes (audit); 1 a file misses its reading target (check,
or build --strict) or audit found a problem at error level; 2 an input could
not be read or is invalid, a checker is not installed, or the command was
used wrongly (one line per problem, no traceback); 3 a fault in easyread
itself, said in one line (``EASYREAD_DEBUG=1`` shows the traceback). Stopped by SIGTERM or
SIGHUP, a command stops as it does on Ctrl-C: its temporary files are removed
and it exits with 128 + the signal's number (143, 129).
"""

from __future__ import annotations

import errno
import logging
import os
import signal
import sys
import threading
from pathlib import Path

import click

from . import __version__
from . import findings as report
from .errors import BuildError, InputError, ToolMissing, printable
from .findings import FORMATS as REPORT_FORMATS
from .source import MAX_BYTES, MAX_BYTES_LIMIT

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID, EXIT_BUG = 0, 1, 2, 3

# The settings file option, the same for every command that reads settings.
CONFIG_OPTION = click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (default: the nearest easyread.toml or pyproject.toml).",
)
# The size limit of an input file, the same for build and check.
MAX_BYTES_OPTION = click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=MAX_BYTES_LIMIT),
    default=MAX_BYTES,
    show_default=True,
    help="Refuse an input file bigger than this.",
)
# pipeline.FORMATS, written out: importing the pipeline (Jinja2, WeasyPrint's
# helpers) would slow every command down; a test keeps the two the same.
FORMATS = ("html", "pdf")


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"'{value}': choose from {', '.join(FORMATS)}, separated by commas"
        )
    return chosen


class _Commands(click.Group):
    """The easyread commands; an OS error no command caught is one line, exit 2;
    anything else unexpected is one line, exit 3."""

    def invoke(self, ctx: click.Context):
        _stop_cleanly_on(signal.SIGTERM, signal.SIGHUP, ctx=ctx)
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # click quiets a closed pipe itself
                raise
            click.echo(printable(f"error: {_os_error(exc)}"), err=True)
            ctx.exit(EXIT_INVALID)
        except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
            raise
        except Exception as exc:  # the last resort: a fault of ours, never the user's
            if os.environ.get("EASYREAD_DEBUG"):
                raise
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
            click.echo(
                printable(
                    f"easyread failed: {reason}; this is a fault in easyread, not in "
                    "your files: please report it with the command and the files you gave it "
                    "(EASYREAD_DEBUG=1 shows the details)"
                ),
                err=True,
            )
            ctx.exit(EXIT_BUG)


def _stop_cleanly_on(*signals: signal.Signals, ctx: click.Context) -> None:
    """Turn each of ``signals`` into ``SystemExit`` for this command's run.

    The default action kills the process where it stands, so the ``finally``
    blocks that remove a build's temporary files never run; an exception
    unwinds through them, as Ctrl-C does. The old handlers come back when
    the command ends (tests call ``main`` in their own process).
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for number in signals:
        previous = signal.signal(number, _exit_on_signal)
        ctx.call_on_close(lambda number=number, previous=previous: signal.signal(number, previous))


def _exit_on_signal(number: int, frame: object) -> None:
    signal.signal(number, signal.SIG_IGN)  # a second signal does not interrupt the clean-up
    raise SystemExit(128 + number)


def _os_error(exc: OSError) -> str:
    reason = (exc.strerror or str(exc)).lower()
    return f"cannot use {exc.filename}: {reason}" if exc.filename else reason


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="easyread")
@click.option("-v", "--verbose", is_flag=True, help="Say each step as it happens.")
def main(verbose: bool) -> None:
    """Turn inspection data into easy-read summaries for children and young
    people: an HTML page and a tagged, accessible PDF (PDF/UA-1).

    \b
    Examples:
      easyread build data/*.yaml --out build
      easyread build my-inspection.yaml --out site --format html
      easyread audit build/*.html build/*.pdf
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
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
    callback=_formats,
    help="Formats to make, separated by commas.",
)
@click.option(
    "-l",
    "--layout",
    default="easy-read",
    show_default=True,
    help="A bundled layout's name, or the path of your own layout folder.",
)
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
    from .pipeline import build_one, plan_build
    from .readability import TargetMissed
    from .settings import load_settings

    show_bar = len(files) > 1 and sys.stderr.isatty()
    try:
        settings = load_settings(config)
        job = plan_build(files, out_dir, formats, layout, settings, strict, max_bytes)
    except InputError as exc:
        _fail(exc)
    with click.progressbar(
        files, label="Building", file=sys.stderr, hidden=not show_bar, item_show_func=_name
    ) as bar:
        results = [build_one(path, job) for path in bar]
    codes = [EXIT_OK]
    for result in results:
        if result.readability is not None:
            click.echo(result.readability_line)
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

    \b
    Exit codes: 0 every file meets its target; 1 a file misses it;
    2 a file cannot be read or is invalid, nothing was checked, or the
    command was used wrongly.

    \b
    Examples:
      easyread check data/
      easyread check docs/leaflet.md --target reading-age-11
      easyread check data/ --format sarif > easyread.sarif
    """
    from .findings import render_reports
    from .readability import RULES, UnknownTarget, check_paths, nothing_checked
    from .settings import load_settings

    try:
        settings = load_settings(config)
        chosen = paths or tuple(settings.root / p for p in settings.paths)
        if not chosen:
            raise click.UsageError(
                "give a file or folder to check, or set 'paths' "
                "in [tool.easyread] of pyproject.toml"
            )
        run = check_paths(chosen, settings, target, max_bytes)
    except InputError as exc:
        _fail(exc)
    except UnknownTarget as exc:
        raise click.BadParameter(str(exc), param_hint="'-t' / '--target'") from None
    if fail_on == "warning":
        for report in run.reports:
            report.passed = report.passed and not any(
                f.severity == "warning" for f in report.findings
            )
    colored = _use_color(color)
    rules = list(RULES.values())
    if run.reports:
        output = render_reports(run.reports, fmt, "easyread", rules, color=colored)
        if output:
            click.echo(output, color=colored)
    if run.problems:
        _fail(InputError(run.problems))
    if run.checked_nothing:
        click.echo(f"error: {nothing_checked(chosen, run)}", err=True)
        sys.exit(EXIT_INVALID)
    sys.exit(EXIT_OK if all(r.passed for r in run.reports) else EXIT_FINDINGS)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command("audit")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(report.FORMATS),
    default="text",
    show_default=True,
    help="For people, JSON, GitHub annotations or SARIF.",
)
@click.option(
    "--browser",
    envvar="EASYREAD_CHROMIUM",
    metavar="PATH",
    help="The Chromium to drive [default: chromium on PATH; env: EASYREAD_CHROMIUM].",
)
def audit_command(files: tuple[Path, ...], fmt: str, browser: str | None) -> None:
    """Check HTML pages and PDFs FILES for accessibility, ours or anyone's.

    \b
    HTML: axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices, 7:1 contrast)
          in headless Chromium; no sideways scrolling at 320 px; text
          spacing (WCAG 1.4.12); a working skip link.
    PDF:  the PDF/UA-1 validator page-validation; pdfua; every font not
          embedded, headings, bookmarks, reading order. A fault is told once.

    Exit code 0 when every file passes, 1 when a finding is at error level,
    2 when a file cannot be read or a checker is not installed.
    """
    from .audit import TOOL, audit

    try:
        result = audit(files, browser)
    except ToolMissing as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    for error in result.errors:
        click.echo(str(error), err=True)
    if result.reports:
        colored = _use_color("auto")
        click.echo(
            report.render_reports(result.reports, fmt, TOOL, result.rules, color=colored),
            color=colored,
        )
    if result.errors:
        sys.exit(EXIT_INVALID)
    sys.exit(EXIT_OK if result.passed else EXIT_FINDINGS)


def _name(path: Path | None) -> str:
    return path.name if path else ""


def _fail(exc: InputError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(EXIT_INVALID)
