"""Words, counts and the readability formulas, from our own counts.

textstat's formulas take raw text and count sentences themselves, dropping
every sentence of one or two words; easy-read text is full of those. So
sentences are split by ``sentences.py``, words and syllables are counted
here, and each formula is computed from these ``Counts``:

=================  ==========================================================
Flesch Reading     206.835 - 1.015 * words/sentence - 84.6 * syllables/word
Ease
Flesch-Kincaid     0.39 * words/sentence + 11.8 * syllables/word - 15.59
grade
Spache (revised)   0.121 * words/sentence + 0.082 * % unique unfamiliar
                   words + 0.659
Dale-Chall         0.1579 * % unfamiliar words + 0.0496 * words/sentence,
                   + 3.6365 when more than 5 % of words are unfamiliar
SMOG               1.043 * sqrt(30 * words of 3+ syllables / sentences)
                   + 3.1291
Coleman-Liau       0.0588 * letters per 100 words - 0.296 * sentences
                   per 100 words - 15.8
ARI                4.71 * letters/word + 0.5 * words/sentence - 21.43
=================  ==========================================================

"Unfamiliar" means not on the Dale-Chall list of 3,000 familiar words
(the copy textstat ships), with the formula's own rules: regular plurals,
verb endings and comparatives of a familiar word are familiar, and so are
numbers and names. Spache uses the same list, as textstat does; its own
list of about 1,000 words is not published in a form we can ship.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import syllables
from .sentences import split_sentences
from .units import Unit

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*'?", re.UNICODE)
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Word:
    """One word of a sentence, with what the formulas need to know about it."""

    text: str
    start: int
    syllables: int
    letters: int
    familiar: bool
    name: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Counts:
    """What the formulas are computed from; counts of parts add up."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    letters: int = 0
    polysyllables: int = 0
    unfamiliar: int = 0
    unfamiliar_words: frozenset[str] = field(default_factory=frozenset)
    longest: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.letters + other.letters,
            self.polysyllables + other.polysyllables,
            self.unfamiliar + other.unfamiliar,
            self.unfamiliar_words | other.unfamiliar_words,
            max(self.longest, other.longest),
        )


def count_sentence(words: Sequence[Word]) -> Counts:
    """The counts of one sentence made of ``words``."""
    unfamiliar = [w.text.lower() for w in words if not w.familiar]
    return Counts(
        sentences=1 if words else 0,
        words=len(words),
        syllables=sum(w.syllables for w in words),
        letters=sum(w.letters for w in words),
        polysyllables=sum(1 for w in words if w.syllables >= 3),
        unfamiliar=len(unfamiliar),
        unfamiliar_words=frozenset(unfamiliar),
        longest=len(words),
    )


def total(parts: Iterable[Counts]) -> Counts:
    """The counts of several sentences or sections together."""
    out = Counts()
    for part in parts:
        out = out + part
    return out


# --- words -------------------------------------------------------------------


def split_words(text: str) -> list[tuple[str, int]]:
    """Each word in ``text`` with where it starts.

    A word is letters or digits, joined by apostrophes, hyphens or points:
    "council's", "Stockton-on-Tees", "£1.5m" (as "1.5m") and "e.g." are one
    word each.
    """
    return [(m.group().rstrip("'"), m.start()) for m in WORD.finditer(text)]


