"""Nothing lost: a failed build leaves earlier pages; inputs stay untouched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA

from render.batch import MANIFEST
from render.cli import main

TESTS = Path(__file__).resolve().parent
GOOD = TESTS / "good.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != MANIFEST}


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """good.yaml built into out/, and a copy of it to break."""
    source = tmp_path / "src" / "good.yaml"
    source.parent.mkdir()
    shutil.copy(GOOD, source)
    out = tmp_path / "out"
    assert _run("build", str(source), "--out", str(out))[0] == 0
    return source, out, _snapshot(out)


def test_an_invalid_input_leaves_the_earlier_pages(built):
    source, out, before = built
    source.write_text(GOOD.read_text().replace("title:", "titel:"))
    code, _, err = _run("build", str(source), "--out", str(out))
    assert code == 2
    assert "unknown field 'titel'" in err
    assert sorted(before) == ["good.html", "good.pdf"]
    assert _snapshot(out) == before


def test_a_failing_pdf_leaves_the_earlier_pages(built, tmp_path):
    # the HTML is made first, then the PDF fails: neither may replace the old pages
    source, out, before = built
    layout = tmp_path / "own"
    layout.mkdir()
    (layout / "layout.toml").write_text('stylesheets = ["base.css", "own.css"]\n')
    (layout / "main.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>New</h1>{% endblock %}'
    )
    (layout / "own.css").write_text('h1 { background: url("../outside.png") }\n')
    (tmp_path / "outside.png").write_bytes(b"")
    code, _, err = _run("build", str(source), "--out", str(out), "--layout", str(layout))
    assert code == 2
    assert "outside.png" in err
    assert _snapshot(out) == before  # no new page, and no temporary file left


def test_a_build_that_works_replaces_both_pages(built):
    source, out, before = built
    source.write_text(GOOD.read_text().replace("Riverside", "Lakeside"))
    assert _run("build", str(source), "--out", str(out))[0] == 0
    after = _snapshot(out)
    assert sorted(after) == sorted(before)
    assert after["good.html"] != before["good.html"]
    assert b"Lakeside" in after["good.html"]


def _digests(folder: Path) -> dict[Path, tuple[str, int]]:
    return {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_building_never_changes_the_inputs(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = _digests(data)
    inputs = sorted(str(p) for p in data.glob("*.yaml"))
    assert _run("build", *inputs, "--out", str(tmp_path / "out"))[0] == 0
    assert _digests(data) == before


def test_two_inputs_with_one_name_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        shutil.copy(GOOD, tmp_path / folder / "good.yaml")
    first, second = tmp_path / "a" / "good.yaml", tmp_path / "b" / "good.yaml"
    code, out, err = _run("build", str(first), str(second), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "wrote " not in out  # the readability line may show; no page
    assert err == (
        f"{second}:1:1: error: {first} is also written as good.html: rename one of "
        "them, or build them into different folders\n"
        f"{second}:1:1: error: {first} is also written as good.pdf: rename one of "
        "them, or build them into different folders\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_output_that_would_replace_an_input_is_refused(tmp_path):
    source = tmp_path / "summary.html"  # YAML, oddly named
    shutil.copy(GOOD, source)
    before = source.read_bytes()
    code, out, err = _run("build", str(source), "--out", str(tmp_path), "-f", "html")
    assert code == 2
    assert "wrote " not in out  # the readability line may show; no page
    assert err == (
        f"{source}:1:1: error: the output summary.html would replace the input "
        f"{source}: choose another --out folder\n"
    )
    assert source.read_bytes() == before


def test_an_output_folder_that_cannot_be_made(tmp_path):
    (tmp_path / "file").write_text("")
    code, out, err = _run("build", str(GOOD), "--out", str(tmp_path / "file" / "out"))
    assert code == 2
    assert "wrote " not in out  # the readability line may show; no page
    assert err == (
        f"{tmp_path / 'file' / 'out'}:1:1: error: cannot make the output folder: not a directory\n"
    )


def test_a_build_error_is_one_line_and_leaves_the_earlier_pages(built, monkeypatch):
    # an error that is not the input's fault (here, one WeasyPrint would report)
    from render import pipeline
    from render.errors import BuildError

    def fail(*args, **kwargs):
        raise BuildError(["WeasyPrint reported: something \x1b[31mwent wrong\nhere"])

    source, out, before = built
    monkeypatch.setattr(pipeline, "write_pdf", fail)
    code, stdout, err = _run("build", str(source), "--out", str(out), "--force")
    assert code == 2
    assert "wrote " not in stdout
    assert err == (f"{source}: error: WeasyPrint reported: something \\x1b[31mwent wrong\\nhere\n")
    assert _snapshot(out) == before
