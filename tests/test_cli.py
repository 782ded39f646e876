"""The easyread command: help, exit codes, outputs, and nothing half-written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import INSPECTIONS, ROOT, SAMPLE, pages

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
    result = run("build", str(SAMPLE), "--out", str(tmp_path), "--format", "html")
    assert result.exit_code == 0, result.output
    assert pages(tmp_path) == [f"{SAMPLE.stem}.html"]


@pytest.mark.parametrize("bad", ["docx", "html,docx", ","])
def test_unknown_format_is_a_usage_error(tmp_path, bad):
    result = run("build", str(SAMPLE), "--out", str(tmp_path), "--format", bad)
    assert result.exit_code == 2
    assert "choose from html, pdf" in result.output


def test_unknown_layout_is_refused(tmp_path):
    result = run("build", str(SAMPLE), "--out", str(tmp_path), "--layout", "nope")
    assert result.exit_code == 2
    assert "nope:1:1: error: no layout here" in result.output
    assert "bundled layouts: booklet" in result.output


def test_invalid_input_exit_2_no_output_others_still_built(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(bad), str(SAMPLE), "--out", str(out), "--format", "html")
    assert result.exit_code == 2
    assert (
        f"{bad}:1:8: error: a ',' between two items, or the ']' that closes this list, is missing"
    ) in result.output.splitlines()
    assert "Traceback" not in result.output
    assert pages(out) == [f"{SAMPLE.stem}.html"]


def test_an_os_error_no_command_caught_is_one_line_and_exit_2(monkeypatch):
    import errno

    from render import settings

    def refuse(path):
        raise OSError(errno.ENAMETOOLONG, "File name too long", "/x/" + "a" * 300)

    monkeypatch.setattr(settings, "load_settings", refuse)
    result = CliRunner().invoke(main, ["build", str(SAMPLE)])
    assert (result.exit_code, result.output) == (
        2,
        "error: cannot use /x/" + "a" * 300 + ": file name too long\n",
    )


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
                events.append(("bar", item.source.name))
                yield item

    def read(path, *args):
        events.append(("read", path.name))
        return real_read(path, *args)

    monkeypatch.setattr(click, "progressbar", Bar)
    monkeypatch.setattr(pipeline, "read_source", read)
    result = run(
        "build", *map(str, INSPECTIONS), "--out", str(tmp_path), "--format", "html", "--jobs", "1"
    )
    assert result.exit_code == 0, result.output
    # the bar moves once each file is built, before the next is read
    assert events == [(step, p.name) for p in INSPECTIONS for step in ("read", "bar")]


def test_python_dash_m_render_works():
    result = subprocess.run(
        [sys.executable, "-m", "render", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("easyread, version ")


def _layout_with(tmp_path, main: str):
    layout = tmp_path / "layout"
    layout.mkdir()
    (layout / "layout.toml").write_text('stylesheets = ["base.css"]\n')
    (layout / "main.html").write_text(main)
    (layout / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9"/>')
    (layout / "broken.png").write_text("not a picture")
    return layout


def _in_main(body: str) -> str:
    return '{% extends "base.html" %}{% block main %}' + body + "{% endblock %}"


def test_custom_layout_folder_overrides_base(tmp_path):
    layout = tmp_path / "mine"
    layout.mkdir()
    (layout / "layout.toml").write_text('name = "mine"\nstylesheets = ["base.css"]\n')
    (layout / "main.html").write_text(_in_main("<p>Mine: {{ doc.area }}</p>"))
    result = run(
        "build",
        str(SAMPLE),
        "--out",
        str(tmp_path / "o"),
        "--format",
        "html",
        "--layout",
        str(layout),
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "o" / f"{SAMPLE.stem}.html").read_text()
    assert "<p>Mine: Stockton-on-Tees</p>" in html


SVG = (
    "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdp"
    "ZHRoPSIxMCIgaGVpZ2h0PSIxMCIvPg=="
)
NO_ALT = (
    'has no alt text, so the PDF would not be accessible: add alt="..." saying '
    "what it shows (a picture that only decorates belongs in the CSS, as a "
    "background-image)"
)


@pytest.mark.parametrize(
    ("main", "where", "message"),
    [
        (
            _in_main(f'<img src="{SVG}">'),
            "{layout}/main.html:1:52",
            f"error: the picture 'data:image/svg+xml…' {NO_ALT}",
        ),
        (
            _in_main('<p>Look:</p>\n<img src="dot.svg">'),
            "{layout}/main.html:2:11",
            f"error: the picture 'dot.svg' {NO_ALT}",
        ),
        # a data: URL the template makes is not written in it: the layout is blamed
        (
            _in_main("<img src=\"{{ data_url('dot.svg') }}\">"),
            "{layout}/layout.toml:1:1",
            f"error: the picture 'data:image/svg+xml…' {NO_ALT}",
        ),
        (
            _in_main('<img src="broken.png" alt="A broken picture">'),
            "{layout}/main.html:1:52",
            "error: the picture 'file://{layout}/broken.png' cannot be drawn: save it again "
            "as a PNG, JPEG or SVG file",
        ),
        (
            "<!DOCTYPE html>\n<html><title>{{ doc.title }}</title><h1>{{ doc.title }}</h1></html>",
            "{layout}/main.html:2:1",
            "error: the page does not say its language, so the PDF would not be accessible: "
            'write it on the root element, <html lang="{{ doc.language }}">',
        ),
        (
            _in_main('<img src="http://example.org/x.png" alt="A picture">'),
            "{layout}/main.html:1:52",
            "error: the page would fetch 'http://example.org/x.png' when it is opened, and "
            "easyread pages fetch nothing: put the file in the layout folder and use "
            "data_url('name') or a file name",
        ),
        # any other error WeasyPrint reports is not placed in the layout
        (
            '{% extends "base.html" %}{% block footer %}<link rel="attachment">{% endblock %}',
            "{data}",
            'error: the PDF would not be accessible: Missing href in <link rel="attachment">',
        ),
    ],
    ids=["alt-data-url", "alt-file", "alt-made", "damaged", "lang", "remote", "other"],
)
def test_layout_faults_fail_the_build_with_no_output(tmp_path, main, where, message):
    out = tmp_path / "out"
    layout = _layout_with(tmp_path, main)
    result = run("build", str(SAMPLE), "--out", str(out), "--layout", str(layout))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    place = where.format(layout=layout, data=SAMPLE)
    assert errors == [f"{place}: {message}".replace("{layout}", str(layout))]
    assert list(out.iterdir()) == []


def test_a_fault_of_ours_is_one_line_and_exit_3(tmp_path, monkeypatch):
    from render import pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "build_one", broken)
    monkeypatch.delenv("EASYREAD_DEBUG", raising=False)
    good = ROOT / "tests" / "good.yaml"
    result = CliRunner().invoke(main, ["build", str(good), "--out", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "easyread failed: ZeroDivisionError: division by zero; this is a fault in "
        "easyread, not in your files: please report it with the command and the "
        "files you gave it (EASYREAD_DEBUG=1 shows the details)"
    ]
