"""The easyread command: help, exit codes, outputs, and nothing half-written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import INSPECTIONS, ROOT

from render.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_help_explains_itself():
    result = run("--help")
    assert result.exit_code == 0
    assert "easy-read summaries" in result.output
    assert "build" in result.output


def test_build_help_names_its_options():
    result = run("build", "--help")
    assert result.exit_code == 0
    for option in ("--out", "--format", "--layout"):
        assert option in result.output


def test_build_html_only(tmp_path):
    result = run("build", str(INSPECTIONS[0]), "--out", str(tmp_path), "--format", "html")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{INSPECTIONS[0].stem}.html"]


@pytest.mark.parametrize("bad", ["docx", "html,docx", ","])
def test_unknown_format_is_a_usage_error(tmp_path, bad):
    result = run("build", str(INSPECTIONS[0]), "--out", str(tmp_path), "--format", bad)
    assert result.exit_code == 2
    assert "choose from html, pdf" in result.output


def test_unknown_layout_is_refused(tmp_path):
    result = run("build", str(INSPECTIONS[0]), "--out", str(tmp_path), "--layout", "nope")
    assert result.exit_code == 2
    assert "nope:1:1: error: no layout here" in result.output
    assert "bundled layouts: easy-read" in result.output


def test_invalid_input_exit_2_no_output_others_still_built(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(bad), str(INSPECTIONS[0]), "--out", str(out), "--format", "html")
    assert result.exit_code == 2
    assert (f"{bad}:1:8: error: a ',' between two items, or the ']' that closes this "
            "list, is missing") in result.output.splitlines()
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{INSPECTIONS[0].stem}.html"]


def test_an_os_error_no_command_caught_is_one_line_and_exit_2(monkeypatch):
    import errno

    from render import settings

    def refuse(path):
        raise OSError(errno.ENAMETOOLONG, "File name too long", "/x/" + "a" * 300)

    monkeypatch.setattr(settings, "load_settings", refuse)
    result = CliRunner().invoke(main, ["build", str(INSPECTIONS[0])])
    assert (result.exit_code, result.output) == (
        2, "error: cannot use /x/" + "a" * 300 + ": file name too long\n")


def test_the_progress_bar_moves_as_each_file_is_built(tmp_path, monkeypatch):
    import click

    from render import pipeline

    events = []
    real_read = pipeline.read_source

    class Bar:
        def __init__(self, items, **options):
            self.items = items

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def __iter__(self):
            for item in self.items:
                events.append(("bar", item.name))
                yield item

    def read(path, *args):
        events.append(("read", path.name))
        return real_read(path, *args)

    monkeypatch.setattr(click, "progressbar", Bar)
    monkeypatch.setattr(pipeline, "read_source", read)
    result = run("build", *map(str, INSPECTIONS), "--out", str(tmp_path), "--format", "html")
    assert result.exit_code == 0, result.output
    assert events == [(step, p.name) for p in INSPECTIONS for step in ("bar", "read")]


def test_python_dash_m_render_works():
    result = subprocess.run([sys.executable, "-m", "render", "--version"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith("easyread, version ")


def test_custom_layout_folder_overrides_base(tmp_path):
    layout = tmp_path / "mine"
    layout.mkdir()
    (layout / "layout.toml").write_text('name = "mine"\nstylesheets = ["base.css"]\n')
    (layout / "main.html").write_text(
        '{% extends "base.html" %}{% block main %}<p>Mine: {{ doc.area }}</p>{% endblock %}')
    result = run("build", str(INSPECTIONS[0]), "--out", str(tmp_path / "o"),
                 "--format", "html", "--layout", str(layout))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / f"{INSPECTIONS[0].stem}.html").read_text()
    assert "<p>Mine: Stockton-on-Tees</p>" in html


def _layout_with(tmp_path, body: str):
    layout = tmp_path / "layout"
    layout.mkdir()
    (layout / "layout.toml").write_text('stylesheets = ["base.css"]\n')
    (layout / "main.html").write_text(
        '{% extends "base.html" %}{% block main %}' + body + "{% endblock %}")
    return layout


SVG = ("data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdp"
       "ZHRoPSIxMCIgaGVpZ2h0PSIxMCIvPg==")


@pytest.mark.parametrize(("body", "where", "message"), [
    (f'<img src="{SVG}">', "{data}",
     'error: the PDF would not be accessible: Image "data:image/svg+xml…" has no '
     "required alt description"),
    ('<img src="http://example.org/x.png" alt="A picture">', "{layout}/main.html:1:52",
     "error: the page would fetch 'http://example.org/x.png' when it is opened, and "
     "easyread pages fetch nothing: put the file in the layout folder and use "
     "data_url('name') or a file name"),
])
def test_layout_faults_fail_the_build_with_no_output(tmp_path, body, where, message):
    out = tmp_path / "out"
    layout = _layout_with(tmp_path, body)
    result = run("build", str(INSPECTIONS[0]), "--out", str(out), "--layout", str(layout))
    assert result.exit_code == 2
    place = where.format(data=INSPECTIONS[0], layout=layout)
    assert f"{place}: {message}" in result.output.splitlines()
    assert list(out.iterdir()) == []
