"""Every bad input in tests/inputs/ gives its exact messages through the CLI.

Each ``NAME.yaml`` or ``NAME.json`` there has one mistake (a few have
several, to show they are all reported at once) and a ``NAME.yaml.expected``
beside it with the exact lines the command must print. The inputs are copies
of tests/good.yaml or tests/good.json, which build cleanly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from render.cli import main

TESTS = Path(__file__).resolve().parent
INPUTS = TESTS / "inputs"
BAD = sorted(p for p in INPUTS.iterdir() if p.suffix in {".yaml", ".json"})
GOOD_SIZE = (TESTS / "good.yaml").stat().st_size
LINE = re.compile(r"^[^:\n]+:\d+:\d+: error: \S.*$")


def run(args: list[str], cwd: Path, monkeypatch) -> tuple[int, str, str, BaseException | None]:
    """Run ``easyread ARGS`` in ``cwd``: exit code, stdout, stderr, exception."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, args, prog_name="easyread")
    exception = None if isinstance(result.exception, SystemExit) else result.exception
    return result.exit_code, result.stdout, result.stderr, exception


def test_corpus_is_complete():
    names = {p.name for p in BAD}
    expected = {p.name.removesuffix(".expected") for p in INPUTS.glob("*.expected")}
    assert len(BAD) >= 40
    assert {p.suffix for p in BAD} == {".yaml", ".json"}
    assert names == expected


@pytest.mark.parametrize("good", ["good.yaml", "good.json"])
def test_the_good_files_build(good, tmp_path, monkeypatch):
    code, out, err, exception = run(
        ["build", good, "--out", str(tmp_path), "--format", "html"], TESTS, monkeypatch
    )
    assert (code, err, exception) == (0, "", None)
    assert (tmp_path / good.replace(".yaml", ".html").replace(".json", ".html")).is_file()


@pytest.mark.parametrize("bad", BAD, ids=[p.name for p in BAD])
def test_bad_input(bad: Path, tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    before = bad.read_bytes()
    code, out, err, exception = run(["build", bad.name, "--out", str(out_dir)], INPUTS, monkeypatch)
    expected = (INPUTS / f"{bad.name}.expected").read_text(encoding="utf-8")
    assert exception is None
    assert "Traceback" not in err + out
    assert code == 2
    assert err == expected
    assert all(LINE.match(line) for line in err.splitlines())
    assert out == ""
    assert list(out_dir.iterdir()) == []
    assert bad.read_bytes() == before


def test_a_file_over_the_size_limit(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text((TESTS / "good.yaml").read_text() + "#" * 2_000_000 + "\n")
    code, out, err, exception = run(["build", "big.yaml", "--out", "out"], tmp_path, monkeypatch)
    assert (code, exception) == (2, None)
    assert err == (
        f"big.yaml:1:1: error: the file is {GOOD_SIZE + 2_000_001:,} bytes, more than "
        "the limit of 2,000,000: split it, or raise the limit with --max-bytes\n"
    )
    assert not (tmp_path / "out" / "big.html").exists()


@pytest.mark.parametrize(
    ("limit", "code", "message"),
    [
        (
            "1000",
            2,
            f"good.yaml:1:1: error: the file is {GOOD_SIZE:,} bytes, more than the "
            "limit of 1,000: split it, or raise the limit with --max-bytes\n",
        ),
        (
            str(GOOD_SIZE - 1),
            2,
            f"good.yaml:1:1: error: the file is {GOOD_SIZE:,} bytes, more "
            f"than the limit of {GOOD_SIZE - 1:,}: split it, or raise the "
            "limit with --max-bytes\n",
        ),
        (str(GOOD_SIZE), 0, ""),
    ],
)
def test_max_bytes_option(limit, code, message, tmp_path, monkeypatch):
    result = run(
        [
            "build",
            "good.yaml",
            "--out",
            str(tmp_path),
            "--format",
            "html",
            "--max-bytes",
            limit,
        ],
        TESTS,
        monkeypatch,
    )
    assert result[0] == code
    assert result[2] == message
    assert result[3] is None


@pytest.mark.parametrize("limit", ["0", "-5", "lots", "4000000000", "99999999999999999999"])
def test_max_bytes_must_be_a_positive_number(limit, tmp_path, monkeypatch):
    # click's own usage message; exit 2 like every other misuse
    code, out, err, exception = run(
        ["build", "good.yaml", "--out", str(tmp_path), "--max-bytes", limit],
        TESTS,
        monkeypatch,
    )
    assert (code, exception) == (2, None)
    assert "Error: Invalid value for '--max-bytes'" in err
    assert limit in err.rsplit("'--max-bytes'", 1)[1]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "a" * 300 + ".yaml",
            "a" * 300 + ".yaml:1:1: error: cannot read the file: file name too long\n",
        ),
        ("missing.yaml", "missing.yaml:1:1: error: no such file: check the name\n"),
    ],
)
def test_files_that_cannot_be_read(name, message, tmp_path, monkeypatch):
    code, out, err, exception = run(["build", name, "--out", str(tmp_path)], TESTS, monkeypatch)
    assert (code, err, exception) == (2, message, None)


