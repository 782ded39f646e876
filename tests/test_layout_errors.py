"""A layout of one's own: each mistake in it is one clear line, exit 2, no page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from render.cli import main

GOOD = Path(__file__).resolve().parent / "good.yaml"
MAIN = '{% extends "base.html" %}\n{% block main %}\n<p>{{ doc.title }}</p>\n{% endblock %}\n'
TOML = 'stylesheets = ["base.css"]\n'


@pytest.mark.parametrize(
    ("files", "lines"),
    [
        (
            {"main.html": MAIN.replace("doc.title", "doc.nope")},
            [
                "own/main.html:3:1: error: the template went wrong here: "
                "'render.model.document.Inspection object' has no attribute 'nope'"
            ],
        ),
        (
            {"main.html": MAIN.replace("doc.title }}", "doc.title </p>")},
            ["own/main.html:3:1: error: the template is not valid: unexpected '/'"],
        ),
        (
            {"main.html": MAIN.replace("{% endblock %}", "")},
            [
                "own/main.html:3:1: error: the template is not valid: Unexpected "
                "end of template. "
                "Jinja was looking for the following tags: 'endblock'. The "
                "innermost block that "
                "needs to be closed is 'block'."
            ],
        ),
        (
            {"main.html": '{% include "missing.html" %}'},
            ["own/layout.toml:1:1: error: the layout has no template 'missing.html'"],
        ),
        (
            {"layout.toml": 'entry = "page.html"\n'},
            ["own/layout.toml:1:1: error: the layout has no template 'page.html'"],
        ),
        (
            {"layout.toml": 'stylesheets = ["base.css", "gone.css"]\n'},
            ["own/layout.toml:1:1: error: the layout has no file 'gone.css'"],
        ),
        (
            {"layout.toml": 'stylesheets = "base.css"\n\n[fonts]\n400 = 5\n'},
            [
                "own/layout.toml:1:1: error: stylesheets: write a list of file "
                "names, such as "
                '["base.css", "layout.css"] here',
                "own/layout.toml:3:1: error: fonts: write a [fonts] table of "
                "weights and font "
                "files here",
            ],
        ),
        (
            {"layout.toml": 'name = "own"\nentyr = "main.html"\nstylesheet = ["base.css"]\n'},
            [
                "own/layout.toml:2:1: error: entyr: unknown setting 'entyr' (did you mean "
                "'entry'?): a layout.toml may give name, entry, stylesheets, fonts, "
                "font_family, description, aliases, theme, max_pages, fit_steps, fixed_pages",
                "own/layout.toml:3:1: error: stylesheet: unknown setting 'stylesheet' (did "
                "you mean 'stylesheets'?): a layout.toml may give name, entry, stylesheets, "
                "fonts, font_family, description, aliases, theme, max_pages, fit_steps, "
                "fixed_pages",
            ],
        ),
        (
            {"layout.toml": 'name = "own"\nentry = main.html\n'},
            ["own/layout.toml:2:9: error: this is not valid TOML: Invalid value"],
        ),
        (
            {"layout.toml": "stylesheets = ["},
            ["own/layout.toml:1:16: error: this is not valid TOML: Invalid value"],
        ),
        (
            {"layout.toml": TOML + 'font_family = "x\'); } </style><script>alert(1)</script>"\n'},
            [
                "own/layout.toml:2:1: error: font_family: write a font's name of letters, "
                "digits, spaces and hyphens (it goes into the page's CSS)"
            ],
        ),
        (
            {"layout.toml": TOML + '[fonts]\n"400</style>" = "a.ttf"\n'},
            [
                "own/layout.toml:2:1: error: fonts.400</style>: a font weight is a number "
                "from 100 to 900 in hundreds, such as 400 or 700"
            ],
        ),
        (
            {
                "main.html": MAIN.replace(
                    "<p>{{ doc.title }}</p>",
                    '<script>fetch("https://x.example")</script><iframe srcdoc="<b>hi</b>">'
                    '</iframe><p onclick="go()">{{ doc.title }}</p><a href="javascript:go()">x</a>',
                )
            },
            sorted(
                f"own/main.html:1:1: error: the page would have {what}, and easyread pages run "
                "no code and hold no other page: remove it from the layout"
                for what in (
                    "<script>",
                    "<iframe>",
                    "<iframe srcdoc>",
                    "<p onclick>",
                    '<a href="javascript:go()">',
                )
            ),
        ),
        (
            # the sandbox: no way from a template to Python's internals
            {"main.html": MAIN.replace("doc.title", "self.__init__.__globals__")},
            [
                "own/main.html:3:1: error: the template went wrong here: access to "
                "attribute '__init__' of 'TemplateReference' object is unsafe."
            ],
        ),
        (
            {
                "main.html": '{% extends "base.html" %}{% block main %}{% include "main.html" %}'
                "{% endblock %}"
            },
            [
                "own/main.html:1:1: error: the templates include or extend each other in a "
                "loop (main.html -> main.html): a template may not use itself"
            ],
        ),
        (
            {"main.html": '{% extends "main.html" %}'},
            [
                "own/main.html:1:1: error: the templates include or extend each other in a "
                "loop (main.html -> main.html): a template may not use itself"
            ],
        ),
    ],
)
def test_layout_mistakes(files, lines, tmp_path, monkeypatch):
    layout = tmp_path / "own"
    layout.mkdir()
    for name, text in {"layout.toml": TOML, "main.html": MAIN, **files}.items():
        (layout / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(GOOD), "--out", "out", "-l", "own"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    stderr = result.stderr.replace(f"{tmp_path}/", "")
    assert (result.exit_code, stderr.splitlines()) == (2, lines)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_no_layout_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(GOOD), "--out", "out", "-l", "nowhere"])
    assert (result.exit_code, result.stderr) == (
        2,
        (
            "nowhere:1:1: error: no layout here: a layout is a folder with a "
            "layout.toml; "
            "bundled layouts: booklet, letter, poster\n"
        ),
    )


def test_a_template_cannot_reach_out_of_the_layout_through_a_link(tmp_path, monkeypatch):
    layout = tmp_path / "own"
    layout.mkdir()
    (tmp_path / "secret.html").write_text("root:x:0:0")
    (layout / "secret.html").symlink_to(tmp_path / "secret.html")
    (layout / "layout.toml").write_text(TOML)
    (layout / "main.html").write_text(
        MAIN.replace("{{ doc.title }}", '{% include "secret.html" %}')
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(GOOD), "--out", "out", "-l", "own"])
    assert result.exit_code == 2
    assert result.stderr.replace(f"{tmp_path}/", "").splitlines() == [
        "own/layout.toml:1:1: error: the layout has no template 'secret.html'"
    ]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_stylesheet_cannot_end_the_style_element(tmp_path, monkeypatch):
    layout = tmp_path / "own"
    layout.mkdir()
    (layout / "layout.toml").write_text('stylesheets = ["base.css", "own.css"]\n')
    (layout / "own.css").write_text("/* </style><script>alert(1)</script> */ p { color: #000; }\n")
    (layout / "main.html").write_text(MAIN)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["build", str(GOOD), "--out", "out", "-l", "own", "-f", "html"]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "good.html").read_text()

    class Tags(HTMLParser):
        seen: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.seen.append(tag)

    parser = Tags()
    parser.feed(page)
    assert "script" not in parser.seen and parser.seen.count("style") == 1
    assert "/* <\\/style><script>alert(1)<\\/script> */" in page
