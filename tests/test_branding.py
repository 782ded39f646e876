"""A council's own colours, logo, footer and words, by settings alone.

The ``[theme]`` table in ``easyread.toml`` (or a layout's ``layout.toml``)
changes the page without copying a template; a colour that stands out too
little is a build error naming the setting and the ratio, once.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from render.cli import main
from render.page.branding import contrast_problems, read_branding
from render.page.contrast import colour_schemes, ratio
from render.page.layouts import find_layout, layout_css

HOME = DATA / "example-childrens-home.yaml"
SETTINGS = """\
[theme]
logo = "logo.png"
logo_alt = "Anytown Council"
footer = "Made for the children in our homes by Anytown Council."

[theme.colours]
accent = "#4a1d6b"
panel = "#f3eef8"

[theme.words]
"What is going well?" = "What is going well at our home?"
"""


def _logo(path: Path) -> None:
    from PIL import Image

    image = Image.new("RGB", (300, 100), "#4a1d6b")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A council's folder: its data file, a logo and its settings."""
    shutil.copy(HOME, tmp_path / HOME.name)
    shutil.copytree(DATA / "frameworks", tmp_path / "frameworks")
    _logo(tmp_path / "logo.png")
    (tmp_path / "easyread.toml").write_text(SETTINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(*args: str):
    return CliRunner().invoke(main, ["build", HOME.name, "--out", "out", *args])


def test_settings_change_the_colours_logo_footer_and_a_heading(project):
    result = _build()
    assert result.exit_code == 0, result.output
    html = (project / "out" / "example-childrens-home.html").read_text(encoding="utf-8")
    assert ":root { --accent: #4a1d6b; --panel: #f3eef8; }" in html
    logo = re.search(r'<img class="logo" src="data:image/png;base64,[^"]+" alt="([^"]+)">', html)
    assert logo and logo.group(1) == "Anytown Council"
    assert (
        '<p class="brand-footer">Made for the children in our homes by Anytown Council.</p>' in html
    )
    assert ">What is going well at our home?</h2>" in html
    assert ">What is going well?</h2>" not in html
    # the PDF shows them too: the heading's words, the logo as a figure with its alt
    import pikepdf

    text = _pdf_text(project / "out" / "example-childrens-home.pdf")
    assert "What is going well at our home?" in text
    assert "Anytown Council" in text
    with pikepdf.open(project / "out" / "example-childrens-home.pdf") as pdf:
        alts = [
            str(node.get("/Alt"))
            for node in _struct_nodes(pdf.Root.StructTreeRoot)
            if node.get("/S") == "/Figure"
        ]
    assert "Anytown Council" in alts


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _struct_nodes(node):
    import pikepdf

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            yield item
            kids = item.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(item, pikepdf.Array):
            stack.extend(item)


def test_a_low_contrast_colour_is_one_error_naming_the_setting_and_the_ratio(project):
    (project / "easyread.toml").write_text(
        '[theme]\n[theme.colours]\naccent = "#8899aa"\n', encoding="utf-8"
    )
    result = _build()
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines == [
        "easyread.toml:3:1: error: theme.colours.accent: accent #8899aa on "
        "panel #eef3f8 (the layout's or a theme's) is 2.6:1, and text needs 7:1: "
        "choose a darker accent"
    ]
    assert "Traceback" not in result.output
    assert not (project / "out").exists()


def test_a_border_needs_three_to_one_and_a_text_colour_seven(project):
    (project / "easyread.toml").write_text(
        '[theme.colours]\nrule = "#b0b0b0"\nink = "#555555"\n', encoding="utf-8"
    )
    result = _build()
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert ":2:1: error: theme.colours.rule: rule #b0b0b0 on panel #eef3f8" in lines[0]
    assert "is 1.9:1" in lines[0]
    assert "a border or outline needs 3:1" in lines[0]
    assert ":3:1: error: theme.colours.ink: ink #555555 on panel #eef3f8" in lines[1]
    assert "is 6.7:1" in lines[1]
    assert "text needs 7:1" in lines[1]


def test_good_colours_pass_and_every_pair_is_checked_in_every_scheme():
    layout = find_layout("booklet")
    branding, problems = read_branding(
        {"colours": {"accent": "#4a1d6b", "paper": "#ffffff"}}, ROOT / "pyproject.toml"
    )
    assert problems == []
    sheets = [*layout_css(layout), branding.css(), "@media print { :root { --panel: #999999; } }"]
    schemes = colour_schemes(sheets)
    assert schemes["screen"]["accent"] == pytest.approx((0x4A / 255, 0x1D / 255, 0x6B / 255))
    # a darker panel in print makes the accent too dark on it: found there
    found = contrast_problems(branding, sheets)
    assert len(found) == 1 and "(in print)" in found[0].message
    assert ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)


