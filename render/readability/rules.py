"""The rules ``easyread check`` applies to every sentence.

Each rule has an id, a default severity and a summary (``RULES``), and a
function that looks at one sentence and yields ``Hit`` rows: where in the
sentence, what is wrong, and what to write instead. Names, glossary terms
and the project's own words are never flagged as hard words, plain-word
swaps or abbreviations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import markup as text
from .catalogue import RULES
from .lexicon import Lexicon, word_kinds
from .scores import Names, Sentence, Word, is_familiar
from .splits import suggest_split
from .targets import ReadingTarget

__all__ = ["RULES", "SENTENCE_RULES", "Context", "Hit", "check_sentence", "defined_words"]

BE = frozenset(["am", "is", "are", "was", "were", "be", "been", "being"])
ADVERB = re.compile(r"(?:\w+ly|not|never|always|often|also|still|just|already|sometimes|all)$")
PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%|\bper\s?cent(?:age)?s?\b", re.IGNORECASE)
BIG_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|[1-9]\d{4,})(?![\d,])")
ACRONYM = re.compile(r"(?<![\w&])(?:[A-Z][A-Za-z]*[A-Z]|[A-Z]&[A-Z])s?(?![\w&])")
CONTRACTION = re.compile(r"\b\w+(?:n['’]t|['’](?:re|ve|ll|d|m|s))\b", re.IGNORECASE)
HARD_MARGIN = 3
DEFINITION = re.compile(
    r"\s*(?:\(|means\b|is when\b|are when\b|is an?\b|is the\b|are\b"
    r"|[-–—]\s*this means\b)",
    re.IGNORECASE,
)
CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})*\b")


@dataclass(frozen=True)
class Hit:
    """One rule firing on one sentence."""

    rule: str
    start: int
    message: str
    suggestion: str = ""
    severity: str = ""
    parts: tuple[str, ...] = ()


@dataclass
class Context:
    """What the rules need to know beyond the sentence itself."""

    target: ReadingTarget
    lexicon: Lexicon
    names: Names
    known_words: frozenset[str] = frozenset()
    glossary: tuple[str, ...] = ()
    has_glossary_field: bool = False
    english: bool = True
    seen: set[str] = field(default_factory=set)
    _masked: tuple[str, list[tuple[int, int]]] = ("", [])

    def __post_init__(self) -> None:
        self._glossary_patterns = [text.word_pattern(term) for term in self.glossary]

    def masked(self, sentence: Sentence) -> list[tuple[int, int]]:
        """Spans of the sentence that are names or glossary terms."""
        if self._masked[0] == sentence.text:
            return self._masked[1]
        spans = self.names.spans(sentence.text)
        for pattern in self._glossary_patterns:
            spans += [m.span() for m in pattern.finditer(sentence.text)]
        self._masked = (sentence.text, spans)
        return spans

    def is_known(self, word: str) -> bool:
        return word.lower() in self.known_words


RuleFunction = Callable[[Sentence, Context], Iterator[Hit]]


def check_sentence(sentence: Sentence, context: Context, enabled: set[str]) -> list[Hit]:
    """Every hit of the ``enabled`` rules on ``sentence``: one per rule and word at most."""
    hits: dict[tuple[str, int], Hit] = {}
    for rule_id, rule in SENTENCE_RULES.items():
        if rule_id in enabled:
            for hit in rule(sentence, context):
                hits.setdefault((hit.rule, _word_at(sentence, hit.start)), hit)
    return list(hits.values())


def _word_at(sentence: Sentence, offset: int) -> int:
    """The index of the word at (or after) ``offset``: two hits on one word share it."""
    return next((i for i, w in enumerate(sentence.words) if offset < w.end), len(sentence.words))


# --- sentence length and difficulty ---------------------------------------------


def long_sentence(sentence: Sentence, context: Context) -> Iterator[Hit]:
    target, count = context.target, len(sentence.words)
    limit = target.long_sentence
    if limit is None or count <= limit:
        return
    over_max = target.max_words is not None and count > target.max_words
    allowed = target.max_words if over_max else limit
    kind = "allows" if over_max else "prefers"
    message = f"{count} words: {target.id} {kind} {allowed} at most"
    if not context.english:
        advice = f"say one idea per sentence, in {allowed} words or fewer"
        yield Hit("sentence-too-long", 0, message, advice, "warning")
        return
    split = suggest_split(sentence.words, sentence.text, allowed, context.names)
    yield Hit(
        "sentence-too-long",
        0,
        message,
        split.advice,
        "error" if over_max else "warning",
        split.parts,
    )


def hard_sentence(sentence: Sentence, context: Context) -> Iterator[Hit]:
    """Most formulas put the sentence well above the target (grade + margin).

    One sentence is a small sample, so a sentence is flagged only when 3 of
    the 4 grade formulas agree it is more than ``HARD_MARGIN`` grades above
    the target, as retext-readability asks several formulas to agree.
    """
    if len(sentence.words) < 6:
        return
    scores, grade = sentence.scores, context.target.max_grade
    measures = {
        "Flesch-Kincaid": scores.flesch_kincaid_grade,
        "Coleman-Liau": scores.coleman_liau,
        "ARI": scores.ari,
        "Spache": scores.spache,
    }
    above = {name: value for name, value in measures.items() if value > grade + HARD_MARGIN}
    if len(above) < 3:
        return
    listed = ", ".join(f"{name} {value:g}" for name, value in above.items())
    yield Hit(
        "hard-sentence",
        0,
        f"reads at about age {round(scores.reading_age)} ({listed}); "
        f"{context.target.id} is grade {grade:g}",
        _easier(sentence, context),
    )


def _easier(sentence: Sentence, context: Context) -> str:
    long_words = list(
        dict.fromkeys(
            w.text
            for w in sentence.words
            if w.syllables >= 3 and not w.familiar and not context.is_known(w.text)
        )
    )
    tips = []
    if long_words:
        tips.append("use shorter words than " + ", ".join(f"'{w}'" for w in long_words[:3]))
    if context.target.avg_words and len(sentence.words) > context.target.avg_words:
        tips.append(f"use fewer words (about {context.target.avg_words:g})")
    return " and ".join(tips) or "say it more simply"


# --- words -----------------------------------------------------------------------


def hard_words(sentence: Sentence, context: Context) -> Iterator[Hit]:
    masked = context.masked(sentence)
    plain = context.lexicon.plain_words
    for word in sentence.words:
        lower = word.text.lower()
        if (
            word.syllables < 3
            or word.familiar
            or _inside(word.start, masked)
            or context.is_known(lower)
            or lower in context.seen
            or lower in plain
            or context.lexicon.find_plain_words([lower])
            or _explained(sentence.text, word)
            or _first_word_name(sentence, word)
        ):
            continue
        context.seen.add(lower)
        where = (
            "add it to the glossary with its meaning"
            if context.has_glossary_field
            else "explain it right after it, or in a word list at the end"
        )
        yield Hit(
            "hard-word",
            word.start,
            f"'{word.text}' is a hard word ({word.syllables} syllables, not on the "
            "list of words children know)",
            f"use an easier word, or {where}",
        )


def _first_word_name(sentence: Sentence, word: Word) -> bool:
    """A capitalised first word English does not know is a name: "Kensington has 3 parks"."""
    return (
        word is sentence.words[0]
        and word.text[:1].isupper()
        and not word.text.isupper()
        and not word_kinds(word.text.lower())
    )


def _explained(sentence_text: str, word: Word) -> bool:
    return DEFINITION.match(sentence_text, word.end) is not None


def defined_words(sentences: list[Sentence]) -> set[str]:
    """Words a document explains in a sentence of its own ("An X is a ...")."""
    return {
        w.text.lower()
        for s in sentences
        for w in s.words
        if w.syllables >= 3 and _explained(s.text, w)
    }


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def plain_words(sentence: Sentence, context: Context) -> Iterator[Hit]:
    words = sentence.words
    found = context.lexicon.find_plain_words([w.text for w in words])
    masked = context.masked(sentence) if found else []
    for first, last, key in found:
        written = sentence.text[words[first].start : words[last].end]
        in_name = any(w.name for w in words[first : last + 1])
        if in_name or _inside(words[first].start, masked) or context.is_known(written):
            continue  # never inside a name: "Local Safeguarding Children Board"
        yield Hit(
            "plain-words",
            words[first].start,
            f"'{written}' is a hard word with a plainer one",
            f"write '{context.lexicon.plain_words[key]}'",
        )


def passive_voice(sentence: Sentence, context: Context) -> Iterator[Hit]:
    words = sentence.words
    for index, word in enumerate(words[:-1]):
        if word.text.lower() not in BE:
            continue
        verb_at = index + 1
        while verb_at < len(words) - 1 and ADVERB.match(words[verb_at].text.lower()):
            verb_at += 1
        verb = words[verb_at].text.lower()
        if _participle(verb, context.lexicon):
            yield Hit(
                "passive-voice",
                word.start,
                f"'{sentence.text[word.start : words[verb_at].end]}' is passive: "
                "it does not say who does it",
                _active(words, verb_at, verb),
            )


def _participle(verb: str, lexicon: Lexicon) -> bool:
    if verb in lexicon.not_passive:
        return False
    return verb in lexicon.participles or (len(verb) > 4 and verb.endswith("ed"))


def _active(words: tuple[Word, ...], verb_at: int, verb: str) -> str:
    rest = [w.text for w in words[verb_at + 1 :]]
    if "by" in rest:
        agent = " ".join(rest[rest.index("by") + 1 :][:3])
        return f'start with who did it: "{agent} {verb} …"'
    return f'say who did it first: "<who> {verb} …"'


def numbers(sentence: Sentence, context: Context) -> Iterator[Hit]:
    for word in sentence.words:
        parts = word.text.lower().split("-")
        if word.name and word.text[:1].isupper():
            continue  # inside a name: "Five Rivers Trust"
        if all(p in context.lexicon.number_words for p in parts):
            yield Hit(
                "numbers",
                word.start,
                f"'{word.text}' is a number written as a word",
                "write it as digits",
            )
    for match in PERCENT.finditer(sentence.text):
        yield Hit(
            "numbers",
            match.start(),
            f"'{match.group()}' is a percentage",
            "say '9 out of 20', 'about half' or 'most' instead",
        )
    for match in BIG_NUMBER.finditer(sentence.text):
        yield Hit(
            "numbers",
            match.start(),
            f"'{match.group()}' is a big number",
            "say 'more than 60 thousand' or 'lots of' instead",
        )


def abbreviations(sentence: Sentence, context: Context) -> Iterator[Hit]:
    masked = context.masked(sentence)
    known = context.lexicon.abbreviations
    for word in sentence.words:
        token = word.text
        dotted = token + "." if sentence.text[word.end : word.end + 1] == "." else token
        full = known.get(dotted) or known.get(dotted.lower()) or known.get(token)
        acronym = full is None and ACRONYM.fullmatch(token) and not _is_word(token)
        if (full or acronym) and not (_inside(word.start, masked) or context.is_known(token)):
            yield Hit(
                "abbreviations",
                word.start,
                f"'{dotted if full else token}' is an abbreviation",
                f"write '{full}'" if full else "write the words out in full",
            )


def _is_word(token: str) -> bool:
    """A word in capitals for emphasis ("NOT"), not an acronym."""
    return token.isupper() and len(token) > 2 and is_familiar(token.lower())


def contractions(sentence: Sentence, context: Context) -> Iterator[Hit]:
    full_forms = context.lexicon.contractions
    for match in CONTRACTION.finditer(sentence.text):
        found = match.group()
        key = found.lower().replace("’", "'")
        full = full_forms.get(key)
        if full is None and re.search(r"n't$", key):
            full = key[:-3] + " not"
        if full is None and key.endswith("'s"):
            continue  # a possessive: "the council's"
        full = full or _expand(key)
        yield Hit(
            "contractions",
            match.start(),
            f"'{found}' is a contraction",
            f"write '{full}'",
        )


def _expand(key: str) -> str:
    base, _, ending = key.partition("'")
    return f"{base} " + {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}[ending]


def emphasis(sentence: Sentence, context: Context) -> Iterator[Hit]:
    for match in CAPS_RUN.finditer(sentence.text) if context.english else ():
        if all(_is_word(w) for w in match.group().split()):
            yield Hit(
                "emphasis",
                match.start(),
                f"'{match.group()}' is in capitals",
                f"write '{match.group().lower()}' in bold (**{match.group().lower()}**)",
            )
    base = sentence.start
    for start, end in sentence.unit.emphasis:
        if base <= start < base + len(sentence.text):
            words = sentence.unit.text[start:end]
            yield Hit(
                "emphasis",
                start - base,
                f"'{words}' is in italics or underlined",
                f"use bold for emphasis (**{words}**), or no emphasis",
            )


SENTENCE_RULES: dict[str, RuleFunction] = {
    "sentence-too-long": long_sentence,
    "hard-sentence": hard_sentence,
    "hard-word": hard_words,
    "plain-words": plain_words,
    "passive-voice": passive_voice,
    "numbers": numbers,
    "abbreviations": abbreviations,
    "contractions": contractions,
    "emphasis": emphasis,
}
