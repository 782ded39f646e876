"""The writer's small markup: plain text, with **bold** for a hard word.

Every string from the data is escaped; the only markup that survives is
``**word**``, which becomes ``<strong>``, and only in the fields a layout
shows as sentences (``MarkedSentence`` in ``model/document.py``). Glossary words are
bolded too, so the reader sees which words are explained.

Other markup a writer might try is refused with a clear message
(``markup_problems``) rather than shown as stray symbols: *italics* and
_underlining_ (easy read uses neither), HTML tags such as ``<b>`` or
``</style>``, HTML character codes such as ``&amp;``, Markdown links
``[words](address)``, a ``**`` that is never closed, and hidden control
characters. Everything else is shown exactly as written, as text: ``{{ }}``,
``javascript:``, quotes, a ``<`` that does not start a tag ("age < 5", "<3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from markupsafe import Markup, escape

BOLD = re.compile(r"\*\*(?P<inner>[^*\n]+?)\*\*")

# What a writer might try instead of, or as well as, **bold**; see the module docstring.
_REFUSED: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"),
        "this text has a hidden control character ({code}): remove it",
    ),
    (
        re.compile(r"</?[A-Za-z][^>]*>?|<[!?][^>]*>?"),
        "'{found}' looks like HTML, which is not used here: write plain text "
        "(and **word** to make a hard word bold)",
    ),
    (
        re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"),
        "'{found}' is an HTML code: write {char} instead",
    ),
    (
        re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)"),
        "'{found}' is a Markdown link, which is not used here: write the words, "
        "and the web address as plain text",
    ),
    (
        re.compile(r"(?<![*\w])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![*\w])"),
        "'{found}' looks like italics, which easy read does not use: "
        "use **word** for a hard word, or remove the *",
    ),
    (
        re.compile(r"(?<!\w)_{1,2}(?=[^\s_])[^_\n]*?(?<=[^\s_])_{1,2}(?!\w)"),
        "'{found}' looks like underlining, which easy read does not use: "
        "use **word** for a hard word, or remove the _",
    ),
    (
        re.compile(r"\*\*"),
        "a '**' is never closed: write **word** with ** on both sides, or remove it",
    ),
]
_MAX_SHOWN = 30


def plain(text: str) -> str:
    """``text`` without markup: what a reader hears or a checker reads."""
    return BOLD.sub(r"\g<inner>", text)


def markup_problems(text: str, bold: bool = True) -> list[str]:
    """What is wrong with the writer's markup in ``text``, in plain words.

    ``bold`` says whether ``**word**`` is allowed in this field.
    """
    problems = []
    if not bold and BOLD.search(text):
        problems.append(
            "**bold** is only for hard words in sentences, not in this field: remove the **"
        )
    # mark where bold was, so that "***word***" still shows up as italics
    rest = BOLD.sub(lambda m: f"\ufffc{m['inner']}\ufffc", text)
    for pattern, message in _REFUSED:
        found = pattern.search(rest)
        if found:
            problems.append(message.format(**_details(found.group())))
    return problems


def _details(found: str) -> dict[str, str]:
    shown = found.replace("\ufffc", "**")
    if len(shown) > _MAX_SHOWN:
        shown = shown[: _MAX_SHOWN - 1] + "…"
    char = unescape(found)
    char = "a plain space" if char.isspace() else f"'{char}'"
    return {"found": shown, "code": f"U+{ord(found[0]):04X}", "char": char}


def word_pattern(word: str) -> re.Pattern[str]:
    """Match ``word`` as a whole word, with a plural ending."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?:s|es)?(?![\w-])", re.IGNORECASE)


def words_in(text: str, words: Iterable[str]) -> list[str]:
    """The glossary ``words`` that ``text`` uses, in glossary order."""
    flat = plain(text)
    return [w for w in words if word_pattern(w).search(flat)]


def to_html(text: str, bold_words: Iterable[str] = ()) -> Markup:
    """Escape ``text``; turn ``**x**`` and each of ``bold_words`` into <strong>."""
    spans = [(m.start(), m.end(), m.group("inner")) for m in BOLD.finditer(text)]
    pieces: list[str] = []
    pos = 0
    for start, end, inner in spans:
        pieces.append(_bold_words(text[pos:start], bold_words))
        pieces.append(Markup("<strong>%s</strong>") % inner)
        pos = end
    pieces.append(_bold_words(text[pos:], bold_words))
    return Markup("").join(pieces)


def _bold_words(text: str, words: Iterable[str]) -> Markup:
    patterns = [word_pattern(w) for w in words]
    if not patterns:
        return escape(text)
    matches = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text))
    out: list[str] = []
    pos = 0
    for start, end in matches:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<strong>%s</strong>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)
