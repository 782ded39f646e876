"""The word lists the rules use, read once from ``render/resources/``.

``plain-words.toml``: hard words and phrases with plainer ones;
``style-words.toml``: abbreviations, contractions, participles, number
words; ``names.txt``: names that are never hard words.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ..resources import resource

RESOURCES = resource("")


@dataclass(frozen=True)
class Lexicon:
    """Every list a rule needs."""

    plain_words: dict[str, str]
    abbreviations: dict[str, str]
    contractions: dict[str, str]
    participles: frozenset[str]
    not_passive: frozenset[str]
    number_words: frozenset[str]
    names: tuple[str, ...]

    def with_plain_words(self, extra: dict[str, str]) -> Lexicon:
        if not extra:
            return self
        return Lexicon(**{**self.__dict__, "plain_words": {**self.plain_words, **extra}})

    def find_plain_words(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(first word, last word, key) for each hard word or phrase in ``words``.

        A single-word key also matches its plural and verb forms; phrases
        match word for word. Longer phrases win.
        """
        forms, phrases = _index(tuple(self.plain_words))
        lower = [w.lower() for w in words]
        found = []
        index = 0
        while index < len(lower):
            pair = " ".join(lower[index : index + 2])
            match = next(
                (p for p in phrases.get(pair, ()) if lower[index : index + len(p)] == p),
                None,
            )
            if match is not None:
                found.append((index, index + len(match) - 1, " ".join(match)))
                index += len(match)
                continue
            if lower[index] in forms:
                found.append((index, index, forms[lower[index]]))
            index += 1
        return found


@cache
def word_kinds(word: str) -> frozenset[str]:
    """What ``word`` can be in English ("VERB", "NOUN"...) by lemminflect; empty if unknown.

    lemminflect ships its tables in the package; it is loaded on the first call
    only (a long sentence's split, a capitalised first word that may be a name).
    """
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.replace("’", "'")))


@cache
def bundled_lexicon() -> Lexicon:
    """The lists shipped with easyread."""
    plain = _toml("plain-words.toml")
    style = _toml("style-words.toml")
    names = (RESOURCES / "names.txt").read_text(encoding="utf-8").splitlines()
    return Lexicon(
        plain_words={**plain["words"], **plain["phrases"]},
        abbreviations=dict(style["abbreviations"]),
        contractions=dict(style["contractions"]),
        participles=frozenset(style["passive"]["irregular"].split()),
        not_passive=frozenset(style["passive"]["adjectives"].split()),
        number_words=frozenset(style["numbers"]["words"].split()),
        names=tuple(n.strip() for n in names if n.strip() and not n.startswith("#")),
    )


def _toml(name: str) -> dict:
    return tomllib.loads((RESOURCES / name).read_text(encoding="utf-8"))


@cache
def _index(keys: tuple[str, ...]) -> tuple[dict[str, str], dict[str, list[list[str]]]]:
    """Single-word keys by every form; phrases by their first 2 words."""
    forms: dict[str, str] = {}
    phrases: dict[str, list[list[str]]] = {}
    for key in sorted(keys, key=len, reverse=True):
        words = key.split()
        if len(words) > 1:
            phrases.setdefault(" ".join(words[:2]), []).append(words)
            continue
        for form in word_forms(key):
            forms.setdefault(form, key)
    return forms, phrases


def word_forms(word: str) -> list[str]:
    """``word`` with its regular plural and verb endings."""
    out = [word + end for end in ("", "s", "es", "d", "ed", "ing")]
    if word.endswith("e"):
        out.append(word[:-1] + "ing")
    if word.endswith("y"):
        out += [word[:-1] + "ies", word[:-1] + "ied"]
    return out
