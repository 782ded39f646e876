"""``easyread new``: write a starter inspection file for a framework."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import printable
from . import EXIT_INVALID, main

DEFAULT_FRAMEWORK = "ilacs"


@main.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--framework",
    default=DEFAULT_FRAMEWORK,
    show_default=True,
    help="The framework's id: a file in data/frameworks/ or in frameworks/ beside FILE.",
)
def new_command(file: Path, framework: str) -> None:
    """Write a starter inspection FILE for a framework, to fill in.

    Every section is there with an example and what it is for; the ones you
    may leave out are commented out. It validates and builds as it is. An
    existing FILE is never overwritten.

    \b
    Example:
      easyread new my-inspection.yaml --framework school-report-card-2025
      easyread serve my-inspection.yaml
    """
    from ..model import find_framework, starter_text
    from ..source import Source

    problems: list = []
    found = find_framework(framework, Source(path=file, data={}), problems)
    if found is None:
        for problem in problems:  # an unknown name, or a faulty framework file
            about_file = problem.path != str(file)
            line = str(problem) if about_file else f"error: --framework: {problem.message}"
            click.echo(printable(line), err=True)
        sys.exit(EXIT_INVALID)
    text = starter_text(found)
    try:
        with open(file, "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        click.echo(
            printable(f"{file}: error: the file exists already: choose another name"), err=True
        )
        sys.exit(EXIT_INVALID)
    click.echo(f"wrote {file} (framework {found.id}): fill it in, then: easyread serve {file}")
