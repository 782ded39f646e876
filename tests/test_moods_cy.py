"""The mood rule in Welsh: a point of a ``language: cy`` document is read
with the Welsh rules (pictures/rules-cy.toml), and a guessed picture still
never says the opposite of its sentence.

Sentences written to tempt the rules (hapus, balch, diogel, help, cartref,
ffôn, poeni, ofn, perygl), many of them in a mutated form (yn ddiogel, yn
falch, gartref): problems under to_improve never get a `good` picture, good
things under going_well never a `worry` one. Needs a Welsh speaker's review,
as the rules file does.
"""

from __future__ import annotations

import re

from conftest import ROOT

from render import load
from render.model.document import Point
from render.page.drawings import draw_figures
from render.page.html import render_html
from render.page.layouts import find_layout

EASY_READ = find_layout("booklet")
WELSH = ROOT / "data" / "example-childrens-home-wales-cy.yaml"

PROBLEMS = [
    "Nid yw plant yn hapus yn y cartref.",
    "Nid oedd rhai plant yn falch o'u cartref.",
    "Nid yw staff bob amser yn helpu plant yn ddigon cyflym.",
    "Ni wnaeth neb ffonio'r teulu yn ôl.",
    "Mae'n cael ei alw'n gynllun diogelwch, ond roedd yn hwyr.",
    "Nid oedd plant yn mwynhau eu hamser gartref.",
    "Nid oedd rhai plant yn teimlo'n ddiogel gyda'u teulu.",
    "Nid yw'r cartref bob amser yn lle diogel.",
    "Nid oedd staff yn garedig wrth blant bob tro.",
    "Nid oedd neb yn ateb y ffôn, felly ni chafodd plant help.",
    "Nid oedd gan bob plentyn gynllun i'w gadw'n hapus ac yn ddiogel.",
    "Nid yw'r cartref wedi gwella digon.",
    "Nid oedd plant yn cael hwyl yn y ganolfan.",
    "Nid oedd gan bob plentyn ffrind i siarad ag ef.",
    "Roedd staff yn rhy araf yn helpu plant a gafodd eu brifo gartref.",
    "Nid oedd y plant yn cytuno â'u cynllun.",
    "Nid oedd y plant yn teimlo'n gryf nac yn hyderus.",
    "Nid yw'r cartref yn rhagorol eto.",
    "Dylai plant gael mwy o gariad a chwtsh gan eu gofalwyr.",
    "Nid oedd plant yn bodlon â'r help gawson nhw.",
]

GOOD_THINGS = [
    "Nid yw plant yn poeni am eu cartref mwyach.",
    "Mae staff yn helpu plant sy'n drist.",
    "Mae plant a oedd yn ofnus nawr yn teimlo'n ddiogel.",
    "Does dim perygl i blant yn y cartref.",
    "Mae staff yn stopio bwlio yn gyflym.",
    "Nid oes neb yn aros yn rhy hir am help.",
    "Mae plant a gafodd eu niweidio yn cael help yn gyflym.",
    "Mae plant sy'n crio yn cael cwtsh gan staff.",
    "Nid yw plant yn teimlo'n unig: mae ganddyn nhw ffrindiau.",
    "Mae staff yn gwrando ar blant sy'n grac neu'n ypset.",
    "Mae'r cartref wedi trwsio'r risg yn y gegin.",
    "Pan fydd plant yn ddryslyd, mae staff yn esbonio.",
    "Nid yw'r cartref yn gwaethygu: mae'n gwella.",
    "Mae plant sy'n anhapus yn gallu ffonio eu gweithiwr cymdeithasol.",
    "Mae staff yn helpu plant gyda'u pryderon.",
    "Nid oes angen i blant fod ag ofn yn y nos.",
    "Does neb yn anniogel yn y cartref hwn.",
    "Mae plant a oedd yn siomedig nawr yn falch.",
    "Mae staff yn siarad â phlant pan fyddan nhw'n poeni.",
    "Mae'r rheolwr yn trwsio pethau sy'n beryglus yn gyflym.",
]


def _pictures(html: str, section: str) -> list[str]:
    part = html[html.index(f'class="points points-{section}"') :]
    part = part[: part.index("</ul>")]
    return re.findall(r'data-picture="([a-z-]+)"', part)


def test_forty_tempting_welsh_sentences_get_no_picture_of_the_wrong_mood():
    assert len(PROBLEMS) == len(GOOD_THINGS) == 20
    document = load(WELSH)
    inspection = document.inspection.model_copy(
        update={
            "to_improve": tuple(Point(text=t) for t in PROBLEMS),
            "going_well": tuple(Point(text=t) for t in GOOD_THINGS),
        }
    )
    document = document.model_copy(update={"inspection": inspection})
    html = render_html(document, EASY_READ, draw_figures(document, EASY_READ))
    icons = EASY_READ.icons.for_language("cy")
    worse = _pictures(html, "better")
    better = _pictures(html, "good")
    assert worse == [icons.pick(t, "better") for t in PROBLEMS]  # the page uses the Welsh rules
    assert better == [icons.pick(t, "good") for t in GOOD_THINGS]
    wrong = [(t, p) for t, p in zip(PROBLEMS, worse, strict=True) if icons.mood(p) == "good"]
    wrong += [(t, p) for t, p in zip(GOOD_THINGS, better, strict=True) if icons.mood(p) == "worry"]
    assert wrong == []
    # the temptations are real: without the mood rule many would be wrong
    unruled_bad = [t for t in PROBLEMS if icons.mood(icons.pick(t)) == "good"]
    unruled_good = [t for t in GOOD_THINGS if icons.mood(icons.pick(t)) == "worry"]
    assert len(unruled_bad) >= 10, unruled_bad  # 11 of 20 when written
    assert len(unruled_good) >= 15, unruled_good  # 17 of 20


def test_the_welsh_sentences_get_only_a_section_picture_from_the_english_rules():
    """Why the Welsh rules are needed: the English rules find only the words
    Welsh shares with English (staff, help), and none of the feelings."""
    english = EASY_READ.icons
    found = {english.choose(t, "better").word for t in PROBLEMS + GOOD_THINGS}
    assert found == {"", "staff", "help", "helpu"}
    welsh = EASY_READ.icons.for_language("cy")
    assert all(welsh.choose(t, "better").word for t in PROBLEMS)
