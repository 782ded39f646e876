"""The sentence splitter on the cases textstat and naive splitters get wrong."""

from __future__ import annotations

import pytest

from render.readability.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Well done. The council is good. Thank you!",
            ["Well done.", "The council is good.", "Thank you!"],
        ),
        (
            "Dr. Patel met us at 7.30 pm. It was fine.",
            ["Dr. Patel met us at 7.30 pm.", "It was fine."],
        ),
        ("It cost £1.5m. That is a lot.", ["It cost £1.5m.", "That is a lot."]),
        (
            "Some places, e.g. schools, help. Others do not.",
            ["Some places, e.g. schools, help.", "Others do not."],
        ),
        (
            "See www.ofsted.gov.uk today. Then tell us.",
            ["See www.ofsted.gov.uk today.", "Then tell us."],
        ),
        ("In 2013. 15 children went.", ["In 2013.", "15 children went."]),
        (
            "No. 5 is ours. No. We do not want it.",
            ["No. 5 is ours.", "No.", "We do not want it."],
        ),
        ("We saw the sun. It was hot.", ["We saw the sun.", "It was hot."]),
        (
            "J. K. Rowling wrote it. Children read it.",
            ["J. K. Rowling wrote it.", "Children read it."],
        ),
        ('She said "Stop." Then she left.', ['She said "Stop."', "Then she left."]),
        ("Really?! Yes... Maybe.", ["Really?!", "Yes...", "Maybe."]),
        ("He asked why? and left.", ["He asked why? and left."]),
        ("Prices rose (a lot). Then fell.", ["Prices rose (a lot).", "Then fell."]),
        ("See section 3.2. Then stop.", ["See section 3.2.", "Then stop."]),
        ("A heading with no full stop", ["A heading with no full stop"]),
        ("  ...  ", []),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected
