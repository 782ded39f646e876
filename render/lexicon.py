"""The word lists the rules use, read once from ``render/resources/``.

``plain-words.toml``: hard words and phrases with plainer ones;
``style-words.toml``: abbreviations, contractions, participles, number
words; ``names.txt``: names that are never hard words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


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

    @property
    def plain_keys(self) -> tuple[str, ...]:
        """The plain-words keys, longest first (the order of the pattern)."""
        return tuple(sorted(self.plain_words, key=len, reverse=True))

    def plain_word_pattern(self) -> re.Pattern[str]:
        return _plain_pattern(self.plain_keys)


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


def forms(word: str) -> list[str]:
    """``word`` and its regular plural and verb forms, as regex parts."""
    if " " in word:
        return [r"\s+".join(map(re.escape, word.split()))]
    stem = re.escape(word)
    out = [stem + "(?:s|es|d|ed|ing)?"]
    if word.endswith("e"):
        out.append(re.escape(word[:-1]) + "ing")
    if word.endswith("y"):
        out.append(re.escape(word[:-1]) + "i(?:es|ed)")
    return out


@cache
def _plain_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<k{i}>{'|'.join(forms(k))})" for i, k in enumerate(keys))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE)


def plain_key(match: re.Match[str], keys: tuple[str, ...]) -> str:
    """Which key of the plain-words list ``match`` matched."""
    return keys[int(match.lastgroup[1:])] if match.lastgroup else match.group().lower()
