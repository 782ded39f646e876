"""Every guessed picture is told to the writer, by build and by check alike:
``path:line:col: note: field: picture 'NAME' chosen for the word 'WORD'; ...``.
Notes never change an exit code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT

from render.cli import main

GOOD = (ROOT / "tests" / "good.yaml").read_text(encoding="utf-8")
WORRIED = "  - Some children were worried about their plans.\n"


def _file(tmp_path: Path) -> Path:
    text = GOOD.replace(
        "  - Some plans take too long.\n", "  - Some plans take too long.\n" + WORRIED
    )
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text.rstrip("\n")) + 1


def _notes(output: str) -> list[str]:
    return [
        line.removesuffix(" [guessed-picture]")
        for line in output.splitlines()
        if ": note: " in line and "picture '" in line
    ]


def test_build_and_check_note_each_guess_at_its_line_and_column(tmp_path):
    path = _file(tmp_path)
    line = _line_of(path, WORRIED)
    expected = (
        f"{path}:{line}:5: note: to_improve[1]: picture 'worried-face' chosen for the "
        "word 'worried'; name one with icon: to choose another"
    )
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(path), "--out", str(tmp_path / "out"), "-f", "html"])
    checked = runner.invoke(main, ["check", str(path), "--color", "never"])
    assert built.exit_code == 0, built.output
    assert checked.exit_code == 0, checked.output
    assert expected in built.output.splitlines()
    assert expected + " [guessed-picture]" in checked.output.splitlines()
    # the same guesses, from one place: every point but the one that names `icon: home`
    assert _notes(built.output) == _notes(checked.output)
    fields = [n.split(": ")[2] for n in _notes(built.output)]
    assert fields == [
        "about[0]",
        "going_well[0]",
        "to_improve[0]",
        "to_improve[1]",
        "facts[0]",
        "next_steps[0]",
        "talk_to[0]",
    ]


def test_a_note_says_when_no_word_chose_the_picture(tmp_path):
    path = _file(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("This is a short summary of the full report.", "This is it."))
    out = CliRunner().invoke(main, ["check", str(path), "--color", "never"]).output
    (about,) = [n for n in _notes(out) if " about[0]: " in n]
    assert "picture 'dot' chosen because no keyword matched" in about


def test_a_named_picture_or_own_picture_is_not_noted_and_the_note_can_be_disabled(tmp_path):
    path = _file(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        WORRIED, "  - text: Some children were worried about their plans.\n    icon: sad-face\n"
    )
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(path), "--color", "never"]).output
    assert not [n for n in _notes(out) if "to_improve[1]" in n]
    assert [n for n in _notes(out) if "to_improve[0]" in n]
    (tmp_path / "easyread.toml").write_text('disable = ["guessed-picture"]\n', encoding="utf-8")
    quiet = CliRunner().invoke(
        main, ["check", str(path), "--config", str(tmp_path / "easyread.toml")]
    )
    assert quiet.exit_code == 0, quiet.output
    assert not _notes(quiet.output)


def test_notes_follow_the_build_layout_rules(tmp_path):
    """A layout with its own rules.toml: build notes its guesses, not the default's."""
    layout = tmp_path / "mine"
    (layout / "pictures").mkdir(parents=True)
    (layout / "layout.toml").write_text('name = "mine"\n', encoding="utf-8")
    (layout / "main.html").write_text(
        (ROOT / "layouts" / "booklet" / "main.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    rules = (ROOT / "layouts" / "_base" / "pictures" / "rules.toml").read_text(encoding="utf-8")
    rules = rules.replace(
        "\n[sections]\n",
        '\n[[rules]]\nicon = "teddy-bear"\nkeywords = ["plans"]\n\n[sections]\n',
        1,
    )
    (layout / "pictures" / "rules.toml").write_text(rules, encoding="utf-8")
    path = _file(tmp_path)
    out = CliRunner().invoke(
        main,
        ["build", str(path), "--out", str(tmp_path / "o"), "-f", "html", "--layout", str(layout)],
    )
    assert out.exit_code == 0, out.output
    assert any(
        "to_improve[0]: picture 'teddy-bear' chosen for the word 'plans'" in n
        for n in _notes(out.output)
    )
