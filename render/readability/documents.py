"""Markdown, plain text and HTML documents as units of text.

Markdown and plain text are read by ``markdown.py`` (a CommonMark parser).
HTML is read with the standard library's parser: each block element (``p``,
``li``, ``h1``, ``td``...) is a unit, and so is each picture's ``alt`` text.
Only the page's main content is prose: its ``<main>`` (or ``role="main"``);
without one, the body less ``nav``, ``header``, ``footer``, ``aside``,
hidden parts, cookie banners and skip links. The ``<title>`` is never
prose. ``whole_page`` reads every element's text instead.

Italic and underlined text is remembered for the emphasis rule. A hard word
counts as explained when the document has a word list entry for it
(``**word**: meaning``, ``word - meaning``, an HTML ``<dt>``).

An HTML comment on a line silences rules for the sentences on that line::

    The hub was praised by inspectors. <!-- easyread: ignore passive-voice -->
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..source import MAX_BYTES, read_text
from .markdown import front_matter_language, markdown_units
from .units import TextFile, Unit, directives, file_kind

COMMENT_DIRECTIVE = re.compile(r"<!--\s*easyread:\s*ignore\b(?P<rules>.*?)-->")
EMPHASIS_TAGS = {"i", "em", "u", "cite", "var"}
TERM = re.compile(r"^\**(?P<term>[\w'’ -]{2,40}?)\**\s*(?::|–|—|\s-)\s+\S")


def read_document(path: Path, max_bytes: int = MAX_BYTES, whole_page: bool = False) -> TextFile:
    """Read a ``.md``, ``.txt`` or ``.html`` file as units of text."""
    raw = read_text(path, max_bytes)
    kind = file_kind(path) or "text"
    if kind == "html":
        reader = read_html(raw, whole_page)
        units, language, language_at = tuple(reader.units), reader.language, reader.language_at
    else:
        units = markdown_units(raw, kind)
        language, line = front_matter_language(raw, kind)
        language_at = (line, 1) if line else (0, 0)
    return TextFile(
        path=str(path),
        kind=kind,
        units=units,
        glossary=explained_terms(units),
        ignores=directives(raw, COMMENT_DIRECTIVE),
        language=language,
        language_at=language_at,
    )


def explained_terms(units: tuple[Unit, ...]) -> tuple[str, ...]:
    """Words the document explains in a word list."""
    terms = [u.text for u in units if u.kind == "term"]
    terms += [
        m.group("term").strip()
        for u in units
        if u.kind in ("item", "paragraph")
        if (m := TERM.match(u.text))
    ]
    return tuple(dict.fromkeys(terms))


# --- building a unit's text --------------------------------------------------------


@dataclass
class Builder:
    """Collects pieces of text into one unit, whitespace folded, with anchors."""

    parts: list[str] = field(default_factory=list)  # joined once: += on an attribute is quadratic
    length: int = 0
    anchors: list[tuple[int, int, int]] = field(default_factory=list)
    emphasis: list[tuple[int, int]] = field(default_factory=list)

    def add(self, piece: str, line: int, col: int) -> None:
        """Add ``piece``, which starts at ``line``:``col`` of the file."""
        # counted gap by gap: slicing the whole piece before each word was quadratic
        newlines, last_newline, previous = 0, -1, 0
        for match in re.finditer(r"\S+", piece):
            gap = piece[previous : match.start()]
            if match.start():
                self.space()
            if "\n" in gap:
                newlines += gap.count("\n")
                last_newline = previous + gap.rfind("\n")
            at_col = match.start() - last_newline if last_newline >= 0 else col + match.start()
            self.anchors.append((self.length, line + newlines, at_col))
            self._append(match.group())
            previous = match.end()
        if piece[-1:].isspace():
            self.space()

    def cut(self, length: int, anchors: int) -> None:
        """Forget everything added after ``length`` characters and ``anchors`` words."""
        self.parts = [self.text[:length]]
        self.length = length
        del self.anchors[anchors:]

    def space(self) -> None:
        if self.parts and not self.parts[-1].endswith(" "):
            self._append(" ")

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def unit(self, kind: str, section: str) -> Unit | None:
        text = self.text.rstrip()
        if not any(ch.isalnum() for ch in text):
            return None
        return Unit(
            text=text,
            kind=kind,
            section=section,
            anchors=tuple(self.anchors),
            emphasis=tuple(self.emphasis),
        )


# --- HTML -------------------------------------------------------------------------


BLOCKS = {
    "p": "paragraph",
    "div": "paragraph",
    "blockquote": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "header": "paragraph",
    "footer": "paragraph",
    "main": "paragraph",
    "nav": "paragraph",
    "aside": "paragraph",
    "body": "paragraph",
    "form": "paragraph",
    "pre": "paragraph",
    "label": "paragraph",
    "button": "paragraph",
    "summary": "paragraph",
    "legend": "paragraph",
    "figure": "paragraph",
    "ul": "paragraph",
    "ol": "paragraph",
    "dl": "paragraph",
    "table": "paragraph",
    "tr": "paragraph",
    "details": "paragraph",
    "li": "item",
    "dd": "item",
    "dt": "term",
    "td": "cell",
    "th": "cell",
    "caption": "cell",
    "figcaption": "cell",
    "title": "heading",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
}
SKIPPED = {"script", "style", "noscript", "template", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
CHROME_TAGS = {"nav", "header", "footer", "aside"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
COOKIE = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
SKIP_LINK = re.compile(r"^\s*skip\b", re.IGNORECASE)


def is_chrome(tag: str, attrs: dict[str, str | None]) -> bool:
    """Is this element around the content, not the content (menus, banners)?"""
    marks = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return (
        tag in CHROME_TAGS
        or "hidden" in attrs
        or (attrs.get("aria-hidden") or "").lower() == "true"
        or (attrs.get("role") or "").lower() in CHROME_ROLES
        or COOKIE.search(marks) is not None
    )


class HTMLReader(HTMLParser):
    """Block elements become units; picture alt texts too.

    Units inside ``<main>`` are kept apart from the rest: when the page has
    a main part, only its units are prose.
    """

    def __init__(self, whole_page: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.main_units: list[Unit] = []
        self.other_units: list[Unit] = []
        self.section = ""
        self.current = Builder()
        self.in_main = False
        self.kinds = ["paragraph"]
        self.skipping: list[str] = []
        self.emphasis_at: list[int] = []
        self.open: list[tuple[str, bool, bool]] = []  # (tag, chrome, main)
        self.chrome = 0
        self.main = 0
        self.seen_main = False
        self.link_at: tuple[int, int] | None = None
        self.language = ""
        self.language_at = (0, 0)

    @property
    def units(self) -> list[Unit]:
        if self.whole_page or not self.seen_main:
            return self.other_units + self.main_units
        return self.main_units

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in ("html", "body", "main") and named.get("lang") and not self.language:
            self.language = named["lang"] or ""
            self.language_at = self.getpos()[0], self.getpos()[1] + 1
        if tag in SKIPPED or (tag == "title" and not self.whole_page):
            self.skipping.append(tag)
        if self.skipping:
            return
        if tag not in VOID:
            self.enter(tag, named)
        if self.chrome:
            return
        if tag in BLOCKS:
            self.flush()
            self.kinds.append(BLOCKS[tag])
        elif tag in EMPHASIS_TAGS:
            self.emphasis_at.append(self.current.length)
        elif tag == "br":
            self.current.space()
        elif tag == "img" and not is_chrome(tag, named):
            self.alt_text(named.get("alt") or "")
        elif tag == "a" and (named.get("href") or "").startswith("#"):
            self.link_at = (self.current.length, len(self.current.anchors))

    def enter(self, tag: str, named: dict[str, str | None]) -> None:
        chrome = not self.whole_page and is_chrome(tag, named)
        if tag in ("header", "footer") and self.main:
            chrome = False  # a header inside the main part is the content's own
        main = tag == "main" or (named.get("role") or "").lower() == "main"
        self.open.append((tag, chrome, main))
        self.chrome += chrome
        self.main += main
        self.seen_main = self.seen_main or main

    def leave(self, tag: str) -> None:
        if not any(t == tag for t, _, _ in self.open):
            return  # a stray end tag
        while self.open:
            name, chrome, main = self.open.pop()
            self.chrome -= chrome
            self.main -= main
            if name == tag:
                return

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        was_chrome = self.chrome
        if tag == "a" and self.link_at is not None:
            self.skip_link()
        if tag not in VOID:
            self.leave(tag)
        if was_chrome:
            return
        if tag in BLOCKS:
            self.flush()
            if len(self.kinds) > 1:
                self.kinds.pop()
        elif tag in EMPHASIS_TAGS and self.emphasis_at:
            self.current.emphasis.append((self.emphasis_at.pop(), self.current.length))

    def skip_link(self) -> None:
        """A link to a part of the page that says "Skip to ..." is not prose."""
        assert self.link_at is not None
        length, anchors = self.link_at
        self.link_at = None
        if not self.whole_page and SKIP_LINK.match(self.current.text[length:]):
            self.current.cut(length, anchors)

    def handle_data(self, data: str) -> None:
        if not self.skipping and not self.chrome:
            line, col = self.getpos()
            self.current.add(data, line, col + 1)
            self.in_main = self.in_main or self.main > 0

    def alt_text(self, alt: str) -> None:
        line, col = self.getpos()
        builder = Builder()
        builder.add(alt, line, col + 1)
        unit = builder.unit("alt", self.section)
        if unit is not None:
            (self.main_units if self.main else self.other_units).append(unit)

    def flush(self) -> None:
        unit = self.current.unit(self.kinds[-1], self.section)
        if unit is not None:
            (self.main_units if self.in_main else self.other_units).append(unit)
            if unit.kind == "heading":
                self.section = unit.text
        self.current = Builder()
        self.in_main = False
        self.link_at = None


def read_html(raw: str, whole_page: bool = False) -> HTMLReader:
    """The HTML document read: its units, and its declared language."""
    reader = HTMLReader(whole_page)
    reader.feed(raw)
    reader.close()
    reader.flush()
    return reader


def html_units(raw: str, whole_page: bool = False) -> tuple[Unit, ...]:
    """Units of an HTML document (only its main content unless ``whole_page``)."""
    return tuple(read_html(raw, whole_page).units)
