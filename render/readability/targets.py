"""Reading targets: the limits a text must meet, as data.

The bundled targets are in ``render/resources/targets.toml``; a project adds
its own in its settings (``[tool.easyread.targets.NAME]``), optionally
starting from a bundled one with ``extends``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, did_you_mean
from ..resources import resource
from .scores import Scores

BUNDLED = resource("targets.toml")
DEFAULT = "reading-age-9"
GRADE_TO_AGE = 5


class UnknownTarget(ValueError):
    """A target asked for by name (``check --target``) that does not exist.

    Not an ``InputError``: no file is to blame, the command line is.
    """


@dataclass(frozen=True)
class Limit:
    """One limit of a target, and whether some scores meet it."""

    id: str
    label: str
    value: float
    limit: float
    at_most: bool

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.at_most else self.value >= self.limit


@dataclass(frozen=True)
class ReadingTarget:
    """What a text must meet: a Flesch-Kincaid grade, sentence lengths..."""

    id: str
    name: str
    max_grade: float
    source: str = ""
    min_reading_ease: float | None = None
    avg_words: float | None = None
    max_words: int | None = None
    warn_words: int | None = None

    @property
    def reading_age(self) -> int:
        """The UK reading age: US grade + 5."""
        return round(self.max_grade + GRADE_TO_AGE)

    @property
    def long_sentence(self) -> int | None:
        """Words above which a sentence gets a warning."""
        return self.warn_words or self.max_words

    def limits(self, scores: Scores) -> list[Limit]:
        """Each limit this target sets, measured on ``scores``."""
        wanted = [
            ("flesch_kincaid_grade", "Flesch-Kincaid grade", self.max_grade, True),
            (
                "flesch_reading_ease",
                "Flesch Reading Ease",
                self.min_reading_ease,
                False,
            ),
            ("words_per_sentence", "Words a sentence", self.avg_words, True),
            ("longest_sentence", "Longest sentence", self.max_words, True),
        ]
        return [
            Limit(key, label, getattr(scores, key), limit, at_most)
            for key, label, limit, at_most in wanted
            if limit is not None
        ]


KEYS = {f.name for f in fields(ReadingTarget)} - {"id"}


def load_targets(
    custom: dict[str, Any] | None = None, origin: Path | None = None
) -> dict[str, ReadingTarget]:
    """The bundled targets plus ``custom`` ones (from the settings at ``origin``)."""
    targets = {
        name: _target(name, table, {}, BUNDLED)
        for name, table in tomllib.loads(BUNDLED.read_text(encoding="utf-8")).items()
    }
    for name, table in (custom or {}).items():
        targets[name] = _target(name, table, targets, origin or Path("settings"))
    return targets


def _target(name: str, table: Any, known: dict[str, ReadingTarget], origin: Path) -> ReadingTarget:
    where = f"targets.{name}"
    if not isinstance(table, dict):
        raise InputError.single(origin, "a target is a table of limits", field=where)
    table = dict(table)
    base = table.pop("extends", None)
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise InputError.single(
            origin,
            f"unknown key '{unknown[0]}'{did_you_mean(unknown[0], KEYS)}; "
            f"a target may set: extends, {', '.join(sorted(KEYS))}",
            field=where,
        )
    _check_types(table, origin, where)
    try:
        if base is not None:
            parent = find_target(str(base), known, origin, where + ".extends")
            return replace(parent, id=name, **table)
        return ReadingTarget(id=name, **{"name": name, **table})
    except TypeError:
        raise InputError.single(
            origin, "set max_grade: every target needs one", field=where
        ) from None


TEXT_KEYS = {"name", "source"}


def _check_types(table: dict[str, Any], origin: Path, where: str) -> None:
    for key, value in table.items():
        text = key in TEXT_KEYS
        ok = (
            isinstance(value, str)
            if text
            else (isinstance(value, int | float) and not isinstance(value, bool) and value >= 0)
        )
        if not ok:
            kind = "text" if text else "a number, 0 or more"
            raise InputError.single(origin, f"write {kind} here", field=f"{where}.{key}")


def find_target(
    name: str,
    targets: dict[str, ReadingTarget],
    origin: Path | str,
    field: str = "target",
    line: int = 1,
    col: int = 1,
) -> ReadingTarget:
    """The target called ``name``, or an error naming the known ones."""
    if name in targets:
        return targets[name]
    raise InputError.single(
        origin, unknown_target_message(name, targets), line=line, col=col, field=field
    )


def unknown_target_message(name: str, targets: dict[str, ReadingTarget]) -> str:
    return (
        f"unknown reading target '{name}'{did_you_mean(name, targets)}; known targets: "
        f"{', '.join(targets)} (or add one under [tool.easyread.targets])"
    )
