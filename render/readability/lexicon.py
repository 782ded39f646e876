"""The word lists the rules use, read once from ``render/resources/``.

``plain-words.toml``: hard words and phrases with plainer ones;
``style-words.toml``: abbreviations, contractions, participles, number
words; ``names.txt``: names that are never hard words.
"""

from __future__ import annotations

import gzip
import importlib.util
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..resources import resource
from .syllables import cache_dir, write_quietly

RESOURCES = resource("")
LETTERS = {"noun": "N", "verb": "V", "adj": "A", "adv": "R", "aux": "X", "propn": "P"}
KINDS = {"N": "NOUN", "V": "VERB", "A": "ADJ", "R": "ADV", "X": "AUX", "P": "PROPN"}


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
    """What ``word`` can be in English ("VERB", "NOUN"...) by lemminflect; empty if unknown."""
    key = word.replace("’", "'").encode("utf-8")
    blob = english_words()
    lo, hi = 0, len(blob)
    while lo < hi:  # binary search of the sorted "form<TAB>letters" lines
        mid = (lo + hi) // 2
        start = blob.rfind(b"\n", 0, mid) + 1
        end = blob.find(b"\n", start)
        entry, _, letters = blob[start:end].partition(b"\t")
        if entry == key:
            return frozenset(KINDS[letter] for letter in letters.decode())
        if entry < key:
            lo = end + 1
        else:
            hi = start
    return frozenset()


@cache
def english_words() -> bytes:
    """Every word form in lemminflect's lemma table and what it can be, compact.

    The table (``lemma_lu.csv.gz`` and ``lemma_overrides.csv``, shipped in the
    lemminflect package) is read directly: importing lemminflect imports numpy
    and takes longer than a whole check of a small file. Its compact form
    (sorted ``form<TAB>letters`` lines, 1 MB) is kept in the cache folder the
    syllable counts use, so later runs read it in a millisecond.
    """
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'lemminflect' package is not installed: pip install lemminflect")
    folder = Path(next(iter(spec.submodule_search_locations))) / "resources"
    source = folder / "lemma_lu.csv.gz"
    stat = source.stat()
    cache_folder = cache_dir()
    name = f"english-words-v1-{stat.st_size}-{stat.st_mtime_ns}.tsv"
    cached = cache_folder / name if cache_folder else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    lines = gzip.decompress(source.read_bytes()).decode("utf-8").splitlines()
    # the overrides: pronouns and a few forms the table lacks ("this", "all")
    overrides = (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    lines += [line for line in overrides if line.strip() and not line.startswith("#")]
    kinds: dict[str, set[str]] = {}
    for line in lines:
        form, category, _ = line.split(",", 2)
        kinds.setdefault(form, set()).add(LETTERS[category.lower()])
    rows = sorted(f"{form}\t{''.join(sorted(found))}".encode() for form, found in kinds.items())
    data = b"\n".join(rows) + b"\n"
    if cached is not None:
        write_quietly(cached, data)
    return data


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
