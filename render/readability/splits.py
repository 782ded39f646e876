"""Where to break a long sentence, for the ``sentence-too-long`` advice.

A break must leave whole sentences: every part has a subject and a verb of
its own, and none starts with a word that ties it to the part before ("who",
"which", "whether", "that"...). So a break goes:

- after a comma, semicolon, colon or dash, or before "and", "but", "so",
  "or" or "then", when the words after it make a sentence on their own
  ("..., and they listen" -> "They listen."; "but" and "so" stay: "But
  they listen.");
- before "because", which becomes "This is because ...";
- before ", which" followed by a verb, which becomes "This ..."

and never inside a name ("the Education and Inspections Act") or a fixed
phrase ("as well as", "so that", "more or less"). Each part keeps at least
``MIN_PART`` words. The advice shows the sentences a split would make (and
``parts`` lists them); when no break leaves whole sentences it names the
part to make a sentence of its own.

Subject and verb are told from word lists, not a parser: a verb is an
auxiliary ("is", "can", "has") or a word lemminflect knows as a verb, after
a word that can be its subject (a pronoun, a name, a noun), and not after
"to" or "the".
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import word_kinds
from .scores import Names, Word

MIN_PART = 4
VERB_WITHIN = 6  # a new sentence's verb comes within its first words


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


JOINERS = _words("and but so or then yet")
DROPPED = _words("and or then")  # "..., and they ..." -> "They ..."
KEPT_JOINERS = _words("but so yet")
# Words that tie what follows to another clause: a part never starts with one.
TIED = _words(
    "who whom whose which whether that where when while although though if unless "
    "until because since as whereas whatever whoever wherever whenever how what why "
    "than including like such"
)
OPENS_CLAUSE = _words("if when while although though unless until whether because since whereas")
CLAUSE_WORDS = OPENS_CLAUSE | _words("that who whom whose which where")
AUXILIARIES = _words(
    "is are was were am be been has have had do does did can could will would shall "
    "should may might must isn't aren't wasn't weren't hasn't haven't don't doesn't "
    "didn't can't cannot won't wouldn't shouldn't"
)
BETWEEN = _words("all also often always never sometimes usually still just only both really")
SUBJECT_PRONOUNS = _words("i you he she it we they there")
DEMONSTRATIVES = _words("this that these those")
POSSESSIVES = _words("our their his her its my your")
QUANTIFIERS = _words("some many most all every no any each both")
PRONOUNS = (
    SUBJECT_PRONOUNS
    | DEMONSTRATIVES
    | _words("everyone everybody someone somebody nobody people who each")
)
# The words a new sentence made by a split may start with: a pronoun or a
# determiner ("The council ...", "They ..."), else a name.
STARTS_SENTENCE = SUBJECT_PRONOUNS | DEMONSTRATIVES | POSSESSIVES | QUANTIFIERS | _words("the a an")
NOT_SUBJECT = (
    POSSESSIVES
    | QUANTIFIERS
    | _words(
        "the a an to of in on at by for from with about into over under after before "
        "more less very not also only just than as"
    )
)
NUMERALS = _words("i ii iii iv v vi vii viii ix x a b c d e f")
OPENERS = "\"'“‘(["
CLOSERS = "\"'”’)]"
# Phrases a break never goes inside (the break would fall before the word at ``at``).
FIXED = (
    ("as", "well", "as"),
    ("such", "as"),
    ("so", "that"),
    ("so", "as"),
    ("so", "far"),
    ("so", "much"),
    ("so", "many"),
    ("and", "so", "on"),
    ("more", "or", "less"),
    ("or", "so"),
    ("rather", "than"),
    ("whether", "or", "not"),
    ("and", "then", "some"),
    ("he", "or", "she"),
    ("his", "or", "her"),
    ("him", "or", "her"),
    ("and", "or"),
    ("but", "not", "limited"),
    ("but", "excluding"),
)


FIXED_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in FIXED:
    FIXED_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


@dataclass(frozen=True)
class Split:
    """The advice for one long sentence, and the sentences it would make."""

    advice: str
    parts: tuple[str, ...] = ()


def suggest_split(
    words: tuple[Word, ...], sentence_text: str, limit: int, names: Names | None = None
) -> Split:
    """How to make a long sentence into sentences of ``limit`` words or fewer."""
    named = _name_spans(words, sentence_text, names or Names())
    points = split_points(words, sentence_text, limit, named)
    if not points:
        return Split(_no_break(words, sentence_text, limit))
    bounds = [0, *points, len(words)]
    parts = tuple(
        _part(words, sentence_text, a, b, last=b == len(words))
        for a, b in zip(bounds, bounds[1:], strict=False)
    )
    counts = [len(p.split()) for p in parts]
    rest = f"; then shorten the parts over {limit} words" if max(counts) > limit else ""
    shown = " ".join(f'"{p}"' for p in parts)
    return Split(f"make it {len(parts)} sentences: {shown}{rest}", parts)


def split_points(
    words: tuple[Word, ...], sentence_text: str, limit: int, named: set[int] | None = None
) -> list[int]:
    """Word indexes to break before, each part a whole sentence and as long as fits."""
    lower = [w.text.lower() for w in words]
    blocked = (named or set()) | _in_fixed_phrases(lower)
    points: list[int] = []
    start = 0
    while len(words) - start > limit:
        candidates = [
            i
            for i in range(start + MIN_PART, len(words) - MIN_PART + 1)
            if i not in blocked and _can_break(words, lower, sentence_text, start, i)
        ]
        if not candidates:
            break
        fits = [i for i in candidates if i - start <= limit]
        points.append(fits[-1] if fits else candidates[0])
        start = points[-1]
    return points


def _in_fixed_phrases(lower: list[str]) -> set[int]:
    """Indexes a break may not go before: at or inside "as well as", "he or she"..."""
    blocked: set[int] = set()
    for index, word in enumerate(lower):
        for phrase in FIXED_BY_FIRST.get(word, ()):
            if lower[index : index + len(phrase)] == list(phrase):
                blocked |= set(range(index, index + len(phrase)))
    return blocked


def _can_break(
    words: tuple[Word, ...], lower: list[str], text: str, start: int, index: int
) -> bool:
    gap = text[words[index - 1].end : words[index].start]
    word = lower[index]
    marked = any(mark in gap for mark in ",;:–—")
    if not (marked or word in JOINERS or word in ("because", "which")):
        return False
    if word == "which" and not (marked and _is_verb(["this", *lower[index + 1 :]], 1)):
        return False
    if OPENS_CLAUSE & set(lower[start + 1 : index]):
        return False  # "if it is a big problem" needs the part after it
    before = lower[start:index] if start == 0 else _rewrite(lower[start:index])
    if before is None or not is_clause(before) or _dangling(before):
        return False
    after = _rewrite(lower[index:])
    if after is None or not is_clause(after[:VERB_WITHIN]):
        return False
    head = after[1:] if after[0] in KEPT_JOINERS else after
    if not head or not (head[0] in STARTS_SENTENCE or _is_name(words, len(lower) - len(head))):
        return False  # "..., written communication sent to" is not a sentence
    if marked or word in ("because", "which"):
        return True
    # no comma before "and", "so"...: only a pronoun and its verb start a new sentence
    return len(head) > 1 and head[0] in SUBJECT_PRONOUNS and _is_verb(head, 1)


def _is_name(words: tuple[Word, ...], index: int) -> bool:
    return 0 <= index < len(words) and words[index].name


def _rewrite(rest: list[str]) -> list[str] | None:
    """The words after a break as a sentence of their own, or None if they are not one."""
    first = rest[0]
    if first in DROPPED:
        rest = rest[1:]
    elif first == "because":
        rest = ["this", "is", *rest]
    elif first == "which":
        rest = ["this", *rest[1:]]
    return rest or None


def is_clause(words: list[str]) -> bool:
    """Do ``words`` (lower case) make a sentence: a subject, then its verb?

    The verb must follow a word that can be its subject (a pronoun, a noun, a
    name), and must not be the verb of a clause inside a noun ("the things
    we told"). A part that starts with a joining word, an auxiliary ("Should
    any part...") or a list number ("(1)", "ii.") is not a sentence.
    """
    if not words or words[0] in TIED or words[0] in ("to", "of") or words[0] in AUXILIARIES:
        return False
    if words[0].isdigit() or (words[0] in NUMERALS and not _is_verb(words, 1)):
        return False
    return any(
        _is_verb(words, index)
        and _is_subject(words, _skip_between(words, index) - 1)
        and not _in_relative(words, index)
        for index in range(1, len(words))
    )


def _dangling(words: list[str]) -> bool:
    """Does the part end in a clause with no verb: "...to the extent that he"?"""
    last = max((i for i, w in enumerate(words) if w in CLAUSE_WORDS), default=-1)
    return last > 0 and not any(_is_verb(words, i) for i in range(last + 1, len(words)))


def _in_relative(words: list[str], verb: int) -> bool:
    """In "the things we told", a pronoun right after a noun starts a clause inside it."""
    if verb < 2 or words[verb - 1] not in SUBJECT_PRONOUNS:
        return False
    noun = words[verb - 2]
    return not (noun in NOT_SUBJECT or noun in TIED or noun in JOINERS or noun in PRONOUNS)


def _skip_between(words: list[str], index: int) -> int:
    """Step back over "all", "often"... between a subject and its verb."""
    while index > 1 and words[index - 1] in BETWEEN:
        index -= 1  # "the services all work", "they often visit"
    return index


def _is_subject(words: list[str], index: int) -> bool:
    """Can ``words[index]`` be the subject (or end of it) of the verb after it?"""
    word = words[index]
    if word in PRONOUNS:
        return True
    if word in NOT_SUBJECT or word in TIED or word in JOINERS or word in AUXILIARIES:
        return False
    kinds = word_kinds(word)
    return not kinds or "NOUN" in kinds or "PROPN" in kinds


def _is_verb(words: list[str], index: int) -> bool:
    if index >= len(words):
        return False
    word = words[index]
    if word in AUXILIARIES:
        return True
    index = _skip_between(words, index)
    before = words[index - 1] if index else ""
    if before in NOT_SUBJECT and before not in PRONOUNS:
        return False
    kinds = word_kinds(word)
    if "VERB" not in kinds:
        return False
    if not kinds & {"NOUN", "ADJ", "ADV"}:
        return True  # only ever a verb: "told", "gets"
    # "help" is a verb after "they", or after "this" that starts the part: "This helps"
    if before in SUBJECT_PRONOUNS or (index == 1 and before in DEMONSTRATIVES):
        return True
    # or after a plural noun: "social workers visit"
    plural = before.endswith("s") and before not in PRONOUNS and before not in DEMONSTRATIVES
    return plural and "NOUN" in word_kinds(before)


def _part(words: tuple[Word, ...], text: str, a: int, b: int, last: bool) -> str:
    """The words ``a`` to ``b`` as a sentence: capital, full stop, rewritten start."""
    lower = words[a].text.lower()
    first = a + 1 if a and lower in DROPPED else a
    begin = 0 if a == 0 else words[first].start
    while a and begin > words[first - 1].end and text[begin - 1] in OPENERS:
        begin -= 1
    finish = words[b - 1].end
    while finish < len(text) and text[finish] in CLOSERS:
        finish += 1
    body = text[begin:finish]
    if a and lower == "because":
        body = "This is " + body
    elif a and lower == "which":
        body = "This" + body[len("which") :]
    end = text[finish:].strip() if last else ""
    return body[:1].upper() + body[1:] + (end if end[:1] in (".", "!", "?") else ".")


def _name_spans(words: tuple[Word, ...], text: str, names: Names) -> set[int]:
    """Indexes no break may go before: inside a name ("Education and Inspections Act")."""
    inside: set[int] = set()
    for a, b in names.spans(text):
        inside |= {i for i, w in enumerate(words) if a < w.start < b}
    for index in range(1, len(words) - 1):
        before, word, after = words[index - 1].text, words[index].text, words[index + 1].text
        if (
            word.lower() in ("and", "of", "for", "&")
            and before[:1].isupper()
            and after[:1].isupper()
        ):
            inside |= {index, index + 1}
    return inside


def _no_break(words: tuple[Word, ...], text: str, limit: int) -> str:
    lower = [w.text.lower() for w in words]
    tied = next((i for i in range(MIN_PART, len(words)) if lower[i] in TIED - {"as", "than"}), None)
    if tied is None:
        return f"say one idea per sentence, in {limit} words or fewer"
    clause = text[words[tied].start : words[min(tied + 5, len(words) - 1)].end]
    return (
        f'make the part that starts "{clause}…" a sentence of its own, with its own '
        f"subject and verb, then say one idea per sentence, in {limit} words or fewer"
    )
