"""The inputs of a build: files named, and the inspection files in folders.

A folder means every inspection file in it and below it, found as
``easyread check`` finds them (hidden files and ``exclude`` patterns left
out): framework files and other YAML and JSON files are skipped. A file
named on its own is always built, so a mistake in it is reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import InputError, Problem, is_dir
from ..readability import expand_paths
from ..settings import Settings
from ..source import MAX_BYTES

LOG = logging.getLogger(__name__)
DATA_SUFFIXES = (".yaml", ".yml", ".json")


def find_inputs(
    paths: Iterable[Path],
    settings: Settings,
    max_bytes: int = MAX_BYTES,
    known: Callable[[Path], bool] = lambda path: False,
) -> list[Path]:
    """The inspection files to build in ``paths``, or ``InputError``.

    ``known(path)`` says a file is an inspection already built unchanged
    (the manifest knows its bytes), so it need not be parsed to tell.
    """
    problems: list[Problem] = []
    found: list[Path] = []
    for path in paths:
        if not is_dir(path):  # a file (or a mistake) named: build_one reports it
            found.append(path)
            continue
        wanted = [p for p, _ in expand_paths([path], settings, problems)]
        found += [p for p in wanted if _is_inspection(p, max_bytes, known)]
    if problems:
        raise InputError(problems)
    return list(dict.fromkeys(found))


def _is_inspection(path: Path, max_bytes: int, known: Callable[[Path], bool]) -> bool:
    if path.suffix.lower() not in DATA_SUFFIXES:
        return False
    if known(path):
        return True
    from ..readability import read_if_inspection

    try:
        if read_if_inspection(path, max_bytes) is None:
            LOG.info("skipped %s: not an inspection file", path)
            return False
    except InputError:
        return True  # it says it is an inspection: the build reports what is wrong
    return True


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` as the pair (K, N), 1 <= K <= N; ``ValueError`` says what is wrong."""
    head, sep, tail = text.partition("/")
    if not (sep and head.strip().isdigit() and tail.strip().isdigit()):
        raise ValueError(f"'{text}' is not K/N: write it as 1/4 (the first of 4 shares)")
    k, n = int(head), int(tail)
    if not 1 <= k <= n:
        raise ValueError(f"'{text}': K must be from 1 to N (here 1 to {max(n, 1)})")
    return k, n


def take_shard(inputs: Sequence[Path], k: int, n: int) -> list[Path]:
    """The K-th of N shares of ``inputs``: every N-th input sorted by output
    name, from the K-th. The same inputs give the same shares on any runner,
    whatever order they were named in, and the N shares hold each input
    exactly once."""
    ordered = sorted(inputs, key=lambda p: (p.stem, p.as_posix()))
    return ordered[k - 1 :: n]
