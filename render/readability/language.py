"""Which language a file is written in, and so which checks can run on it.

The readability formulas (Flesch-Kincaid, Flesch Reading Ease, Dale-Chall,
Spache, SMOG, Coleman-Liau, ARI) and easyread's word lists are English:
none is validated for Welsh or any other language. So a file is scored only
when it is English; any other file gets the checks that hold in any
language (sentence length, words a sentence, italics and underlining) and a
note that says so.

The language is the one the file declares: an HTML ``lang``, a Markdown
front matter ``lang`` or ``language``, a data file's ``language``. A file
that declares none is detected:

1. Most words of an English text are on the Dale-Chall list of 3,000
   familiar words (about 70 % in easy-read text, 55 % or more even in
   legal English), because the short words that join a sentence ("the",
   "and", "is", "of") are on it. Text with at least ``ENGLISH_SHARE`` of
   its words on it is English: no model is loaded.
2. Otherwise py3langid names the language. It ships its model inside the
   package (nothing is downloaded), knows 97 languages including Welsh, and
   is a maintained fork of langid.py. It loads in about a second, which is
   why step 1 comes first.

Text too short to tell (fewer than ``MIN_WORDS`` words) is taken as English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scores import is_familiar

ENGLISH = "en"
ENGLISH_SHARE = 0.5
MIN_WORDS = 8
SAMPLE = 20_000  # characters: enough to tell, and detection stays fast
LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
NAMES = {
    "en": "English",
    "cy": "Welsh",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "pa": "Punjabi",
    "bn": "Bengali",
    "ar": "Arabic",
    "zh": "Chinese",
    "so": "Somali",
    "lt": "Lithuanian",
    "tr": "Turkish",
}
# What runs on a file in a language easyread cannot score.
ANY_LANGUAGE_RULES = frozenset({"sentence-too-long", "emphasis"})
ANY_LANGUAGE_CHECKS = "sentence length, words a sentence, italics and underlining"


@dataclass(frozen=True)
class Language:
    """A file's language, how it is known, and whether easyread can score it."""

    code: str  # the primary subtag, lower case: "cy" for "cy-GB"
    how: str  # "declared" or "detected" or "assumed"
    tag: str = ""  # as written in the file

    @property
    def scored(self) -> bool:
        return self.code == ENGLISH

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


def primary(tag: str) -> str:
    """``"cy-GB"`` -> ``"cy"``."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def file_language(declared: str, text: str) -> Language:
    """The declared language if there is one, else the one ``text`` is in."""
    if declared.strip():
        return Language(primary(declared), "declared", declared.strip())
    return detect(text)


def detect(text: str) -> Language:
    """The language of ``text``, English unless it is clearly not."""
    sample = text[:SAMPLE]
    words = [w for w in LETTERS.findall(sample) if not w[:1].isupper() or len(w) == 1]
    if len(words) < MIN_WORDS:
        return Language(ENGLISH, "assumed")
    share = sum(1 for w in words if is_familiar(w)) / len(words)
    if share >= ENGLISH_SHARE:
        return Language(ENGLISH, "detected")
    import py3langid  # only for text that does not look English: it loads a model

    code, _ = py3langid.classify(sample)
    return Language(code, "detected")
