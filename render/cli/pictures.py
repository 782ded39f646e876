"""``easyread pictures``: the pictures a layout has, for writers and tools."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from ..errors import InputError
from . import EXIT_INVALID, fail, main


@main.command("pictures")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default=None,
    help="text for people (one line a picture), json for tools ({name, mood, keywords}), "
    "html for a page with every picture [default: html with --out, else text].",
)
@click.option(
    "-o",
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of printing.",
)
@click.option(
    "-l",
    "--layout",
    default="booklet",
    show_default=True,
    help="A bundled layout's name, or the path of your own layout folder.",
)
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The keywords of this language's rules (cy: the Welsh ones, pictures/rules-cy.toml).",
)
def pictures_command(fmt: str | None, out_file: Path | None, layout: str, language: str) -> None:
    """List every picture a point can name with icon:, with its mood and the
    keywords that choose it.

    \b
    Examples:
      easyread pictures
      easyread pictures --out pictures.html
      easyread pictures --format json
      easyread pictures --language cy
    """
    from ..page import find_layout
    from ..page.catalogue import catalogue_html, catalogue_json, catalogue_text

    fmt = fmt or ("html" if out_file else "text")
    try:
        chosen = find_layout(layout)
        icons = chosen.icons.for_language(language)
        if fmt == "json":
            output = catalogue_json(icons)
        elif fmt == "html":
            output = catalogue_html(icons, chosen.name)
        else:
            output = catalogue_text(icons)
    except InputError as exc:
        fail(exc)
    if out_file is None:
        click.echo(output)
        return
    try:
        _write(out_file, output)
    except OSError as exc:
        click.echo(
            f"error: cannot write {out_file}: {(exc.strerror or str(exc)).lower()}", err=True
        )
        sys.exit(EXIT_INVALID)
    click.echo(f"wrote {out_file}")


def _write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then move it into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