def make_words(text: str, names: Names) -> tuple[Word, ...]:
    """The words of one sentence, each measured."""
    spans = names.spans(text)
    out = []
    tokens = split_words(text)
    for index, (token, start) in enumerate(tokens):
        is_name = (
            any(a <= start < b for a, b in spans)
            or names.is_name(token, index)
            or (index == 0 and _starts_title_run(tokens))
        )
        out.append(
            Word(
                text=token,
                start=start,
                syllables=syllables.count(token),
                letters=sum(1 for ch in token if ch.isalnum()),
                familiar=is_name or is_familiar(token),
                name=is_name,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Names:
    """Names of people, places and organisations: never hard words.

    ``phrases`` are lower-case names from the data and the allow-lists;
    a capitalised word that does not start the sentence counts as a name
    too ("Cleveland Police", "Ann McCoy").
    """

    phrases: frozenset[str] = frozenset()
    capitalised: frozenset[str] = frozenset()  # written with a capital inside a sentence

    @classmethod
    def of(cls, names: Iterable[str], capitalised: Iterable[str] = ()) -> Names:
        phrases = frozenset(" ".join(n.lower().split()) for n in names if n.strip())
        return cls(phrases, frozenset(capitalised))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the multi-word names are in ``text``."""
        return (
            [m.span() for m in _name_pattern(self.phrases).finditer(text)] if self.phrases else []
        )

    def is_name(self, token: str, index: int) -> bool:
        if token.lower() in self.phrases:
            return True
        if not token[:1].isupper() or token.isupper() or _has_digit(token):
            return False
        return index > 0 or token.lower() in self.capitalised


def capitalised_words(texts: Iterable[str]) -> set[str]:
    """Words a file writes with a capital inside a sentence ("in Kensington"), lower case.

    Such a word is a name wherever it stands, at the start of a list item too.
    """
    found: set[str] = set()
    for text in texts:
        for match in MID_CAPITAL.finditer(text):
            if not match.group(1).isupper():
                found.add(match.group(1).lower())
    return found


MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;] )([A-Z][\w'’-]+)")


def _starts_title_run(tokens: list[tuple[str, int]]) -> bool:
    """Does the sentence start with a name of capitalised words ("Local Safeguarding Board")?"""
    if len(tokens) < 2 or not tokens[0][0][:1].isupper() or tokens[0][0] == "I":
        return False
    following = tokens[1][0]
    if following.lower() in ("of", "and", "for", "&") and len(tokens) > 2:
        following = tokens[2][0]
    return following[:1].isupper() and not following.isupper()


@cache
def _name_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:'s|’s)?(?![\w-])", re.IGNORECASE)


def _has_digit(token: str) -> bool:
    return DIGIT.search(token) is not None


# --- familiar words (Dale-Chall) ------------------------------------------------


def familiar_list_file() -> Path:
    """The Dale-Chall list inside textstat, found without importing textstat.

    Importing textstat imports NLTK, which takes longer than a whole check.
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'textstat' package is not installed: pip install textstat")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"


@cache
def familiar_words() -> frozenset[str]:
    """The Dale-Chall list of familiar words, lower case."""
    text = familiar_list_file().read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


ENDINGS = (
    ("ies", "y"),
    ("ied", "y"),
    ("ier", "y"),
    ("iest", "y"),
    ("ily", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("est", ""),
    ("est", "e"),
    ("r", ""),
    ("st", ""),
    ("ly", ""),
    ("'s", ""),
    ("s'", ""),
)


@cache
def is_familiar(token: str) -> bool:
    """Is ``token`` a familiar word: on the list, by its rules, or an irregular form?

    The irregular forms ("understood" of "understand") are lemminflect's,
    listed once in ``familiar-forms.txt`` by ``scripts/familiar_forms.py``.
    """
    word = token.lower().replace("’", "'")
    if familiar_by_rules(word) or word in familiar_forms():
        return True
    return "-" in word and all(is_familiar(part) for part in word.split("-") if part)


def familiar_by_rules(word: str) -> bool:
    """Is lower-case ``word`` familiar by the Dale-Chall list and its ending rules?"""
    if _has_digit(word) or word in familiar_words():
        return True
    return any(_stem_familiar(word, ending, root) for ending, root in ENDINGS)


@cache
def familiar_forms() -> frozenset[str]:
    """Irregular forms of familiar words (``render/resources/familiar-forms.txt``)."""
    from ..resources import resource

    text = resource("familiar-forms.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _stem_familiar(word: str, ending: str, root: str) -> bool:
    if not word.endswith(ending) or len(word) - len(ending) < 2:
        return False
    stem = word[: -len(ending)] + root
    known = familiar_words()
    if stem in known:
        return True
    # a doubled consonant: "stopped", "running", "bigger"
    return len(stem) > 2 and stem[-1] == stem[-2] and not root and stem[:-1] in known


# --- formulas ----------------------------------------------------------------


SCORES = {
    "flesch_reading_ease": "Flesch Reading Ease",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "spache": "Spache grade",
    "dale_chall": "Dale-Chall score",
    "smog": "SMOG grade",
    "coleman_liau": "Coleman-Liau grade",
    "ari": "ARI grade",
    "words_per_sentence": "Words a sentence",
    "longest_sentence": "Longest sentence",
}


@dataclass(frozen=True)
class Scores:
    """Every formula for one text, rounded to one decimal place."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    spache: float
    dale_chall: float
    smog: float
    coleman_liau: float
    ari: float
    words_per_sentence: float
    longest_sentence: int
    sentences: int
    words: int
    syllables: int

    @property
    def reading_age(self) -> float:
        """The UK reading age the Flesch-Kincaid grade means: grade + 5."""
        return round(self.flesch_kincaid_grade + 5, 1)

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def score(counts: Counts) -> Scores:
    """All the formulas for ``counts``; an empty text scores 0 throughout."""
    words, sentences = counts.words, counts.sentences
    if not words or not sentences:
        return Scores(0, 0, 0, 0, 0, 0, 0, 0, 0, counts.sentences, 0, 0)
    wps = words / sentences
    spw = counts.syllables / words
    per_100 = 100 / words
    return Scores(
        flesch_reading_ease=_r(206.835 - 1.015 * wps - 84.6 * spw),
        flesch_kincaid_grade=_r(0.39 * wps + 11.8 * spw - 15.59),
        spache=_r(0.121 * wps + 0.082 * len(counts.unfamiliar_words) * per_100 + 0.659),
        dale_chall=_r(dale_chall(counts.unfamiliar * per_100, wps)),
        smog=_r(1.043 * math.sqrt(30 * counts.polysyllables / sentences) + 3.1291),
        coleman_liau=_r(0.0588 * counts.letters * per_100 - 0.296 * sentences * per_100 - 15.8),
        ari=_r(4.71 * counts.letters / words + 0.5 * wps - 21.43),
        words_per_sentence=_r(wps),
        longest_sentence=counts.longest,
        sentences=sentences,
        words=words,
        syllables=counts.syllables,
    )


def dale_chall(percent_unfamiliar: float, words_per_sentence: float) -> float:
    """The new Dale-Chall raw score (4.9 or less: grade 4 and below)."""
    raw = 0.1579 * percent_unfamiliar + 0.0496 * words_per_sentence
    return raw + 3.6365 if percent_unfamiliar > 5 else raw


def _r(value: float) -> float:
    return round(value + 0.0, 1)


# --- sentences -----------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence of a unit, its words and counts."""

    unit: Unit
    start: int
    text: str
    words: tuple[Word, ...]
    counts: Counts

    @property
    def where(self) -> tuple[int, int]:
        return self.unit.where(self.start)

    @property
    def lines(self) -> range:
        """The file lines this sentence is written on."""
        first = self.where[0]
        last = self.unit.where(self.start + max(len(self.text) - 1, 0))[0]
        return range(first, max(first, last) + 1)

    @property
    def scores(self) -> Scores:
        return score(self.counts)


def analyse(unit: Unit, names: Names) -> list[Sentence]:
    """The sentences of ``unit``; a heading is one sentence, whatever it holds."""
    spans = [(0, len(unit.text))] if unit.kind == "heading" else split_sentences(unit.text)
    out = []
    for start, end in spans:
        words = make_words(unit.text[start:end], names)
        if words:
            out.append(Sentence(unit, start, unit.text[start:end], words, count_sentence(words)))
    return out
