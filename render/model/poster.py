"""Which points a one-page layout shows: the writer's ``poster: true``
marks, else the first few of each section.

A poster has room for ``POSTER_LIMIT`` points a section; the writer marks
the most important with ``poster: true`` (``Point.poster``,
``Contact.poster``). A section with no mark shows its first points; more
marks than the poster holds, or a mark in a section no poster shows, is
an error at the mark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from .document import Contact, Inspection, Point

POSTER_LIMIT = 3
# the sections whose points a poster chooses among
POSTER_SECTIONS = ("going_well", "to_improve", "talk_to")
# the sections of points that no poster shows: a mark there does nothing
_UNSHOWN = (("about",), ("next_steps",), ("reply", "said"))

T = TypeVar("T", Point, Contact)


def chosen(points: Sequence[T]) -> list[tuple[int, T]]:
    """The points a poster shows, with their places in ``points``: the
    marked ones, else the first ``POSTER_LIMIT``."""
    marked = [(i, p) for i, p in enumerate(points) if p.poster]
    return marked[:POSTER_LIMIT] if marked else list(enumerate(points))[:POSTER_LIMIT]


def mark_problems(inspection: Inspection) -> Iterator[tuple[tuple, str]]:
    """(field path, message) for each ``poster`` mark that cannot be kept."""
    for section in POSTER_SECTIONS:
        points = getattr(inspection, section)
        marked = [i for i, p in enumerate(points) if p.poster]
        if len(marked) > POSTER_LIMIT:
            places = ", ".join(f"{section}[{i}]" for i in marked)
            yield (
                (section, marked[POSTER_LIMIT], "poster"),
                f"{len(marked)} points of {section} are marked 'poster: true' "
                f"({places}), and a poster shows {POSTER_LIMIT} at most: "
                f"keep the mark on the {POSTER_LIMIT} that matter most",
            )
    for path in _UNSHOWN:
        points = inspection
        for name in path:
            points = getattr(points, name, None) if points is not None else None
        for index, point in enumerate(points or ()):
            if point.poster:
                where = ".".join(path)
                yield (
                    (*path, index, "poster"),
                    "a poster shows only going_well, to_improve and talk_to, never "
                    f"{where}: remove 'poster: true' here",
                )
