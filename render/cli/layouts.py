"""``easyread layouts``: the bundled layouts and themes, one line each; with
``--words``, the fixed words a council may reword."""

from __future__ import annotations

import json

import click

from ..errors import InputError
from . import LAYOUT_OPTION, fail, main


@main.command("layouts")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json (a list of {kind, name, aliases, description}) for tools.",
)
@click.option(
    "--words",
    is_flag=True,
    help="List instead the fixed words a [theme.words] setting may reword, one a line.",
)
@LAYOUT_OPTION
def layouts_command(fmt: str, words: bool, layout: str) -> None:
    """List the bundled layouts (--layout) and themes (--theme).

    A build takes one layout and any number of themes, laid over it in the
    order given:

    \b
      easyread build data/home.yaml --layout poster --theme large-print

    With --words, the fixed words (headings, labels) of --layout that a
    council may reword in the [theme.words] table of its settings.
    """
    from ..page.layouts import bundled_layouts, find_layout
    from ..page.messages import known
    from ..page.themes import bundled_themes, find_theme

    if words:
        try:
            messages = sorted(known(find_layout(layout).search_path))
        except InputError as exc:
            fail(exc)
        click.echo(json.dumps(messages, indent=2) if fmt == "json" else "\n".join(messages))
        return
    found = {one.name: one for one in map(find_layout, bundled_layouts().values())}
    rows = [
        {
            "kind": "layout",
            "name": one.name,
            "aliases": list(one.aliases),
            "description": one.description,
        }
        for one in found.values()
    ] + [
        {"kind": "theme", "name": theme.name, "aliases": [], "description": theme.description}
        for theme in map(find_theme, bundled_themes().values())
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for kind, title in (("layout", "Layouts (--layout NAME)"), ("theme", "Themes (--theme NAME)")):
        click.echo(title)
        chosen = [row for row in rows if row["kind"] == kind]
        width = max((len(row["name"]) for row in chosen), default=0)
        for row in chosen:
            also = f" (also: {', '.join(row['aliases'])})" if row["aliases"] else ""
            click.echo(f"  {row['name']:<{width}}  {row['description']}{also}")
        click.echo()
