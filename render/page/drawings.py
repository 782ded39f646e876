"""Drawings that carry meaning, made with ReportLab and rendered to SVG.

- ``grade_meter``: one part's grade as a row of boxes, more filled for a
  better grade. (The whole scale is an HTML list in the template: real
  text, and a page may end between two grades.)
- ``count_picture``: "8 of 22" as 22 little people with 8 filled in; a bar
  when there are too many to draw one by one.
- ``qr_code``: the full report's web address, for a printed leaflet.

Each is a ``Figure``: SVG text whose ``<title>`` is the alt text, written
from the data. The templates place a figure as ``<img src="data:..."
alt="...">``: WeasyPrint tags it as a PDF Figure with /Alt, and a screen
reader reads the alt instead of the drawing.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import (
    Drawing,
    Group,
    Rect,
)
from reportlab.graphics.shapes import Path as Outline
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..model import Document, Fact, Framework
from ..source import as_data_url
from .layouts import Layout
from .messages import Gettext

SVG_NS = "http://www.w3.org/2000/svg"
# The colours of layouts/_base/base.css: ink on white is 17:1, the rule
# colour on white 5.6:1.
INK = colors.HexColor("#1a1a1a")
PAPER = colors.white
RULE = colors.HexColor("#5a6b7b")
Say = Gettext  # a message in the page's language
QR_SIZE = 128  # drawing units: 8em, about 45 mm in print
UNITS_PER_EM = 16  # drawings are measured so that 16 units are 1em of body text


@dataclass(frozen=True)
class Lettering:
    """The font a drawing is measured and written in."""

    regular: str  # ReportLab font names, for measuring
    bold: str
    css_family: str  # what the SVG asks for, with fallbacks

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, self.bold if bold else self.regular, size)


HELVETICA = Lettering("Helvetica", "Helvetica-Bold", "Helvetica, Arial, sans-serif")


@dataclass(frozen=True)
class Figure:
    """A drawing as SVG text, and the alt text that says what it shows."""

    svg: str
    alt: str
    width: int  # in drawing units (UNITS_PER_EM to 1em)
    height: int

    @property
    def data_url(self) -> str:
        return as_data_url("image/svg+xml", self.svg.encode("utf-8"))

    @property
    def em_width(self) -> float:
        """The width to show it at, so its text is as big as the page's."""
        return round(self.width / UNITS_PER_EM, 3)


@dataclass(frozen=True)
class Figures:
    """Every drawing of one summary."""

    counts: Mapping[Fact, Figure]
    report: Figure | None
    parts: tuple[Figure, ...] = ()  # a meter for each graded part, in order


def draw_figures(document: Document, layout: Layout) -> Figures:
    """The drawings for ``document`` in ``layout``'s font, their words in
    the document's language."""
    font = lettering(layout)
    from .counts import count_picture  # it draws with this module's helpers

    _ = layout.translations(document.inspection.language).gettext
    inspection = document.inspection
    judgement = inspection.judgement
    counts = {fact: count_picture(fact.count, fact.out_of, font, _) for fact in inspection.facts}
    return Figures(
        counts={fact: figure for fact, figure in counts.items() if figure is not None},
        report=qr_code(str(inspection.full_report.url), _) if inspection.full_report else None,
        parts=tuple(
            grade_meter(document.framework, part.grade, _)
            for part in (judgement.parts if judgement else ())
        ),
    )


def lettering(layout: Layout) -> Lettering:
    """The layout's regular and bold fonts, registered with ReportLab."""
    files = layout.fonts
    if "400" not in files or "700" not in files:
        return HELVETICA
    names = [_register(layout.find(files[weight])) for weight in ("400", "700")]
    return Lettering(*names, f"'{layout.font_family}', Verdana, Arial, sans-serif")


def _register(path: Path) -> str:
    name = f"easyread-{path.stem}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


# --- a grade's meter -------------------------------------------------------------

PAD = 10
METER_BOX, METER_GAP = 26, 5


