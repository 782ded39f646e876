"""Untrusted text stays text: in the HTML, in the PDF, and the PDF is still PDF/UA.

The strings here are the ones validation accepts (text.py refuses HTML tags,
HTML codes, Markdown and the like with a clear message; see test_text.py):
Jinja and other template syntax, javascript: URLs, quotes that would end an
attribute, a lone '<' and '&'. Each must appear exactly as written and never
be evaluated.
"""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import page
import pytest
from conftest import require_tool
from ruamel.yaml import YAML

from render import build

GOOD = Path(__file__).resolve().parent / "good.yaml"
TITLE = 'Inspection {{ 7*7 }} " onload="alert(1)'
KIND = 'A check " onmouseover="alert(2) of {% raw %}services'
AREA = "Riverside </ not a tag {{ area }} age<5"
HOSTILE = [
    "{{ 7*7 }} and {{ config.items() }}",
    "{% include '/etc/passwd' %} and {# a comment #}",
    "${7*7} and #{7*7} and <%= 7*7 %>",
    "javascript:alert(1) is not a link",
    '" onload="alert(1)" data-x="',
    "' onfocus='alert(2)' autofocus='",
    "a < b & c > d, and I <3 my carer",
    "AT&T &copy 2019 &amp no semicolons",
    "--> ]]> \\ ` and </ not a tag",
]


class _Page(HTMLParser):
    """The elements, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.title = ""
        self._in = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs
        self._in = tag

    def handle_endtag(self, tag):
        self._in = ""

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        if self._in not in {"style", "title"}:
            self.text.append(data)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """good.yaml with hostile strings in fields of every kind, built to HTML and PDF."""
    folder = tmp_path_factory.mktemp("hostile")
    data = YAML(typ="safe").load(GOOD)
    data.update(
        title=TITLE,
        kind=KIND,
        area=AREA,
        going_well=HOSTILE,
        talk_to=[{"who": "javascript:alert(3) </ x", "how": "Call {{ 7*7 }} now."}],
        glossary=[{"word": "{{ x }}", "meaning": "' onmouseover='alert(4) </ y"}],
    )
    data["going_well"].append("This uses {{ x }} once.")
    data["inspectorates"][0]["name"] = '"> onerror=alert(5) </ z'

    for key in ("visit", "published"):
        data[key] = json.loads(json.dumps(data[key], default=str))
    source = folder / "hostile.json"
    source.write_text(json.dumps(data, indent=2), encoding="utf-8")
    [result] = build([source], folder)
    assert result.ok, str(result.error)
    return folder


def test_hostile_strings_are_text_in_the_html(hostile):
    html = (hostile / "hostile.html").read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(html)
    text = _flat(" ".join(parsed.text))
    for string in [
        *HOSTILE,
        AREA,
        "javascript:alert(3) </ x",
        "{{ x }}",
        "' onmouseover='alert(4) </ y",
        '"> onerror=alert(5) </ z',
    ]:
        assert _flat(string) in text
    assert parsed.title == TITLE
    assert "49" not in text
    assert "script" not in parsed.tags
    assert [name for name, _ in parsed.attributes if name.startswith("on")] == []
    assert (
        "content",
        f"{KIND}: an easy-read summary for "
        "This is for children and young people who get help from the council.",
    ) in parsed.attributes
    assert parsed.tags.count("style") == 1


def test_hostile_strings_are_text_in_the_pdf(hostile):
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(hostile / "hostile.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = _flat(text)
    for string in [*HOSTILE, TITLE, AREA, "javascript:alert(3) </ x"]:
        assert _flat(string) in text
    assert "49" not in text


def test_the_hostile_pdf_is_still_pdf_ua(hostile):
    report = page.validate_pdf(hostile / "hostile.pdf", profile=page.ValidationProfile.PDF_UA_1)
    assert [(f.rule_id, f.message) for f in report.failures] == []
    assert report.is_compliant
    assert report.rules.total >= 100
