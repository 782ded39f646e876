"""``easyread layouts``: the bundled layouts and themes, one line each."""

from __future__ import annotations

import json

import click

from . import main


@main.command("layouts")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people; json (a list of {kind, name, aliases, description}) for tools.",
)
def layouts_command(fmt: str) -> None:
    """List the bundled layouts (--layout) and themes (--theme).

    A build takes one layout and any number of themes, laid over it in the
    order given:

    \b
      easyread build data/home.yaml --layout poster --theme large-print
    """
    from ..page.layouts import bundled_layouts, find_layout
    from ..page.themes import bundled_themes, find_theme

    layouts = {
        find_layout(folder).name: find_layout(folder) for folder in bundled_layouts().values()
    }
    themes = [find_theme(folder) for folder in bundled_themes().values()]
    rows = [
        {
            "kind": "layout",
            "name": layout.name,
            "aliases": list(layout.aliases),
            "description": layout.description,
        }
        for layout in layouts.values()
    ] + [
        {"kind": "theme", "name": theme.name, "aliases": [], "description": theme.description}
        for theme in themes
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