def test_a_byte_order_mark_is_accepted(tmp_path, monkeypatch):
    text = (TESTS / "good.yaml").read_text(encoding="utf-8")
    (tmp_path / "bom.yaml").write_bytes(
        b"\xef\xbb\xbf" + text.replace("area: Riverside", "area: 5").encode("utf-8")
    )
    code, out, err, exception = run(["build", "bom.yaml", "--out", "out"], tmp_path, monkeypatch)
    # the mark is not counted as a character: the column is still 1
    assert (code, err, exception) == (
        2,
        "bom.yaml:4:1: error: area: write text here, not the number 5: to keep it "
        "as written, put it in quotes\n",
        None,
    )
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, out, err, exception = run(
        ["build", "bom.yaml", "--out", "out", "-f", "html"], tmp_path, monkeypatch
    )
    assert (code, err, exception) == (0, "", None)


def test_every_input_is_reported_and_good_ones_still_build(tmp_path, monkeypatch):
    code, out, err, exception = run(
        [
            "build",
            "inputs/empty.yaml",
            "good.yaml",
            "inputs/unknown-field.yaml",
            "--out",
            str(tmp_path),
            "--format",
            "html",
        ],
        TESTS,
        monkeypatch,
    )
    assert (code, exception) == (2, None)
    assert err == (
        "inputs/empty.yaml:1:1: error: the file is empty: write the inspection in it\n"
        "inputs/unknown-field.yaml:2:1: error: titel: unknown field 'titel' (did you "
        "mean 'title'?): remove it or check the spelling\n"
    )
    assert out.splitlines()[-1].startswith("built 1, up to date 0, failed 2 in ")
    assert [line for line in out.splitlines() if line.startswith("wrote ")] == [
        f"wrote {tmp_path / 'good.html'}"
    ]


OWN = (
    "id: own\nname: Our own checks\ninspectorate: The council\nyears: From 2020\n"
    "scale:\n  - id: good\n    name: Good\n    meaning: Does what it should.\n"
)


@pytest.mark.parametrize(
    ("framework", "lines"),
    [
        (OWN, []),
        (
            OWN.replace("id: own", "id: ours"),
            ["frameworks/own.yaml:1:1: error: id: the id 'ours' must match the file name 'own'"],
        ),
        (
            OWN.replace("    meaning: Does what it should.\n", "") + "colour: red\n",
            [
                "frameworks/own.yaml:6:5: error: scale[0].meaning: this field is "
                "required: add 'meaning: ...'",
                "frameworks/own.yaml:8:1: error: colour: unknown field 'colour': "
                "remove it or check the spelling",
            ],
        ),
        (
            "id: own\nname: [x\n",
            [
                "frameworks/own.yaml:2:7: error: a ',' between two "
                "items, or the ']' that closes this list, is missing"
            ],
        ),
    ],
)
def test_a_framework_beside_the_data_file(framework, lines, tmp_path, monkeypatch):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "own.yaml").write_text(framework)
    (tmp_path / "ours.yaml").write_text(
        (TESTS / "good.yaml").read_text().replace("framework: ilacs", "framework: own")
    )
    code, out, err, exception = run(
        ["build", "ours.yaml", "--out", "out", "-f", "html"], tmp_path, monkeypatch
    )
    assert exception is None
    assert (code, err.splitlines()) == (2 if lines else 0, lines)