def grade_meter(framework: Framework, given: str, _: Say = str) -> Figure:
    """One grade as a row of boxes, filled from the left: all of them for
    the best grade, one for the worst ("more filled boxes is better"), so a
    part's grade can be seen at a glance beside the others."""
    steps = len(framework.scale)
    place = next(i for i, g in enumerate(framework.scale) if g.id == given)
    filled = steps - place
    drawing = Drawing(steps * (METER_BOX + METER_GAP), METER_BOX + 4)
    for index in range(steps):
        style = (
            {"fillColor": INK, "strokeColor": INK}
            if index < filled
            else {"fillColor": PAPER, "strokeColor": RULE}
        )
        x = 2 + index * (METER_BOX + METER_GAP)
        drawing.add(Rect(x, 2, METER_BOX, METER_BOX, rx=4, ry=4, strokeWidth=2, **style))
    grade = framework.scale[place]
    alt = _("%(grade)s: %(filled)s of %(steps)s boxes filled. More filled boxes is better.") % {
        "grade": grade.name,
        "filled": filled,
        "steps": steps,
    }
    return finish(drawing, alt, HELVETICA)


# --- the QR code --------------------------------------------------------------------


def qr_code(url: str, _: Say = str) -> Figure:
    """A QR code of ``url``, with the quiet border that readers need."""
    widget = QrCodeWidget(url, barLevel="M", barBorder=4)
    widget.qr.make()
    # whole units per module keep the path short; the group scales it to size
    modules = widget.qr.getModuleCount() + 2 * widget.barBorder
    widget.barWidth = widget.barHeight = modules
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(Rect(0, 0, QR_SIZE, QR_SIZE, fillColor=PAPER, strokeColor=None))
    code = Group(_one_outline(widget.draw().contents))
    code.scale(QR_SIZE / modules, QR_SIZE / modules)
    drawing.add(code)
    return finish(drawing, _("QR code of the web address of the full report."), HELVETICA)


def _one_outline(rects: list) -> Outline:
    """The dark modules as one path: a fraction of the SVG of one rect each."""
    outline = Outline(fillColor=INK, strokeColor=None, strokeWidth=0)
    for rect in rects:
        if rect.fillColor is None:  # the widget's own frame
            continue
        x, y, w, h = (round(v) for v in (rect.x, rect.y, rect.width, rect.height))
        outline.moveTo(x, y)
        outline.lineTo(x + w, y)
        outline.lineTo(x + w, y + h)
        outline.lineTo(x, y + h)
        outline.closePath()
    return outline


# --- text and SVG -------------------------------------------------------------------


def wrap(text: str, font: Lettering, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` in lines that fit ``width``, with room for a wider fallback font."""
    room = width * 0.9
    lines: list[str] = []
    for word in text.split():
        if lines and font.width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def finish(drawing: Drawing, alt: str, font: Lettering) -> Figure:
    """Render ``drawing`` to SVG with ``alt`` as its title and the CSS font."""
    root = ET.fromstring(renderSVG.drawToString(drawing).encode("utf-8"))
    for old in root.findall(f"{{{SVG_NS}}}title") + root.findall(f"{{{SVG_NS}}}desc"):
        root.remove(old)  # ReportLab's placeholders ("...")
    title = ET.Element(f"{{{SVG_NS}}}title")
    title.text = alt
    root.insert(0, title)
    root.set("role", "img")
    weights = {font.regular: "400", font.bold: "700"}

    def css_font(match: re.Match[str]) -> str:
        weight = weights.get(match[1].strip(), "400")
        return f"font-family: {font.css_family}; font-weight: {weight}"

    for element in root.iter(f"{{{SVG_NS}}}text"):
        element.set("style", _FONT_FAMILY.sub(css_font, element.get("style", "")))
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    svg = ET.tostring(root, encoding="unicode")
    return Figure(svg, alt, math.ceil(drawing.width), math.ceil(drawing.height))


_FONT_FAMILY = re.compile(r"font-family:\s*([^;]+)")
