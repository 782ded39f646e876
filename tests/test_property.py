"""Any document, however broken, loads into a valid model or an InputError.

Hypothesis writes YAML text (from YAML's own punctuation, so it reaches deep
into the parser), arbitrary data structures, and copies of good.json with
one part replaced, removed or added; each is loaded from a file. Nothing but
``InputError`` may come out, and every problem line must be in the project's
format and in its own words (none of pydantic's English).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from render.errors import InputError
from render.page.drawings import draw_figures
from render.page.html import render_html
from render.page.layouts import find_layout
from render.pipeline import load

GOOD = json.loads((Path(__file__).resolve().parent / "good.json").read_text())
LINE = re.compile(r"^.+:\d+:\d+: error: \S.*$")
NOT_OURS = (
    "Input should",
    "Value error",
    "Field required",
    "Extra inputs",
    "validation error",
    "this value is not right here",
    "Traceback",
)
SETTINGS = settings(
    max_examples=int(os.environ.get("EASYREAD_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

FIELDS = [
    "title",
    "area",
    "kind",
    "framework",
    "inspectorates",
    "visit",
    "start",
    "end",
    "published",
    "audience",
    "min_age",
    "max_age",
    "who",
    "about",
    "judgement",
    "what",
    "overall",
    "parts",
    "grade",
    "going_well",
    "to_improve",
    "facts",
    "text",
    "count",
    "out_of",
    "icon",
    "next_steps",
    "reply",
    "said",
    "full_report",
    "url",
    "talk_to",
    "how",
    "glossary",
    "word",
    "meaning",
    "pictures",
    "file",
    "alt",
    "language",
    "target",
    "name",
    "about",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "2013-02-15",
            "2013-02-30",
            "ilacs",
            "good",
            "Good",
            "x" * 1001,
            "https://example.com/",
            "javascript:alert(1)",
            "**bold**",
            "*it*",
            "<b>",
            "&amp;",
            "{{ 7*7 }}",
            "\u0000",
            "\ud83d",
            "   ",
            "",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=6),
    ),
    max_leaves=30,
)
yaml_pieces = st.sampled_from(
    [
        "title",
        "area",
        "going_well",
        "visit",
        "start",
        "x",
        "2013-02-15",
        "yes",
        "~",
        ":",
        ": ",
        "- ",
        "\n",
        "\n  ",
        "\n    ",
        "\t",
        " ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "'",
        '"',
        "&a ",
        "*a",
        "!!str ",
        "!foo ",
        "<<: ",
        "? ",
        "|",
        ">",
        "#",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "\\u0041",
        "\\",
        "@",
        "`",
        "\u00e9",
        "\ufeff",
        "\x07",
        "\U0001f600",
    ]
)
yaml_texts = st.one_of(
    st.lists(yaml_pieces, max_size=40).map("".join),
    st.text(max_size=200),
)


def paths(value, prefix=()):
    """Every field path in ``value``."""
    yield prefix
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        yield from paths(inner, (*prefix, key))


GOOD_PATHS = list(paths(GOOD))[1:]


@st.composite
def broken_copies(draw):
    """good.json with one part replaced, removed, or with a field added."""
    data = json.loads(json.dumps(GOOD))
    path = draw(st.sampled_from(GOOD_PATHS))
    *parents, last = path
    holder = data
    for part in parents:
        holder = holder[part]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace":
        holder[last] = draw(documents)
    elif action == "remove":
        del holder[last]
    elif isinstance(holder, dict):
        holder[draw(st.sampled_from(FIELDS))] = draw(documents)
    else:
        holder.append(draw(documents))
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("property")


def _check(path: Path) -> None:
    """``path`` gives a model (which renders) or an InputError in our own words."""
    try:
        document = load(path)
    except InputError as exc:
        lines = str(exc).splitlines()
        assert lines
        for line in lines:
            assert LINE.match(line), line
            assert not any(phrase in line for phrase in NOT_OURS), line
        return
    layout = find_layout("booklet")
    html = render_html(document, layout, draw_figures(document, layout))
    assert html.startswith("<!DOCTYPE html>")


@SETTINGS
@given(text=yaml_texts)
def test_any_yaml_text(folder, text):
    path = folder / "text.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _check(path)


@SETTINGS
@given(data=documents, as_json=st.booleans())
def test_any_data(folder, data, as_json):
    path = folder / ("data.json" if as_json else "data.yaml")
    path.write_bytes(_dump(data, as_json))
    _check(path)


@SETTINGS
@given(data=broken_copies(), as_json=st.booleans())
def test_good_json_broken_in_one_place(folder, data, as_json):
    path = folder / ("copy.json" if as_json else "copy.yaml")
    path.write_bytes(_dump(data, as_json))
    _check(path)


def _dump(data, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    from io import StringIO

    from ruamel.yaml import YAML

    out = StringIO()
    YAML(typ="safe", pure=True).dump(data, out)
    return out.getvalue().encode("utf-8", "surrogatepass")
