"""``easyread audit``: accessibility of HTML pages and PDFs, ours or anyone's."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path

import click

from .. import findings as report
from ..errors import ToolMissing
from . import (
    EXIT_FINDINGS,
    EXIT_INVALID,
    EXIT_OK,
    main,
    use_color,
)


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
@click.option(
    "--timeout",
    type=click.FloatRange(min=1, max=3600),
    default=30,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a file whose audit takes longer (a page whose scripts never end).",
)
def audit_command(files: tuple[Path, ...], fmt: str, browser: str | None, timeout: float) -> None:
    """Check HTML pages and PDFs FILES for accessibility, ours or anyone's.

    \b
    HTML: axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices, 7:1 contrast)
          in headless Chromium; no sideways scrolling at 320 px; text
          spacing (WCAG 1.4.12); a working skip link.
    PDF:  the PDF/UA-1 validator page-validation; pdfua; every font not
          embedded, headings, bookmarks, reading order. A fault is told once.

    The page under audit loads nothing but itself, cannot navigate away,
    and cannot reach the checkers' scripts; a file that takes longer than
    --timeout is "could not audit" and the next file goes on.

    Exit code 0 when every file passes, 1 when a finding is at error level,
    2 when a file cannot be read or audited or a checker is not installed.
    """
    from ..audit import TOOL, audit

    _end_browsers_on(signal.SIGTERM, signal.SIGHUP)
    try:
        result = audit(files, browser, timeout)
    except ToolMissing as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INVALID)
    for error in result.errors:
        click.echo(str(error), err=True)
    for fault in result.faults:
        click.echo(f"note: {fault}", err=True)
    if result.reports:
        colored = use_color("auto")
        click.echo(
            report.render_reports(result.reports, fmt, TOOL, result.rules, color=colored),
            color=colored,
        )
    if result.errors:
        sys.exit(EXIT_INVALID)
    sys.exit(EXIT_OK if result.passed else EXIT_FINDINGS)


def _end_browsers_on(*signals: signal.Signals) -> None:
    """A signal ends the browsers first, then the command, as ``main`` does:
    Playwright may be waiting on the browser when it comes, and would hide
    the ``SystemExit`` in an error of its own (``render/audit/browser.py``).
    ``main`` puts the old handlers back when the command ends."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(number: int, frame: object) -> None:
        from ..audit.browser import stop_all

        signal.signal(number, signal.SIG_IGN)
        stop_all(number)
        raise SystemExit(128 + number)

    for number in signals:
        signal.signal(number, stop)
