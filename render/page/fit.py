"""A layout's page limit (``max_pages`` in its ``layout.toml``): the page
is laid out as the PDF would be, its pages counted, and a page that would
be too long is an error that says what to shorten, before any file is
written (an HTML-only build is counted too: the poster is one sheet)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from pydantic import BaseModel

from ..errors import InputError, Problem
from ..model import Document
from ..model import markup as text
from ..model.poster import POSTER_SECTIONS
from ..source import Source, format_field
from .layouts import Layout
from .pdf import _errors_fail, locked_fetcher

SHOWN_LONGEST = 3  # how many of the longest texts the error names
_TEXTS = {"text", "how", "who", "title", "what", "meaning"}


SHEET_FILL = 0.92  # how much of its sheet a one-sheet page (a poster) grows to fill
MOST_GROWTH = 1.5  # and the most its text grows by: 16 pt to 24 pt
GAP_SHARE = 0.95  # of the room left after growing, how much goes between its parts


def _laid_out(html: str, layout: Layout, data_folder: Path):
    """``html`` laid out as its PDF would be (a WeasyPrint document)."""
    import weasyprint

    fetcher = locked_fetcher([*layout.search_path, data_folder])
    with _errors_fail("weasyprint"):  # write_pdf reports what goes wrong
        return weasyprint.HTML(
            string=html, base_url=layout.folder.as_uri() + "/", url_fetcher=fetcher
        ).render()


def page_count(html: str, layout: Layout, data_folder: Path) -> int:
    """How many pages ``html`` takes when laid out as its PDF (WeasyPrint)."""
    return len(_laid_out(html, layout, data_folder).pages)


def fitted(render: Callable[[int], str], document: Document, layout: Layout, source: Source) -> str:
    """The page ``render(fit)`` makes at the first ``fit`` (0, 1, ... up to
    the layout's ``fit_steps``) that keeps to the layout's ``max_pages``;
    else the error of ``check_fits`` on the smallest. A layout shows less at
    a higher ``fit`` (the poster: 3 points of each section, then 2, then 1),
    so a theme with bigger text (large print) still fits its pages; a page
    of one fixed sheet then fills it (``filled``). Returns the page and the
    ``fit`` it was made at."""
    for fit in range(layout.fit_steps + 1):
        html = render(fit)
        laid_out = _laid_out(html, layout, source.path.parent)
        pages = len(laid_out.pages)
        if pages <= (layout.page_limit or pages):
            if layout.fixed_pages:
                html = filled(html, laid_out, layout, source.path.parent)
            return html, fit
    check_fits(document, html, layout, source, pages)
    return html, fit  # not reached: check_fits raised


def filled(html: str, laid_out, layout: Layout, data_folder: Path) -> str:
    """``html``, one sheet laid out as ``laid_out``, made to fill its sheet
    as a poster does: its text and pictures grow (``--sheet-scale``, up to
    ``MOST_GROWTH``) until it takes about ``SHEET_FILL`` of the sheet, and
    the room still left goes between its parts (``--sheet-gap`` on each
    element marked ``data-sheet-gap``). The sheet is measured from the
    layout's marks: ``#sheet-top`` and ``#sheet-foot``, fixed to the top
    and foot of the page, and ``#sheet-end`` after the last words. A layout
    without the marks is left as it is."""
    room = _room(laid_out)
    if room is None:
        return html
    used, spare = room
    scale = 1.0
    wanted = min(MOST_GROWTH, (SHEET_FILL * (used + spare) / used) ** (1 / 1.5))
    # text grows in both directions (taller lines, more of them): its height
    # by about scale ** 1.5; if that was too much, half as much growth
    for trying in (wanted, 1 + (wanted - 1) / 2):
        if trying < 1.02:
            break
        grown = _room(_laid_out(_with_sheet(html, trying, 0), layout, data_folder))
        if grown is not None:
            scale, (used, spare) = trying, grown
            break
    # the marked tags: escaped text (a point, a title) holds no "<"
    gaps = len(re.findall(r"<[a-z]+\b[^<>]*\sdata-sheet-gap[\s>]", html))
    return _with_sheet(html, scale, GAP_SHARE * spare / gaps if gaps else 0)


def _room(laid_out) -> tuple[float, float] | None:
    """The height a one-page layout's words take and the empty room under
    them, in CSS px; none if it takes more pages or has no sheet marks."""
    if len(laid_out.pages) != 1:
        return None
    anchors = laid_out.pages[0].anchors
    try:
        top, end, foot = (anchors[mark][1] for mark in ("sheet-top", "sheet-end", "sheet-foot"))
    except KeyError:
        return None
    used = end - top
    return (used, max(0.0, foot - end)) if used > 0 else None


def _with_sheet(html: str, scale: float, gap: float) -> str:
    """``html`` with the print size of its text and the gap between its parts set."""
    style = (
        f"<style>@media print {{ :root {{ --sheet-scale: {scale:.3f}; "
        f"--sheet-gap: {gap:.1f}px; }} }}</style>\n"
    )
    head_end = html.find("</head>")
    return html if head_end < 0 else html[:head_end] + style + html[head_end:]


def check_fits(
    document: Document, html: str, layout: Layout, source: Source, pages: int | None = None
) -> None:
    """``InputError`` if ``html`` takes more than the layout's ``max_pages``:
    by how much, and the longest texts the page shows, where they are written."""
    limit = layout.page_limit
    if not limit:
        return
    pages = pages if pages is not None else page_count(html, layout, source.path.parent)
    if pages <= limit:
        return
    shown = _page_words(html)
    longest = sorted(
        (
            (len(text.plain(value).split()), loc)
            for loc, value in _texts(document.inspection)
            if _normal(text.plain(value)) in shown
        ),
        key=lambda found: -found[0],
    )[:SHOWN_LONGEST]
    over = pages - limit
    allowed = f"{limit} page" + ("s" if limit > 1 else "")
    named = "; ".join(f"{format_field(loc)} ({words} words)" for words, loc in longest)
    advice = "write them shorter"
    if any(loc[0] in POSTER_SECTIONS for _, loc in longest):
        advice += (
            ", or mark fewer or shorter points with 'poster: true' (a section with no "
            "mark shows its first 3)"
        )
    problems = [
        source.problem(
            (),
            f"the '{layout.name}' layout makes at most {allowed}{_why(layout)}, and this "
            f"would be {pages}: {over} page{'s' if over > 1 else ''} too long. The longest "
            f"texts on it: {named or 'none'}; {advice}",
        )
    ]
    problems += [
        Problem(
            *_where(source, loc),
            format_field(loc),
            f"{words} words, among the longest on the {layout.name} page: "
            "shorten it, or choose another point to show",
            severity="note",
        )
        for words, loc in longest
    ]
    raise InputError(problems)


def _why(layout: Layout) -> str:
    themes = layout.roomier_themes
    if not themes:
        return " (max_pages)"
    if layout.fixed_pages:
        return f" (max_pages, on an {layout.paper} sheet for {themes})"
    return f" (max_pages, with more room for {themes})"


def _where(source: Source, loc: tuple) -> tuple[str, int, int]:
    return (str(source.path), *source.where(loc))


def _texts(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(field path, text) for every text field the writer wrote."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
    elif isinstance(value, str) and loc and loc[-1] in _TEXTS:
        yield loc, value


def _normal(words: str) -> str:
    cleaned = unicodedata.normalize("NFC", words).replace("\u00ad", "")
    return " ".join(cleaned.split())


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _page_words(html: str) -> str:
    """The text ``html`` shows, its spaces made one."""
    parser = _Words()
    parser.feed(html)
    return _normal("".join(parser.parts))