LONG = "a" * 300  # longer than a file name may be (Errno 36)
KNOWN = ", ".join(sorted(p.stem for p in (TESTS.parent / "data" / "frameworks").glob("*.yaml")))


@pytest.mark.parametrize(
    ("change", "args", "lines"),
    [
        (
            ("", ""),
            ["--layout", LONG],
            [
                f"{LONG}:1:1: error: no layout here: a layout is a folder with a "
                "layout.toml; bundled layouts: booklet, letter"
            ],
        ),
        (
            ("framework: ilacs", f"framework: {LONG}"),
            [],
            [
                "in.yaml:6:1: error: framework: this text is 300 characters long, more "
                "than 100: make it shorter or split it into more points",
                f"in.yaml:6:1: error: framework: unknown framework '{LONG}'; known "
                f"frameworks: {KNOWN} (or add a file to frameworks/ beside the data file)",
            ],
        ),
        (
            ("glossary:", f"pictures:\n  - file: {LONG}.png\n    alt: A hub\nglossary:"),
            [],
            [
                f"in.yaml:41:5: error: pictures[0].file: there is no file '{LONG}.png' "
                "beside the data file: check the name and the folder"
            ],
        ),
        (
            ("", ""),
            ["--layout", "own"],
            [f"{{tmp}}/own/layout.toml:1:1: error: the layout has no file '{LONG}.css'"],
        ),
        (
            ("", ""),
            ["--out", LONG],
            [f"{LONG}:1:1: error: cannot make the output folder: file name too long"],
        ),
    ],
    ids=["layout", "framework", "picture", "stylesheet", "out"],
)
def test_names_too_long_for_the_file_system(change, args, lines, tmp_path, monkeypatch):
    text = (TESTS / "good.yaml").read_text(encoding="utf-8")
    (tmp_path / "in.yaml").write_text(text.replace(*change), encoding="utf-8")
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "layout.toml").write_text(f'stylesheets = ["{LONG}.css"]\n')
    (tmp_path / "own" / "main.html").write_text('{% extends "base.html" %}')
    code, out, err, exception = run(
        ["build", "in.yaml", "--format", "html", *args], tmp_path, monkeypatch
    )
    expected = [line.replace("{tmp}", str(tmp_path)) for line in lines]
    assert (code, err.splitlines(), exception) == (2, expected, None)


FIXTURES = {p.name: p.read_text(encoding="utf-8") for p in (TESTS / "fixtures").iterdir()}
NOT_AN_INSPECTION = (
    "is not an inspection: easyread builds inspection files (.yaml, .yml, .json); "
    "to check how easy a document is to read, use 'easyread check'"
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "summary.txt",
            FIXTURES["stockton-2013-summary-for-children.txt"],
            f"summary.txt:1:1: error: this .txt file {NOT_AN_INSPECTION}",
        ),
        (
            "page.html",
            FIXTURES["broken-page.html"],
            f"page.html:1:1: error: this .html file {NOT_AN_INSPECTION}",
        ),
        (
            "leaflet.md",
            "# Leaflet\n\nSome words.\n",
            f"leaflet.md:1:1: error: this .md file {NOT_AN_INSPECTION}",
        ),
        (
            "settings.toml",
            'title = "x"\n[a]\nb = 1\n',
            f"settings.toml:1:1: error: this .toml file {NOT_AN_INSPECTION}",
        ),
        ("notes", "- one\n- two\n", f"notes:1:1: error: this file {NOT_AN_INSPECTION}"),
        (
            "data.yml",
            "title: [unclosed\n",
            "data.yml:1:8: error: a ',' between two items, or the ']' that closes this "
            "list, is missing",
        ),
    ],
    ids=["txt", "html", "md", "toml", "no-suffix", "yml"],
)
def test_a_file_that_is_not_an_inspection(name, content, message, tmp_path, monkeypatch):
    (tmp_path / name).write_text(content, encoding="utf-8")
    code, out, err, exception = run(["build", name, "--out", "out"], tmp_path, monkeypatch)
    assert (code, err.splitlines(), exception) == (2, [message], None)
