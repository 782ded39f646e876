"""``easyread schema``: print the JSON Schema of an inspection file."""

from __future__ import annotations

import click

from . import main


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of an inspection file.

    Editors use it for completion and errors as you type: save it beside
    your files (easyread schema > inspection.schema.json) and put this line
    at the top of a YAML file:

    \b
      # yaml-language-server: $schema=inspection.schema.json
    """
    from ..model import schema_text

    click.echo(schema_text(), nl=False)
