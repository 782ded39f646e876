"""``easyread layouts`` lists the layouts and themes; a misspelt name on
``--layout`` or ``--theme`` gets the closest one suggested."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from render.cli import main
from render.page.layouts import bundled_layouts, find_layout
from render.page.themes import bundled_themes, find_theme


def test_layouts_lists_every_layout_and_theme_with_a_line_each():
    result = CliRunner().invoke(main, ["layouts"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Layouts (--layout NAME)"
    names = {find_layout(folder).name for folder in bundled_layouts().values()}
    for name in names:
        row = next(line for line in lines if line.startswith(f"  {name} "))
        assert len(row.split(None, 1)[1]) > 20  # a description, not just a name
    assert "(also: easy-read)" in next(line for line in lines if line.startswith("  booklet "))
    assert "Themes (--theme NAME)" in lines
    for theme in bundled_themes():
        assert any(line.startswith(f"  {theme} ") for line in lines), theme


def test_layouts_as_json_for_tools():
    result = CliRunner().invoke(main, ["layouts", "--format", "json"])
    rows = json.loads(result.output)
    assert {"kind", "name", "aliases", "description"} == set(rows[0])
    assert {r["name"] for r in rows if r["kind"] == "theme"} == set(bundled_themes())
    assert all(r["description"] for r in rows)


def test_every_bundled_layout_and_theme_says_what_it_is_for():
    for folder in (ROOT / "layouts").glob("*/layout.toml"):
        if not folder.parent.name.startswith("_"):
            assert find_layout(folder.parent).description, folder
    for theme in bundled_themes().values():
        assert find_theme(theme).description, theme


def test_the_old_name_easy_read_is_the_booklet():
    assert find_layout("easy-read").name == find_layout("booklet").name == "booklet"


def test_a_misspelt_layout_or_theme_gets_a_suggestion(tmp_path):
    runner = CliRunner()
    out = str(tmp_path / "out")
    layout = runner.invoke(main, ["build", str(SAMPLE), "--out", out, "--layout", "boklet"])
    assert layout.exit_code == 2
    assert "boklet:1:1: error: no layout here (did you mean 'booklet'?)" in layout.stderr
    theme = runner.invoke(main, ["build", str(SAMPLE), "--out", out, "--theme", "drak"])
    assert theme.exit_code == 2
    assert "drak:1:1: error: no theme here (did you mean 'dark'?)" in theme.stderr
    assert not (tmp_path / "out").exists()


def test_a_theme_folder_of_your_own(tmp_path):
    theme = tmp_path / "ours"
    theme.mkdir()
    (theme / "theme.toml").write_text('description = "Ours"\n', encoding="utf-8")
    (theme / "theme.css").write_text(".kicker { letter-spacing: 0.3em; }\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--out", str(out), "--theme", str(theme), "--format", "html"]
    )
    assert result.exit_code == 0, result.output
    assert ".kicker { letter-spacing: 0.3em; }" in (out / f"{SAMPLE.stem}.html").read_text()
    # a theme that names a file it does not have is refused, with the file named
    (theme / "theme.toml").write_text('stylesheets = ["gone.css"]\n', encoding="utf-8")
    again = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--out", str(tmp_path / "o2"), "--theme", str(theme)]
    )
    assert again.exit_code == 2
    assert "theme.toml:1:1: error: the theme has no file 'gone.css'" in again.stderr
    (theme / "theme.toml").write_text('stylesheet = ["x.css"]\n', encoding="utf-8")
    typo = CliRunner().invoke(
        main, ["build", str(SAMPLE), "--out", str(tmp_path / "o3"), "--theme", str(theme)]
    )
    assert "unknown setting 'stylesheet' (did you mean 'stylesheets'?)" in typo.stderr
