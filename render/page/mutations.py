"""Welsh initial mutations, so that one keyword of the Welsh picture rules
matches the word however the sentence has changed its first sound.

A Welsh word's first consonant changes after certain words: *plant*
(children) is *i blant* (to children, soft), *fy mhlant* (my children,
nasal), *a phlant* (and children, aspirate); a word that starts with a
vowel takes an *h* after *ei* (her), *ein* (our) and *eu* (their):
*ysgol*, *ei hysgol*. The table is the standard one (radical, soft, nasal,
aspirate), as in Colloquial Welsh morphology and Gareth Morgan's
*Canol* (see ``layouts/_base/pictures/rules-cy.toml`` for the sources).
The mixed mutation (after *ni*, *na*) is aspirate where it can be, else
soft, so it makes no form the other two do not.
"""

from __future__ import annotations

from collections.abc import Iterable

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
TABLES = {"soft": SOFT, "nasal": NASAL, "aspirate": ASPIRATE}
# h-prothesis: not a consonant mutation, but the same kind of change at the start
H_BEFORE_VOWEL = "h"
KINDS = (*TABLES, H_BEFORE_VOWEL)
# letters of the Welsh alphabet written with two: their first letter alone
# never mutates (ch is not c, th is not t, ph is not p)
DIGRAPHS = ("ch", "dd", "ff", "ng", "ll", "ph", "rh", "th")
VOWELS = set("aeiouwyâêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ")


def first_letter(word: str) -> str:
    """The first letter of ``word`` in the Welsh alphabet (``ll``, ``rh``...)."""
    start = word[:2].lower()
    return start if start in DIGRAPHS else word[:1].lower()


def mutate(word: str, kind: str) -> str:
    """``word`` after the mutation ``kind`` (``soft``, ``nasal``,
    ``aspirate`` or ``h``); the word itself when that mutation leaves it as
    it is. A word written in capitals (an abbreviation: AGC) never changes;
    a capital at the start stays a capital (Cymru, yng Nghymru)."""
    if kind not in KINDS:
        raise ValueError(f"no Welsh mutation {kind!r}: the mutations are {', '.join(KINDS)}")
    if not word or (word.isupper() and len(word) > 1):
        return word
    letter = first_letter(word)
    rest = word[len(letter) :]
    if kind == H_BEFORE_VOWEL:
        changed = H_BEFORE_VOWEL + letter if letter in VOWELS else letter
    else:
        changed = TABLES[kind].get(letter, letter)
    if not word[0].isupper():
        return changed + rest
    # soft g is no letter at all: the next one takes the capital (Gwynedd, Wynedd)
    return (changed[:1].upper() + changed[1:] + rest) if changed else rest[:1].upper() + rest[1:]


def mutated_forms(word: str, kinds: Iterable[str] = KINDS) -> list[str]:
    """``word`` and every different form the mutations ``kinds`` make of it,
    the radical (the word itself) first."""
    forms = [word]
    for kind in kinds:
        form = mutate(word, kind)
        if form and form not in forms:
            forms.append(form)
    return forms
