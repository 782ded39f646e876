"""Issue 14: advice to split a long sentence leaves whole sentences.

Every suggested split on the texts in tests/fixtures/ (the 2013 Stockton
summary for children, and three real public texts: the GNU GPL 3 preamble,
the Apache 2.0 definitions, Creative Commons CC0 1.0, copied verbatim from
Debian's /usr/share/common-licenses as their licences allow) is checked
here with a test of its own, apart from the splitter's: each part has a
finite verb (by lemminflect's inflection tables) with a subject before it,
and starts like a sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lemminflect import getAllLemmas, getInflection

from render.readability.check import check_paths
from render.readability.scores import Names, make_words
from render.readability.splits import suggest_split
from render.settings import Settings

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
NOT_A_START = {
    "who", "whom", "whose", "which", "whether", "that", "where", "when", "while",
    "because", "although", "though", "if", "unless", "until", "to", "of", "and", "or",
    "including", "such", "like", "than", "as",
}  # fmt: skip
AUXILIARIES = {
    "is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did", "can",
    "could", "will", "would", "shall", "should", "may", "might", "must", "cannot",
}  # fmt: skip
PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "there", "this", "these", "those"}


def finite(word: str) -> bool:
    """Is ``word`` a finite verb form: an auxiliary, a past or a present form?"""
    if word in AUXILIARIES:
        return True
    for lemma in getAllLemmas(word).get("VERB", ()):
        for tag in ("VBD", "VBZ", "VBP"):
            if word in (getInflection(lemma, tag) or ()):
                return True
    return False


def is_sentence(part: str) -> bool:
    words = [w.strip("\"'“”‘’().,;:!?").lower() for w in part.split()]
    words = [w for w in words if w]
    if not words or words[0] in NOT_A_START or words[0].isdigit():
        return False
    for index, word in enumerate(words[1:], start=1):
        if finite(word):
            before = words[index - 1]
            noun = "NOUN" in getAllLemmas(before) or not getAllLemmas(before)
            if before in PRONOUNS or noun or before in ("all", "also", "often", "still"):
                return True
    return False


def splits(paths: list[Path]) -> list[tuple[str, tuple[str, ...]]]:
    run = check_paths(paths, Settings())
    assert not run.problems
    return [
        (f.text, f.parts)
        for report in run.reports
        for f in report.findings
        if f.rule == "sentence-too-long"
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_suggested_split_leaves_whole_sentences(path):
    found = splits([path])
    assert found, f"{path.name} has no long sentence: the test would check nothing"
    for sentence, parts in found:
        for part in parts:
            assert is_sentence(part), f"{part!r} (from {sentence!r}) is not a sentence"
        if parts:
            assert len(parts) >= 2
            words = " ".join(parts).split()
            assert len(words) >= len(sentence.split())  # nothing dropped but "and"


def test_real_texts_get_splits_at_all():
    """Not vacuous: on the real texts some long sentences get a split."""
    found = splits(FIXTURES)
    with_parts = [parts for _, parts in found if parts]
    assert len(found) == 64
    assert len(with_parts) >= 2


def split(text: str, limit: int = 12, names: tuple[str, ...] = ()):
    return suggest_split(make_words(text, Names.of(names)), text, limit, Names.of(names))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Social workers visit children at home every week, and they listen carefully "
            "to what the children say about school.",
            (
                "Social workers visit children at home every week.",
                "They listen carefully to what the children say about school.",
            ),
        ),
        (
            "The council opened a new hub for families in the town, which helps children "
            "get support quickly.",
            (
                "The council opened a new hub for families in the town.",
                "This helps children get support quickly.",
            ),
        ),
        (
            "Inspectors found that the staff worked well together in every team because "
            "the managers gave them good training and time.",
            (
                "Inspectors found that the staff worked well together in every team.",
                "This is because the managers gave them good training and time.",
            ),
        ),
    ],
)
def test_splits_make_sentences(text, parts):
    result = split(text)
    assert result.parts == parts
    assert result.advice.startswith(f"make it {len(parts)} sentences: ")


@pytest.mark.parametrize(
    "text",
    [
        # the fragments: a part that is a relative clause, or "whether..."
        "The council has social workers for the children and young people who live in "
        "their area and go to school there.",
        "This makes it difficult for the managers to check whether the things people are "
        "doing are making a big difference.",
        # inside a name: "...136 of the Education | and Inspections Act"
        "The inspection was carried out under section 136 of the Education and "
        "Inspections Act and looked at every service.",
        # inside fixed phrases
        "The council will help children as well as their parents and carers in every "
        "part of the town.",
        "The worker said that he or she would visit the family at home every week.",
    ],
)
def test_no_fragment_and_no_break_inside_a_name_or_phrase(text):
    result = split(text)
    assert all(is_sentence(part) for part in result.parts), result.parts
    joined = " | ".join(result.parts)
    for inside in ("Education. And", "Education.", "as well. As", "he. Or", "he.", "Who live"):
        assert inside not in joined


def test_no_break_names_the_part_to_make_a_sentence():
    text = (
        "This makes it difficult for the managers to check whether the things people are "
        "doing are making a big difference."
    )
    result = split(text)
    assert result.parts == ()
    assert result.advice.startswith(
        'make the part that starts "whether the things people are doing…" a sentence of '
        "its own, with its own subject and verb"
    )
