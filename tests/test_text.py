"""The writer's markup: what is refused, what is shown as written, what is bold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from render import build
from render.model.markup import markup_problems, to_html
from render.page.layouts import find_layout, make_environment

GOOD = Path(__file__).resolve().parent / "good.yaml"
HTML_WORDS = (
    "looks like HTML, which is not used here: write plain text (and **word** "
    "to make a hard word bold)"
)
ITALICS = (
    "looks like italics, which easy read does not use: use **word** for a hard "
    "word, or remove the *"
)
UNDERLINE = (
    "looks like underlining, which easy read does not use: use **word** for a "
    "hard word, or remove the _"
)
LINK = (
    "is a Markdown link, which is not used here: write the words, and the web address as plain text"
)


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        # refused, with what to do
        ("Some *far* too long", [f"'*far*' {ITALICS}"]),
        ("***very*** long", [f"'***very***' {ITALICS}"]),
        ("Some _far_ too long", [f"'_far_' {UNDERLINE}"]),
        ("Some __far__ too long", [f"'__far__' {UNDERLINE}"]),
        ("A <b>bold</b> word", [f"'<b>' {HTML_WORDS}"]),
        ("<script>alert(1)</script>", [f"'<script>' {HTML_WORDS}"]),
        ("ends </style>", [f"'</style>' {HTML_WORDS}"]),
        (
            "an <img src=x onerror=alert(1)>",
            [f"'<img src=x onerror=alert(1)>' {HTML_WORDS}"],
        ),
        ("a <!-- comment -->", [f"'<!-- comment -->' {HTML_WORDS}"]),
        ("**<i>both</i>**", [f"'<i>' {HTML_WORDS}"]),
        ("Tom &amp; Jerry", ["'&amp;' is an HTML code: write '&' instead"]),
        ("a&nbsp;b", ["'&nbsp;' is an HTML code: write a plain space instead"]),
        ("&#60;b&#62;", ["'&#60;' is an HTML code: write '<' instead"]),
        (
            "the [report](https://x.example/)",
            [f"'[report](https://x.example/)' {LINK}"],
        ),
        ("![a picture](x.png)", [f"'![a picture](x.png)' {LINK}"]),
        (
            "a **word never closed",
            ["a '**' is never closed: write **word** with ** on both sides, or remove it"],
        ),
        (
            "a bell\x07",
            ["this text has a hidden control character (U+0007): remove it"],
        ),
        ("*x* and <b>", [f"'<b>' {HTML_WORDS}", f"'*x*' {ITALICS}"]),
        # shown exactly as written
        ("A **hard word** here", []),
        ("{{ 7*7 }} and {% if x %}", []),
        ("javascript:alert(1)", []),
        ('" onload="alert(1)', []),
        ("age < 5, I <3 you, 5 > 4", []),
        ("AT&T and &copy without a semicolon", []),
        ("5 * 3 * 2 = 30", []),
        ("first_contact_team", []),
        ("a tab\tand a new\nline", []),
    ],
)
def test_markup_problems(text, problems):
    assert markup_problems(text) == problems


def test_bold_where_it_is_not_used():
    assert markup_problems("A **hard** title", bold=False) == [
        "**bold** is only for hard words in sentences, not in this field: remove the **"
    ]


@pytest.mark.parametrize(
    ("text", "words", "html"),
    [
        ("A **hard word** here", (), "A <strong>hard word</strong> here"),
        ("<script>alert(1)</script>", (), "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('" onload="x', (), "&#34; onload=&#34;x"),
        ("**<b>**", (), "<strong>&lt;b&gt;</strong>"),
        ("The council & <3", ("council",), "The <strong>council</strong> &amp; &lt;3"),
        ("{{ 7*7 }}", (), "{{ 7*7 }}"),
    ],
)
def test_to_html_escapes_everything_but_bold(text, words, html):
    assert str(to_html(text, words)) == html


def test_templates_escape_what_they_show():
    env = make_environment(find_layout("booklet"))
    template = env.from_string('<p title="{{ x }}">{{ x }}</p>')
    assert template.render(x='"><script>') == (
        '<p title="&#34;&gt;&lt;script&gt;">&#34;&gt;&lt;script&gt;</p>'
    )


def test_every_field_that_allows_bold_shows_it_bold(tmp_path):
    # MarkedSentence fields allow **bold**: the layout must show each one bold
    data = YAML(typ="safe").load(GOOD)
    marked = {
        "audience.who": "This is for **audience** readers.",
        "judgement.what": "How well the **judgement** went.",
        "going_well": "A **point** here.",
        "facts": "A **fact** here.",
        "reply.who": "The **reply** person.",
        "reply.said": "We **said** this.",
        "talk_to.how": "Phone **contact** now.",
    }
    data["audience"]["who"] = marked["audience.who"]
    data["judgement"]["what"] = marked["judgement.what"]
    data["going_well"].append(marked["going_well"])
    data["facts"][0]["text"] = marked["facts"]
    data["reply"] = {"who": marked["reply.who"], "said": [marked["reply.said"]]}
    data["talk_to"][0]["how"] = marked["talk_to.how"]
    source = tmp_path / "bold.json"
    source.write_text(json.dumps(data, default=str))
    [result] = build([source], tmp_path, formats=("html",))
    assert result.ok, str(result.error)
    html = (tmp_path / "bold.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1]
    for text in marked.values():
        word = text.split("**")[1]
        assert f"<strong>{word}</strong>" in body
    assert "**" not in html
    assert 'summary for This is for audience readers.">' in html
