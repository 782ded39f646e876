"""Reading YAML and JSON: what values become, where fields were written, limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from render.errors import InputError
from render.source.read import field_names, read_source


def _read(tmp_path: Path, text: str, name: str = "x.yaml", **kwargs):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_source(path, **kwargs)


def _problems(tmp_path: Path, text: str, name: str = "x.yaml") -> list[str]:
    """The problems in ``text``, without the file name that starts each."""
    with pytest.raises(InputError) as caught:
        _read(tmp_path, text, name)
    return [str(p).removeprefix(f"{tmp_path / name}:") for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.2: only true/false are yes/no values; the rest stay text
        ("a: yes", "yes"),
        ("a: no", "no"),
        ("a: on", "on"),
        ("a: off", "off"),
        ("a: y", "y"),
        ("a: true", True),
        ("a: false", False),
        ("a: ~", None),
        ("a:", None),
        ("a: null", None),
        # dates stay as written (validate.py checks them, the same as JSON's)
        ("a: 2013-02-15", "2013-02-15"),
        ("a: 2013-02-30", "2013-02-30"),
        ("a: 2013-02-15 10:00:00", "2013-02-15 10:00:00"),
        ("a: '2013-02-15'", "2013-02-15"),
        # numbers are numbers, quoted numbers are text
        ("a: 0800", 800),
        ("a: '0800'", "0800"),
        ("a: 1.10", 1.1),
        ("a: 0x10", 16),
        ("a: .inf", float("inf")),
        ("a: !!str 5", None),  # replaced below: tags are refused
    ],
)
def test_yaml_values(text, value, tmp_path):
    if "!!" in text:
        assert _problems(tmp_path, text) == [
            "1:4: error: tags such as '!!str' are not allowed: remove it "
            "(to make a value text, put it in quotes)"
        ]
        return
    data = _read(tmp_path, text).data
    assert data == {"a": value}
    assert type(data["a"]) is type(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"a": "\\ud83d\\ude00"}', "\U0001f600"),  # a pair of escapes is one character
        ('{"a": "caf\\u00e9"}', "café"),
        ('{"a": "x\\/y"}', "x/y"),
        ('{"a":1}', 1),
        ('{"a": 1e3}', 1000.0),
        ('{"a": [1, {"b": null}]}', [1, {"b": None}]),
    ],
)
def test_json_values(text, value, tmp_path):
    assert _read(tmp_path, text, "x.json").data == {"a": value}


def test_where_json_fields_were_written(tmp_path):
    source = _read(
        tmp_path,
        (
            "{\n"
            '  "title": "x",\n'
            '\t"list": [\n'
            '    "first",\n'
            '    {"text": "second", "icon": "home"}\n'
            "  ]\n"
            "}\n"
        ),
        "x.json",
    )
    assert source.positions == {
        (): (1, 1),
        ("title",): (2, 3),
        ("list",): (3, 2),
        ("list", 0): (4, 5),
        ("list", 1): (5, 5),
        ("list", 1, "text"): (5, 6),
        ("list", 1, "icon"): (5, 24),
    }


def test_where_yaml_fields_were_written(tmp_path):
    source = _read(tmp_path, ("title: x\nlist:\n  - first\n  - text: second\n    icon: home\n"))
    assert source.positions == {
        (): (1, 1),
        ("title",): (1, 1),
        ("list",): (2, 1),
        ("list", 0): (3, 5),
        ("list", 1): (4, 5),
        ("list", 1, "text"): (4, 5),
        ("list", 1, "icon"): (5, 5),
    }


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            '1: a\n"1": b\n',
            ["2:1: error: ['1']: the field '1' is written twice: keep one of them"],
        ),
        (
            "? [a, b]\n: c\n",
            ["1:3: error: a field name is a list or a set of fields: write a name such as 'title'"],
        ),
        (
            "a:\n  : b\n",
            ["2:3: error: a: a field name is missing before ':': write a name such as 'title'"],
        ),
        (
            "a: &x 1\n",
            [
                "1:4: error: '&x' names a part of the file to repeat, and anchors "
                "and aliases (& and *) are not allowed: remove it"
            ],
        ),
        (
            "a: !foo x\n",
            [
                "1:4: error: tags such as '!foo' are not allowed: remove it "
                "(to make a value text, put it in quotes)"
            ],
        ),
        (
            "a: 'it''s'\nb: \"\\q\"\n",
            [
                "2:6: error: '\\q' is not a known escape in double "
                "quotes: write '\\\\' for a backslash, or use single "
                "quotes"
            ],
        ),
        (
            "a: b\n- c\n",
            [
                "2:1: error: the indentation is wrong here: fields of the same "
                "level must start in the same column"
            ],
        ),
        (
            "a: 'x' y\n",
            [
                "1:8: error: this text is not part of any field: check the "
                "indentation, or put the whole value in quotes"
            ],
        ),
        (
            "a: |x\n  b\n",
            [
                "1:5: error: after '|' or '>' the text starts on the next line, "
                "indented: move it there"
            ],
        ),
        (
            "a: |- x\n  b\n",
            [
                "1:7: error: after '|' or '>' the text starts on the next "
                "line, indented: move it there"
            ],
        ),
        (
            "a: [1, 2\n",
            ["1:4: error: a ',' between two items, or the ']' that closes this list, is missing"],
        ),
    ],
)
def test_yaml_problems(text, problems, tmp_path):
    assert _problems(tmp_path, text) == problems


def test_a_pipe_is_refused_at_once(tmp_path):
    # an endless pipe (or /dev/zero) was read up to the limit; a pipe with no
    # writer waited for ever. Only regular files are read now.
    fifo = tmp_path / "endless.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        read_source(fifo, max_bytes=100_000)
    assert str(caught.value) == (
        f"{fifo}:1:1: error: this is not a regular file (a device, pipe or socket)"
    )
    assert time.monotonic() - started < 5


def test_a_device_is_refused_before_a_byte_is_read():
    with pytest.raises(InputError) as caught:
        read_source(Path("/dev/zero"), max_bytes=4_000_000)
    assert "this is not a regular file" in str(caught.value)


def test_problem_lines_show_hidden_characters_as_escapes(tmp_path):
    with pytest.raises(InputError) as caught:
        read_source(_write(tmp_path, '{"a\\u001b[2J\\u202e\\nb": "\\ud800"}'))
    assert str(caught.value) == (
        f"{tmp_path}/x.json:1:2: error: ['a\\x1b[2J\\u202e\\nb']: '\\ud800' is "
        "only half of "
        "a character (a pair of \\u escapes makes one): write the character itself"
    )


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("title: x\narea: y\n", ["title", "area"]),
        # what read_source refuses is read here: anchors, aliases, tags, nesting
        (
            "base: &b\n  a: 1\nsite:\n  <<: *b\n  c: [1, {d: 2}]\nx: !!binary aGk=\n",
            ["base", "site", "x"],
        ),
        ('{"title": "x", "facts": [{"text": "y"}]}', ["title", "facts"]),
        ("- title\n- area\n", []),
        ("just text\n", []),
        ("", []),
        ("title: [x\n", None),  # not YAML at all
    ],
)
def test_field_names_read_leniently(tmp_path, text, names):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert field_names(path) == names


def test_field_names_of_a_file_too_big_or_not_utf8(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("title: x\n" * 10, encoding="utf-8")
    assert field_names(big, max_bytes=50) is None
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert field_names(latin) is None
