"""Every rule ``easyread check`` reports: its id, default severity and what it checks.

The sentence rules themselves are in ``rules.py``; ``reading-target`` and
``language`` are judged on the whole file (``verdict.py``).
"""

from __future__ import annotations

from ..findings import Rule

RULES = {
    rule.id: rule
    for rule in (
        Rule(
            "reading-target",
            "error",
            "The text meets its reading target",
            "The whole text must be within every limit of its reading target: the "
            "Flesch-Kincaid grade, the Flesch Reading Ease and the words a sentence.",
        ),
        Rule(
            "talk-to",
            "warning",
            "Children know who they can talk to",
            "A summary for children says who they can talk to about it (talk_to).",
        ),
        Rule(
            "language",
            "note",
            "The file is in a language easyread can score",
            "The readability formulas and word lists are English. A file in another "
            "language (declared, or detected) gets only the checks that hold in any "
            "language: sentence length, words a sentence, italics and underlining.",
        ),
        Rule(
            "sentence-too-long",
            "error",
            "Sentences are short",
            "A sentence over the target's longest sentence is an error; one over its "
            "warning length is a warning. Say one idea per sentence.",
        ),
        Rule(
            "hard-sentence",
            "note",
            "Sentences read at the target age",
            "3 of 4 readability formulas agree the sentence is well above the target grade.",
        ),
        Rule(
            "hard-word",
            "warning",
            "Hard words are explained",
            "A long word that children may not know is explained in the glossary "
            "(or a word list), or replaced by an easier word.",
        ),
        Rule(
            "plain-words",
            "warning",
            "Plain words",
            "The word has a plainer one children know.",
        ),
        Rule(
            "passive-voice",
            "warning",
            "Active voice",
            "Say who does what: 'the inspectors praised the hub', not 'the hub was praised'.",
        ),
        Rule(
            "numbers",
            "warning",
            "Numbers as digits; no percentages",
            "Write numbers as digits (3, not three); say '9 out of 20' or 'about half' "
            "instead of a percentage; avoid big numbers.",
        ),
        Rule(
            "abbreviations",
            "warning",
            "No abbreviations or acronyms",
            "Write the words out in full.",
        ),
        Rule("contractions", "warning", "No contractions", "Write 'cannot', not 'can't'."),
        Rule(
            "emphasis",
            "warning",
            "Bold for emphasis",
            "Use bold to stress a word, never capitals, italics or underlining.",
        ),
        Rule(
            "guessed-picture",
            "note",
            "Each guessed picture is told",
            "The point names no picture, so one was chosen from its words or its "
            "section; name one with icon: (easyread pictures lists them) to choose another.",
        ),
    )
}