def test_a_theme_that_paints_its_own_colour_wins_over_the_setting(tmp_path):
    # a dark scheme laid over the branding replaces its paper: the council's
    # accent is then not painted on its paper in that scheme, so not judged there
    branding, _ = read_branding({"colours": {"accent": "#4a1d6b"}}, ROOT / "pyproject.toml")
    dark = (
        "@media (prefers-color-scheme: dark) "
        "{ :root { --accent: #ffd27a; --paper: #111; --panel: #222; } }"
    )
    layout = find_layout("booklet")
    assert contrast_problems(branding, [*layout_css(layout), branding.css(), dark]) == []


@pytest.mark.parametrize(
    ("settings", "line", "message"),
    [
        ('[theme]\nlogo = "logo.png"\n', 2, "theme.logo: a logo needs logo_alt"),
        (
            '[theme]\nlogo = "missing.png"\nlogo_alt = "Us"\n',
            2,
            "theme.logo: there is no file 'missing.png' beside the settings file",
        ),
        (
            '[theme]\nlogo = "/etc/hostname"\nlogo_alt = "Us"\n',
            2,
            "'/etc/hostname' is not a name in the settings file's folder",
        ),
        ("[theme]\ncolors = {}\n", 2, "unknown setting 'colors' (did you mean 'colours'?)"),
        ('[theme.colours]\nacent = "#000"\n', 2, "unknown colour 'acent' (did you mean 'accent'?)"),
        ('[theme.colours]\nink = "blue; }"\n', 2, "'blue; }' is not a colour"),
        ('[theme.colours]\nink = "rgb(0 0 0 / 50%)"\n', 2, "with no transparency"),
        ('# ours\n\n[theme]\ncolours = { ink = "#777" }\n', 4, "theme.colours.ink: ink #777777"),
        (
            '[theme.words]\n"What is gong well?" = "x"\n',
            2,
            "no fixed word 'What is gong well?' (did you mean 'What is going well?'?)",
        ),
        (
            '[theme.words]\n"What did %(who)s say?" = "What did they say?"\n',
            2,
            "keep the same marks as the message (%(who)s)",
        ),
        ('[theme.words]\n"What is going well?" = ""\n', 2, "the new wording is empty"),
        (
            '[theme.words]\n"Skip to the summary" = "<style>body{display:none}</style>Skip"\n',
            2,
            "'<', '>' and '&' are not allowed",
        ),
        (
            '[theme.words]\n"What is going well?" = "Good"\n'
            '[theme.words.welsh]\n"What is going well?" = "Da"\n',
            3,
            "'welsh' is not a language of the layout",
        ),
        (
            '[theme.words]\n"Who can I talk to?" = "Who to talk to"\n'
            '[theme.words.cy]\n"Who can I talk to?" = "Da"\n"Nothing here" = "x"\n',
            5,
            'theme.words.cy."Nothing here": no fixed word',
        ),
        ('[theme]\nfooter = "a\\nb"\n', 2, "theme.footer: write the footer as one line"),
        ('[theme]\nfooter = "Fish & chips"\n', 2, "write 'and' for '&'"),
        ('[theme.footer]\nen = "Ours"\nfr = "Le nôtre"\n', 3, "'fr' is not a language"),
        ('theme = "large-print"\n', 1, "a theme such as large-print is chosen with --theme"),
    ],
)
def test_a_wrong_setting_is_a_clear_error(project, settings, line, message):
    (project / "easyread.toml").write_text(settings, encoding="utf-8")
    result = _build()
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert re.match(rf"(.*/)?easyread.toml:{line}:1: error: ", result.stderr), result.stderr
    assert "Traceback" not in result.output
    assert not (project / "out").exists()


def test_welsh_words_reword_the_welsh_page_only(project):
    for name in ("example-childrens-home-wales.yaml", "example-childrens-home-wales-cy.yaml"):
        shutil.copy(DATA / name, project / name)
    (project / "easyread.toml").write_text(
        '[theme.words]\n"What is going well?" = "Going well here"\n'
        '[theme.words.cy]\n"What is going well?" = "Yn mynd yn dda yma"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "build",
            "example-childrens-home-wales.yaml",
            "example-childrens-home-wales-cy.yaml",
            "--out",
            "out",
            "--format",
            "html",
        ],
    )
    assert result.exit_code == 0, result.output
    english = (project / "out" / "example-childrens-home-wales.html").read_text(encoding="utf-8")
    welsh = (project / "out" / "example-childrens-home-wales-cy.html").read_text(encoding="utf-8")
    assert "Going well here" in english and "Yn mynd yn dda yma" not in english
    assert "Yn mynd yn dda yma" in welsh and "Going well here" not in welsh


def test_a_layout_gives_its_own_theme_table_and_the_project_wins(project):
    layout = project / "own"
    shutil.copytree(ROOT / "layouts" / "booklet", layout)
    toml = (layout / "layout.toml").read_text(encoding="utf-8")
    (layout / "layout.toml").write_text(
        toml.replace(
            "[fonts]",
            '[theme]\nfooter = "From the layout."\n[theme.colours]\naccent = "#123456"\n\n[fonts]',
        ),
        encoding="utf-8",
    )
    (project / "easyread.toml").write_text(
        '[theme]\nfooter = "From the project."\n', encoding="utf-8"
    )
    result = _build("--layout", str(layout), "--format", "html")
    assert result.exit_code == 0, result.output
    html = (project / "out" / "example-childrens-home.html").read_text(encoding="utf-8")
    assert "--accent: #123456" in html  # the layout's colour stays
    assert "From the project." in html and "From the layout." not in html


def test_a_changed_logo_rebuilds(project):
    assert _build("--format", "html").exit_code == 0
    assert "up to date" in _build("--format", "html").output
    from PIL import Image

    Image.new("RGB", (300, 100), "#123456").save(project / "logo.png")
    again = _build("--format", "html")
    assert "up to date" not in again.output


def test_the_theme_table_in_pyproject_with_its_lines(project):
    (project / "easyread.toml").unlink()
    (project / "pyproject.toml").write_text(
        '[tool.sphinx-theme]\nx = 1\n\n[tool.easyread.theme]\nfooter = "Ours."\n'
        'colours = { accent = "#aaaaaa" }\n',
        encoding="utf-8",
    )
    result = _build("--format", "html")
    assert result.exit_code == 2
    assert re.match(r"(.*/)?pyproject.toml:6:1: error: theme.colours.accent: ", result.stderr)
    (project / "pyproject.toml").write_text(
        '[tool.easyread.theme]\nfooter = "Ours."\n[tool.easyread.theme.colours]\n'
        'accent = "#4a1d6b"\n',
        encoding="utf-8",
    )
    assert _build("--format", "html").exit_code == 0
    html = (project / "out" / "example-childrens-home.html").read_text(encoding="utf-8")
    assert "--accent: #4a1d6b" in html and '<p class="brand-footer">Ours.</p>' in html


def test_a_reworded_page_counter_and_drawing_words(project):
    (project / "easyread.toml").write_text(
        '[theme.words]\n"Page %(page)s of %(pages)s" = "Sheet %(page)s of %(pages)s"\n',
        encoding="utf-8",
    )
    assert _build().exit_code == 0
    assert "Sheet 1 of" in _pdf_text(project / "out" / "example-childrens-home.pdf")


def test_a_changed_colour_or_word_rebuilds(project):
    assert _build("--format", "html").exit_code == 0
    assert "up to date" in _build("--format", "html").output
    settings = project / "easyread.toml"
    settings.write_text(settings.read_text().replace("#f3eef8", "#f4eef8"), encoding="utf-8")
    assert "up to date" not in _build("--format", "html").output
    settings.write_text(
        settings.read_text().replace("at our home", "in our home"), encoding="utf-8"
    )
    assert "up to date" not in _build("--format", "html").output


def test_the_words_the_settings_print_are_checked_for_reading(project):
    (project / "easyread.toml").write_text(
        '[theme]\nfooter = "Notwithstanding aforementioned jurisdictional considerations, '
        "the multidisciplinary safeguarding partnership's comprehensive documentation is "
        'promulgated contemporaneously."\n[theme.words]\n"What is going well?" = "Which '
        'institutional characteristics demonstrate commendable organisational effectiveness?"\n',
        encoding="utf-8",
    )
    result = _build("--strict", "--format", "html")
    assert result.exit_code == 1, result.output
    assert "misses reading-age-9" in result.output
    assert not (project / "out" / "example-childrens-home.html").exists()


def test_the_footer_and_alt_text_in_the_page_language(project):
    for name in ("example-childrens-home-wales.yaml", "example-childrens-home-wales-cy.yaml"):
        shutil.copy(DATA / name, project / name)
    (project / "easyread.toml").write_text(
        '[theme]\nlogo = "logo.png"\nlogo_alt = { en = "Our council", cy = "Ein cyngor" }\n'
        'footer = "Made by us."\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["build", "example-childrens-home-wales-cy.yaml", "--out", "out", "--format", "html"],
    )
    assert result.exit_code == 0, result.output
    welsh = (project / "out" / "example-childrens-home-wales-cy.html").read_text(encoding="utf-8")
    assert 'alt="Ein cyngor">' in welsh
    # no Welsh footer given: the English one, marked as English
    assert '<p class="brand-footer" lang="en">Made by us.</p>' in welsh


def test_the_preview_watches_the_settings_folder(project):
    from render.cli.serve import _watched

    data = project / "data"
    data.mkdir()
    shutil.move(project / HOME.name, data / HOME.name)
    assert project.resolve() in _watched(data / HOME.name, "booklet")
