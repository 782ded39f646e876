"""Pictures: the shipped set, the keyword rule and its moods, named pictures, how they are drawn."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from conftest import INSPECTIONS, ROOT

from render import load
from render.errors import InputError, close_names
from render.page.icons import keyword_pattern, load_icons
from render.page.layouts import find_layout

ICONS = ROOT / "layouts" / "_base" / "pictures"
EASY_READ = find_layout("booklet")
IN_THE_BRIEF = [
    "family",
    "child",
    "house",
    "school",
    "social-worker",
    "police-officer",
    "doctor",
    "nurse",
    "meeting",
    "talking-head",
    "ear",
    "shield",
    "clipboard",
    "calendar",
    "hourglass",
    "thumbs-up",
    "wrench",
    "question-mark",
    "telephone",
    "lifebuoy",
    "smiling-face",
    "worried-face",
]


def test_the_openmoji_pictures_with_their_licence_moods_and_readme():
    names = sorted(p.stem for p in ICONS.glob("*.svg"))
    assert len(names) == 91
    assert set(IN_THE_BRIEF) <= set(names)
    assert "Attribution-ShareAlike 4.0" in (ICONS / "LICENSE").read_text(encoding="utf-8")
    readme = (ICONS / "README.md").read_text(encoding="utf-8")
    for needed in ("OpenMoji 17.0.0", "`openmoji`", "CC BY-SA 4.0", "What we changed"):
        assert needed in readme
    moods = tomllib.loads((ICONS / "pictures.toml").read_text(encoding="utf-8"))
    assert sorted(moods) == names
    assert {m["mood"] for m in moods.values()} == {"good", "worry", "neutral"}
    assert all(m["alt"] for m in moods.values())


def test_every_picture_has_a_mood_and_every_alias_a_picture():
    icons = EASY_READ.icons
    assert all(icons.mood(n) in ("good", "worry", "neutral") for n in icons.files)
    assert set(icons.aliases.values()) <= set(icons.files)
    assert icons.resolve("home") == "house"
    assert icons.resolve("family") == "family"


@pytest.mark.parametrize("icon", sorted(ICONS.glob("*.svg")), ids=lambda p: p.stem)
def test_every_picture_is_a_well_formed_square_svg(icon):
    root = ET.parse(icon).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = root.get("viewBox").split()
    assert width == height
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("script", "style", "image")]


# The keyword rule, sentence by sentence: (sentence, section, icon)
SENTENCES = [
    # issue 10, seen on the pages: telling the first contact team is a phone
    # call, not a talking head; "services" gives way to what they do
    (
        "Sometimes staff who work with children are very worried about a child. "
        "They tell the council's first contact team.",
        "good",
        "telephone",
    ),
    ("The first contact team listens well and gives good advice.", "good", "ear"),
    ("Lots of staff in different services work well together.", "good", "handshake"),
    ("Staff in all the services learn from each other.", "good", "books"),
    (
        "An inspection is a check. Inspectors look at how well a service works.",
        "about",
        "magnifying-glass",
    ),
    (
        "The council says it is writing a plan to make its services even better.",
        "next",
        "clipboard",
    ),
    ("Services here share a strong wish to deal with neglect.", "good", "office"),
    ("Inspectors praised the hub most for its video calls.", "good", "video-camera"),
    (
        "Police staff in Cleveland see a note about neglect on their screens.",
        "good",
        "police-officer",
    ),
    ("Your social worker. Talk to them when you next meet.", "talk", "social-worker"),
    ("Childline. Phone 0800 1111. It is free.", "talk", "telephone"),
    ("A teacher, carer or another adult you trust. Tell them you want to talk.", "talk", "teacher"),
    (
        "Important meetings nearly always happen on time. Social workers take part.",
        "good",
        "meeting",
    ),
    ("Far too few children went to their child protection conference.", "better", "meeting"),
    ("So the hub was slow to look at a few children's cases.", "better", "hourglass"),
    (
        "The referral and assessment team acts fast when a child may be very unsafe.",
        "good",
        "child",  # "unsafe" is a worry picture, "fast" picks nothing
    ),
    ("Staff quickly decide the right thing for most of these children.", "good", "signpost"),
    ("The first contact team is good at listening.", "good", "ear"),
    ("Staff learn together, so their work keeps getting better.", "good", "books"),
    ("Many staff work well together to give families early help.", "good", "handshake"),
    ("Inspectors talked to parents. All of them knew why they got help.", "good", "family"),
    ("The full report came out on 15 February 2013.", "next", "report"),
    (
        "Inspectors from Ofsted did this check. They told the council's director.",
        "about",
        "magnifying-glass",
    ),
    ("The people in charge at the council have not put it into a plan.", "better", "manager"),
    ("The plan needs targets.", "better", "target"),
    ("The council will now write a plan.", "next", "clipboard"),
    ("Keeping children and young people safe and well matters most to us.", "said", "shield"),
    ("We are pleased the inspectors saw our progress.", "said", "smiling-face"),
    ("But we will not stop trying to do better.", "said", "chart-up"),
    ("School staff in charge of keeping children safe got training.", "good", "school"),
    # "May" the month has a capital; "may" the verb is not a date
    ("It happened in May.", "next", "calendar"),
    ("Children who may need help.", "good", "lifebuoy"),
    # nothing matches: the section's icon, then the neutral one
    ("Everything went well.", "good", "thumbs-up"),
    ("Everything went well.", "better", "wrench"),
    ("Everything went well.", "", "dot"),
]


@pytest.mark.parametrize(("sentence", "section", "icon"), SENTENCES)
def test_keyword_rule_picks_the_expected_icon(sentence, section, icon):
    assert EASY_READ.icons.pick(sentence, section) == icon


@pytest.mark.parametrize(
    ("keyword", "text", "matches"),
    [
        ("meeting", "Two meetings a week", True),
        ("meeting", "They meet weekly", False),
        ("listen*", "She listened well", True),
        ("listen*", "A good listener", True),
        ("work* together", "Services working   together", True),
        ("work* together", "They work hard together", False),
        ("safe", "The child was unsafe", False),
        ("May", "in May 2017", True),
        ("May", "children who may need help", False),
        ("council", "the council's plan", True),
        ("child", "children", False),
    ],
)
def test_keyword_pattern(keyword, text, matches):
    assert bool(re.search(keyword_pattern(keyword), text)) is matches


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("famly", ["family"]),
        ("worker", ["social-worker"]),
        ("thumbs", ["thumbs-up", "thumbs-down"]),
        ("zebra", []),
    ],
)
def test_close_names(name, expected):
    assert close_names(name, EASY_READ.icons.names) == expected


VALID = (ROOT / "data" / "stockton-2018-jtai.yaml").read_text(encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        ("famly", "there is no icon 'famly'; close names: family"),
        ("zebra", "there is no icon 'zebra'; the icons are: " + ", ".join(EASY_READ.icons.names)),
    ],
)
def test_a_named_icon_must_exist(tmp_path, icon, message):
    old = "  - who: Childline\n"
    assert old in VALID
    text = VALID.replace(old, f"  - icon: {icon}\n    who: Childline\n", 1)
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    line = _line_of(text, f"icon: {icon}")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}:5: error: talk_to[2].icon: {message}"
    ]


def test_a_named_icon_wins_over_the_rule(tmp_path):
    from render.page.drawings import draw_figures
    from render.page.html import render_html

    old = "  - who: Childline\n"
    path = tmp_path / "in.yaml"
    path.write_text(VALID.replace(old, "  - icon: help\n    who: Childline\n", 1), "utf-8")
    document = load(path)
    html = render_html(document, EASY_READ, draw_figures(document, EASY_READ))
    talk = html[html.index('id="talk"') : html.index('id="report"')]
    assert re.findall(r'class="pic pic-([a-z-]+)"', talk) == [
        "social-worker",
        "teacher",
        "lifebuoy",
    ]


def test_a_layout_can_replace_an_icon_and_its_rules(tmp_path):
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "home.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" '
        'height="4"/></svg>',
        encoding="utf-8",
    )
    (tmp_path / "pictures" / "rules.toml").write_text(
        'neutral = "home"\n[[rules]]\nicon = "home"\nkeywords = ["house"]\n', "utf-8"
    )
    icons = load_icons([tmp_path, *EASY_READ.search_path[1:]])
    assert icons.files["home"] == tmp_path / "pictures" / "home.svg"
    assert icons.files["telephone"] == ICONS / "telephone.svg"
    assert icons.pick("A phone call") == "home"  # only the layout's own rules apply
    assert icons.pick("A big house") == "home"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            'neutral = "dot"\n[[rules]]\nicon = "hous"\nkeywords = ["house"]\n',
            "rules[0].icon: there is no icon 'hous' (close names: house)",
        ),
        (
            'neutral = "dot"\n[[rules]]\nicon = "home"\nkeywords = []\n',
            "rules[0]: 'keywords' must be a list of words",
        ),
        ('neutral = "nothing"\n', "neutral: there is no icon 'nothing'"),
        (
            'neutral = "dot"\n[sections]\ngood = "thumb-up"\n',
            "sections.good: there is no icon 'thumb-up' (close names: thumbs-up, thumbs-down)",
        ),
        ("neutral = \n", "this is not valid TOML: Invalid value"),
    ],
)
def test_a_bad_keywords_file_is_an_input_error(tmp_path, rules, message):
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "rules.toml").write_text(rules, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_icons([tmp_path, *EASY_READ.search_path[1:]])
    assert [p.message for p in caught.value.problems] == [message]


# --- in the built pages ------------------------------------------------------------

pages = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)


def _html(built: Path, source: Path) -> str:
    return (built / f"{source.stem}.html").read_text(encoding="utf-8")


@pages
def test_every_point_has_a_decorative_icon_with_a_css_picture(built, source):
    html = _html(built, source)
    points = re.findall(r'<li class="point">\s*(<[^>]+>)', html)
    inspection = load(source).inspection
    expected = sum(
        len(points)
        for points in (
            inspection.about,
            inspection.going_well,
            inspection.to_improve,
            inspection.facts,
            inspection.next_steps,
            inspection.reply.said if inspection.reply else (),
            inspection.talk_to,
        )
    )
    assert len(points) == expected
    styled = set(re.findall(r"\.pic-([a-z-]+) \{ background-image: url\(\"data:image/svg", html))
    for tag in points:
        name = re.fullmatch(
            r'<span class="pic pic-([a-z-]+)" data-picture="\1" aria-hidden="true">', tag
        )
        assert name, tag
        assert name[1] in styled


@pages
def test_the_page_loads_nothing_from_outside(built, source):
    html = _html(built, source)
    urls = re.findall(r'(?:src|href)="([^"#][^"]*)"|url\(["\']?([^"\')]+)', html)
    outside = [u for pair in urls for u in pair if u and not u.startswith("data:")]
    inspection = load(source).inspection
    report = [str(inspection.full_report.url)] if inspection.full_report else []
    other_languages = [Path(t.file).stem + ".html" for t in inspection.translations]
    # each other language: a <link rel="alternate"> and a link for the reader
    assert sorted(outside) == sorted(report + 2 * other_languages)


@pages
def test_icons_are_not_figures_in_the_pdf(built, source):
    """Only the drawings are Figures, each with its /Alt; icons stay untagged."""
    html = _html(built, source)
    alts = re.findall(r'<img [^>]*alt="([^"]+)"', html)
    with pikepdf.open(built / f"{source.stem}.pdf") as pdf:
        figures = [
            str(node.get("/Alt"))
            for node in _structure(pdf.Root.StructTreeRoot)
            if node.get("/S") == "/Figure"
        ]
    import html as html_module

    assert figures == [html_module.unescape(a) for a in alts]
    assert "data-picture=" in html  # there are icons, and none of them is a Figure


def _structure(node):
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid)
