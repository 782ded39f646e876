"""Numbers drawn so a child can see them: little people, a bar, a number.

"8 of the 22 children who could go, went" is drawn as 22 people with 8
filled in; more than ``MAX_FIGURES`` as a bar; a count with nothing to be
out of as the number in a box. Every drawing says the same in its alt text.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Rect, String
from reportlab.graphics.shapes import Path as Outline

from .drawings import HELVETICA, INK, PAD, PAPER, Figure, Lettering, Say, finish

MAX_FIGURES = 50  # more than this many people are drawn as a bar
PER_ROW = 10  # people in a row: rows of ten are easy to count

# --- counts -----------------------------------------------------------------------

CELL_WIDTH, CELL_HEIGHT = 26, 44
LABEL_SIZE = 20
BAR_WIDTH, BAR_HEIGHT = 300, 28


def count_picture(
    count: int, out_of: int | None, font: Lettering = HELVETICA, _: Say = str
) -> Figure | None:
    """``count`` of ``out_of`` as little people, or as a bar when too many."""
    total = out_of if out_of is not None else count
    if total == 0:
        return None
    if total <= MAX_FIGURES:
        return _people(count, total, out_of is not None, font, _)
    if out_of is not None:
        return _bar(count, out_of, font, _)
    return _number(count, font, _)


def share(count: int, out_of: int, _: Say = str) -> str:
    """How much ``count`` is of ``out_of``, in words, without percentages."""
    if count == 0:
        return _("none")
    if count == out_of:
        return _("all")
    if 2 * count < out_of:
        return _("fewer than half")
    return _("half") if 2 * count == out_of else _("more than half")


def _people(count: int, total: int, partial: bool, font: Lettering, _: Say) -> Figure:
    rows = math.ceil(total / PER_ROW)
    width = min(total, PER_ROW) * CELL_WIDTH + 4
    height = LABEL_SIZE + 12 + rows * CELL_HEIGHT
    drawing = Drawing(max(width, 120), height)
    words = {"count": count, "total": total, "share": share(count, total, _)}
    label = _("%(count)s of %(total)s") % words if partial else str(count)
    drawing.add(
        String(
            2,
            height - LABEL_SIZE,
            label,
            fontName=font.bold,
            fontSize=LABEL_SIZE,
            fillColor=INK,
        )
    )
    for index in range(total):
        row, column = divmod(index, PER_ROW)
        x = 2 + column * CELL_WIDTH + CELL_WIDTH / 2
        y = height - LABEL_SIZE - 12 - row * CELL_HEIGHT
        _draw_person(drawing, x, y, filled=index < count)
    if partial:
        alt = (
            _(
                "%(count)s of %(total)s, %(share)s: a picture of %(total)s people "
                "with %(count)s of them filled in."
            )
            % words
        )
    else:
        alt = _("%(count)s: a picture of %(count)s people.") % words
    return finish(drawing, alt, font)


def _draw_person(drawing: Drawing, x: float, top: float, filled: bool) -> None:
    """A little person (a head and a body) whose top is at ``top``."""
    style = {
        "fillColor": INK if filled else PAPER,
        "strokeColor": INK,
        "strokeWidth": 1.5,
    }
    drawing.add(Circle(x, top - 7, 6, **style))
    body = Outline(**style)  # shoulders rounded like a person's, flat feet
    bottom, shoulder, half = top - 36, top - 24, 9
    body.moveTo(x - half, bottom)
    body.lineTo(x - half, shoulder)
    body.curveTo(x - half, top - 14, x + half, top - 14, x + half, shoulder)
    body.lineTo(x + half, bottom)
    body.closePath()
    drawing.add(body)


def _bar(count: int, out_of: int, font: Lettering, _: Say) -> Figure:
    words = {"count": count, "total": out_of, "share": share(count, out_of, _)}
    height = LABEL_SIZE + 12 + BAR_HEIGHT + 4
    drawing = Drawing(BAR_WIDTH + 4, height)
    drawing.add(
        String(
            2,
            height - LABEL_SIZE,
            _("%(count)s of %(total)s") % words,
            fontName=font.bold,
            fontSize=LABEL_SIZE,
            fillColor=INK,
        )
    )
    drawing.add(Rect(2, 2, BAR_WIDTH, BAR_HEIGHT, fillColor=PAPER, strokeColor=INK, strokeWidth=2))
    filled = BAR_WIDTH * count / out_of
    if count:
        drawing.add(Rect(2, 2, max(filled, 3), BAR_HEIGHT, fillColor=INK, strokeColor=None))
    alt = (
        _("%(count)s of %(total)s, %(share)s: a bar with the part for %(count)s filled in.") % words
    )
    return finish(drawing, alt, font)


def _number(count: int, font: Lettering, _: Say) -> Figure:
    size = 2 * LABEL_SIZE
    text = str(count)
    width = math.ceil(font.width(text, size, bold=True)) + 2 * PAD + 4
    drawing = Drawing(width, size + 2 * PAD + 4)
    drawing.add(
        Rect(
            2,
            2,
            width - 4,
            size + 2 * PAD,
            rx=6,
            ry=6,
            fillColor=PAPER,
            strokeColor=INK,
            strokeWidth=2,
        )
    )
    drawing.add(
        String(
            2 + PAD,
            2 + PAD + size * 0.2,
            text,
            fontName=font.bold,
            fontSize=size,
            fillColor=INK,
        )
    )
    return finish(drawing, _("The number %(count)s.") % {"count": count}, font)
