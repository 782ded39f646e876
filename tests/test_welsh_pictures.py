"""The Welsh picture rules: the mutation function, the keywords in their
mutated forms, the rules file's checks, and the notes on Welsh guesses."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from render import load
from render.cli import main
from render.errors import InputError
from render.page.icons import load_icons
from render.page.layouts import find_layout
from render.page.mutations import mutate, mutated_forms

EASY_READ = find_layout("booklet")
WELSH = EASY_READ.icons.for_language("cy")
SAMPLE = ROOT / "data" / "example-childrens-home-wales-cy.yaml"


@pytest.mark.parametrize(
    ("word", "soft", "nasal", "aspirate"),
    [
        ("plant", "blant", "mhlant", "phlant"),
        ("cartref", "gartref", "nghartref", "chartref"),
        ("teulu", "deulu", "nheulu", "theulu"),
        ("bachgen", "fachgen", "machgen", "bachgen"),
        ("dydd", "ddydd", "nydd", "dydd"),
        ("gwely", "wely", "ngwely", "gwely"),
        ("mam", "fam", "mam", "mam"),
        ("llys", "lys", "llys", "llys"),
        ("rhiant", "riant", "rhiant", "rhiant"),
        # a letter of two never mutates as its first letter alone
        ("chwarae", "chwarae", "chwarae", "chwarae"),
        ("ffôn", "ffôn", "ffôn", "ffôn"),
        ("theatr", "theatr", "theatr", "theatr"),
        ("siarad", "siarad", "siarad", "siarad"),
        # a capital stays; an abbreviation never changes
        ("Cymru", "Gymru", "Nghymru", "Chymru"),
        ("Gwynedd", "Wynedd", "Ngwynedd", "Gwynedd"),
        ("AGC", "AGC", "AGC", "AGC"),
    ],
)
def test_the_three_mutations(word, soft, nasal, aspirate):
    assert (mutate(word, "soft"), mutate(word, "nasal"), mutate(word, "aspirate")) == (
        soft,
        nasal,
        aspirate,
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ysgol", "hysgol"), ("arolygwyr", "harolygwyr"), ("wythnos", "hwythnos"), ("plant", "plant")],
)
def test_a_vowel_takes_an_h_after_her_our_their(word, expected):
    assert mutate(word, "h") == expected


def test_every_form_once_radical_first():
    assert mutated_forms("plant") == ["plant", "blant", "mhlant", "phlant"]
    assert mutated_forms("gwely") == ["gwely", "wely", "ngwely"]
    assert mutated_forms("staff") == ["staff"]
    assert mutated_forms("plant", ["soft"]) == ["plant", "blant"]
    with pytest.raises(ValueError, match="no Welsh mutation 'lenition'"):
        mutate("plant", "lenition")


@pytest.mark.parametrize(
    ("sentence", "section", "icon"),
    [
        # the radical and each mutation of the same keyword
        ("Mae plant yn chwarae.", "about", "teddy-bear"),
        ("Buon nhw'n siarad â phlant.", "about", "talking-head"),
        ("Mae hwn ar gyfer fy mhlant i.", "about", "child"),
        ("Aeth hi i'w gartref.", "about", "house"),
        ("Roedd yn ei nghartref hi.", "about", "house"),
        ("Mae'n byw gyda'i theulu.", "about", "family"),
        ("Mae'n byw gyda'i deulu.", "about", "family"),
        ("Buon nhw'n siarad â'i theulu.", "about", "family"),  # family is above talking
        ("Ymunodd â'i hysgol newydd.", "about", "school"),
        ("Mae'r plant yn teimlo'n ddiogel.", "good", "shield"),
        ("Daeth yr arolygwyr am 2 ddiwrnod.", "about", "magnifying-glass"),
        ("Bydd yr arolygiad nesaf ymhen 5 mlynedd.", "next", "magnifying-glass"),
        ("Roedd y cartref ar agor am 2 flynedd.", "about", "house"),
        ("Bu'r plant yno am 2 flynedd.", "about", "calendar"),
        ("Ffoniwch Childline.", "talk", "telephone"),
        ("Mae plant yn teimlo’n unig.", "better", "lonely-face"),  # a curly apostrophe
        # a form the rules file leaves out: deg is ten, not teg (fair)
        ("Mae deg o blant yn byw yma.", "about", "child"),
        ("Roedd hyn yn deg i bob plentyn.", "good", "balance-scale"),
        ("Mae'r waliau'n wyn ac yn lân.", "good", "thumbs-up"),  # gwyn is white, not a complaint
        # cyngor alone is the council; advice is help
        ("Mae'r cyngor yn gwneud cynllun.", "next", "clipboard"),
        ("Mae'r cyngor yn agor canolfan.", "next", "council"),
        ("Mae staff yn rhoi cyngor da.", "good", "lifebuoy"),
        # words left out: aros is also stay, galw also "called"
        ("Mae 4 o blant yn aros yma.", "about", "child"),
        ("Mae'n cael ei alw'n gartref bach.", "about", "house"),
        # nothing matches: the section's picture, as in English
        ("Aeth popeth yn iawn.", "good", "thumbs-up"),
        ("Aeth popeth yn iawn.", "better", "wrench"),
    ],
)
def test_welsh_keywords_in_their_mutated_forms(sentence, section, icon):
    assert WELSH.pick(sentence, section) == icon


def test_the_language_tag_chooses_the_rules():
    icons = EASY_READ.icons
    assert icons.for_language("cy-GB").rules == icons.for_language("CY").rules == WELSH.rules
    assert icons.for_language("en-GB") is icons
    assert icons.for_language("fr") is icons  # no French rules: the default ones
    assert icons.pick("Mae plant yn hapus gartref.", "good") == "thumbs-up"
    assert WELSH.pick("Mae plant yn hapus gartref.", "good") == "smiling-face"
    # a Welsh plural is written out: no English "s" ending
    assert WELSH.pick("Mae'r panels yn dda.", "about") == "dot"


def test_every_welsh_rule_names_a_picture_with_a_mood():
    assert {r.icon for r in WELSH.rules} <= set(EASY_READ.icons.files)
    english = {r.icon for r in EASY_READ.icons.rules}
    assert {r.icon for r in WELSH.rules} == english  # the same pictures, in Welsh


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            'mutations = ["soft"]\nnot_forms = ["dent"]\n[[rules]]\nicon = "child"\n'
            'keywords = ["plant"]\n',
            "not_forms: no keyword makes 'dent'",
        ),
        (
            'mutations = ["lenition"]\n[[rules]]\nicon = "child"\nkeywords = ["plant"]\n',
            "mutations: no Welsh mutation 'lenition': the mutations are soft, nasal, aspirate, h",
        ),
        ('plurals = "s"\n', "plurals: must be a list of words"),
        (
            '[[rules]]\nicon = "chld"\nkeywords = ["plant"]\n',
            "rules[0].icon: there is no icon 'chld' (close names: child)",
        ),
    ],
)
def test_a_bad_language_rules_file_is_an_input_error(tmp_path, rules, message):
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "rules-cy.toml").write_text(rules, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_icons([tmp_path, *EASY_READ.search_path[1:]])
    assert [p.message for p in caught.value.problems] == [message]


def test_a_layout_can_replace_the_welsh_rules(tmp_path):
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "rules-cy.toml").write_text(
        'mutations = ["soft"]\n[[rules]]\nicon = "teddy-bear"\nkeywords = ["plant"]\n', "utf-8"
    )
    icons = load_icons([tmp_path, *EASY_READ.search_path[1:]]).for_language("cy")
    assert icons.pick("i blant") == "teddy-bear"
    assert icons.pick("fy mhlant") == "dot"  # only the soft mutation was asked for


def _notes(output: str) -> list[str]:
    return [
        line.removesuffix(" [guessed-picture]").split(": note: ")[1]
        for line in output.splitlines()
        if ": note: " in line and "picture '" in line
    ]


def test_the_welsh_sample_names_no_picture_and_its_guesses_are_the_english_pages(tmp_path):
    """Each point of the Welsh sample gets, by a Welsh word, the picture the
    English page gets by an English one."""
    welsh = load(SAMPLE).inspection
    assert not [p for p in (*welsh.about, *welsh.going_well, *welsh.to_improve) if p.icon]
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(SAMPLE), "--color", "never"])
    english = runner.invoke(
        main,
        ["check", str(SAMPLE.with_name("example-childrens-home-wales.yaml")), "--color", "never"],
    )
    assert checked.exit_code == 0, checked.output
    notes = _notes(checked.output)
    tail = "; name one with icon: to choose another"
    assert "to_improve[0]: picture 'books' chosen for the word 'hyfforddiant'" + tail in notes
    assert "about[1]: picture 'talking-head' chosen for the word 'siarad'" + tail in notes

    def pictures(found: list[str]) -> list[str]:
        return [n.split(" chosen")[0] for n in found]

    assert len(notes) == 9
    assert pictures(notes) == pictures(_notes(english.output))
    built = runner.invoke(
        main, ["build", str(SAMPLE), "--out", str(tmp_path / "out"), "-f", "html"]
    )
    assert built.exit_code == 0, built.output
    assert _notes(built.output) == notes
    html = (tmp_path / "out" / f"{SAMPLE.stem}.html").read_text(encoding="utf-8")
    assert 'data-picture="books"' in html


def test_a_welsh_note_names_the_mutated_word(tmp_path: Path):
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "Mae plant yn teimlo'n ddiogel yn y cartref.",
        "Mae staff yn gwrando ar blant sy'n poeni.",
    )
    path = tmp_path / "example-x-cy.yaml"
    path.write_text(text, encoding="utf-8")
    # its translation is looked up beside it
    shutil.copy(SAMPLE.with_name("example-childrens-home-wales.yaml"), tmp_path)
    out = CliRunner().invoke(main, ["check", str(path), "--color", "never"]).output
    assert (
        "going_well[0]: picture 'ear' chosen for the word 'gwrando'; name one with icon: "
        "to choose another" in _notes(out)
    )


def test_the_catalogue_lists_the_welsh_keywords(tmp_path, browser):
    from render.audit.html import check_html

    listed = CliRunner().invoke(main, ["pictures", "--language", "cy", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    by_name = {p["name"]: p["keywords"] for p in json.loads(listed.output)}
    assert "plant" in by_name["child"]
    assert "children" not in by_name["child"]
    out = tmp_path / "lluniau.html"
    assert (
        CliRunner().invoke(main, ["pictures", "--language", "cy", "--out", str(out)]).exit_code == 0
    )
    html = out.read_text(encoding="utf-8")
    card = re.search(r'data-picture="child".*?</li>', html).group(0)
    assert '<dd lang="cy">plentyn, plant, person ifanc' in card
    findings, _, _ = check_html(browser, out)
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity != "note"] == []
