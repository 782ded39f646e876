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

from .. import __version__
from ..errors import InputError, fault_message, printable
from ..source import MAX_BYTES, MAX_BYTES_LIMIT

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
# The layout option, the same for build and serve.
LAYOUT_OPTION = click.option(
    "-l",
    "--layout",
    default="booklet",
    show_default=True,
    help="A bundled layout's name (see `easyread layouts`), or your own layout folder.",
)
# The theme option, the same for build and serve: more than one may be given.
THEME_OPTION = click.option(
    "-t",
    "--theme",
    "themes",
    multiple=True,
    help="A bundled theme's name (see `easyread layouts`), or your own theme folder; "
    "give it again for more than one, such as --theme large-print --theme dark.",
)
# pipeline.FORMATS, written out: importing the pipeline (Jinja2, WeasyPrint's
# helpers) would slow every command down; a test keeps the two the same.
FORMATS = ("html", "pdf")


def formats_option(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
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
            click.echo(fault_message(exc), err=True)
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
      easyread new my-inspection.yaml --framework ilacs
      easyread serve my-inspection.yaml
      easyread build data/*.yaml --out build
      easyread build my-inspection.yaml --out site --format html
      easyread audit build/*.html build/*.pdf
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def name_of(path: Path | None) -> str:
    return path.name if path else ""


def fail(exc: InputError) -> None:
    click.echo(str(exc), err=True)
    sys.exit(EXIT_INVALID)


# Each command registers itself on ``main`` when its module is imported.
from . import audit, build, check, layouts, new, pictures, schema, serve  # noqa: E402, F401
