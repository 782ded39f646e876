"""Markdown, plain text and HTML documents as units of text.

Markdown and plain text are read line by line: a blank line ends a
paragraph; each heading (``#``), list item (``-``, ``*``, ``1.``), table
cell (``|`` or a tab between cells) is its own unit; links keep their words,
addresses and markup are dropped. HTML is read with the standard library's
parser: each block element (``p``, ``li``, ``h1``, ``td``...) is a unit, and
so is each picture's ``alt`` text.

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
from .units import TextFile, Unit, directives, file_kind

COMMENT_DIRECTIVE = re.compile(r"<!--\s*easyread:\s*ignore\b(?P<rules>.*?)-->")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+")
RULE_LINE = re.compile(r"^\s*([-*_=])(?:\s*\1){2,}\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")
FENCE = re.compile(r"^\s*(```|~~~)")
QUOTE = re.compile(r"^\s*>\s?")
INLINE = re.compile(
    r"(?P<image>!\[(?P<alt>[^\]]*)\]\([^)]*\))"
    r"|(?P<link>\[(?P<label>[^\]]+)\]\([^)]*\))"
    r"|(?P<auto><(?:https?|mailto):[^>]+>)"
    r"|(?P<url>\b(?:https?://|www\.)\S+)"
    r"|(?P<tag></?(?P<tagname>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>)"
    r"|(?P<strong>\*\*|__)"
    r"|(?P<italic>(?<![\w*])[*_](?=[^\s*_])(?P<itext>[^*_\n]+?)(?<=\S)[*_](?![\w*]))"
    r"|(?P<code>`+)"
)
EMPHASIS_TAGS = {"i", "em", "u", "cite", "var"}
TERM = re.compile(r"^\**(?P<term>[\w'’ -]{2,40}?)\**\s*(?::|–|—|\s-)\s+\S")


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> TextFile:
    """Read a ``.md``, ``.txt`` or ``.html`` file as units of text."""
    raw = read_text(path, max_bytes)
    kind = file_kind(path)
    units = html_units(raw) if kind == "html" else markdown_units(raw)
    return TextFile(
        path=str(path),
        kind=kind,
        units=units,
        glossary=explained_terms(units),
        ignores=directives(raw, COMMENT_DIRECTIVE),
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


# --- Markdown and plain text ------------------------------------------------------


class MarkdownReader:
    """A line-by-line reader of the Markdown most writers use."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.section = ""
        self.current: Builder | None = None
        self.kind = "paragraph"
        self.in_fence = False
        self.in_comment = False

    def read(self, raw: str) -> tuple[Unit, ...]:
        lines = raw.splitlines()
        start = _front_matter_end(lines)
        for number, line in enumerate(lines[start:], start=start + 1):
            self.line(_drop_comments(self, line), number)
        self.flush()
        return tuple(self.units)

    def line(self, line: str, number: int) -> None:
        if FENCE.match(line):
            self.flush()
            self.in_fence = not self.in_fence
        elif self.in_fence:
            return
        elif not line.strip():
            self.flush()
        elif heading := HEADING.match(line):
            self.flush()
            self.section = heading.group(2)
            self.one(heading.group(2), number, heading.start(2) + 1, "heading")
        elif RULE_LINE.match(line):
            self.underline(line)
        elif line.lstrip().startswith("|") or "\t" in line.strip():
            self.cells(line, number)
        elif item := ITEM.match(line):
            self.flush()
            self.start("item")
            self.inline(line[item.end() :], number, item.end() + 1)
        else:
            self.paragraph_line(line, number)

    def paragraph_line(self, line: str, number: int) -> None:
        quote = QUOTE.match(line)
        offset = quote.end() if quote else len(line) - len(line.lstrip())
        if self.current is None:
            self.start("paragraph")
        self.inline(line[offset:], number, offset + 1)

    def underline(self, line: str) -> None:
        """``===`` or ``---`` under a paragraph makes it a heading."""
        if self.current is not None and line.strip()[0] in "=-":
            self.kind = "heading"
            self.section = self.current.text
        self.flush()

    def cells(self, line: str, number: int) -> None:
        self.flush()
        if TABLE_SEPARATOR.match(line) and set(line.strip()) <= set("|:- \t"):
            return
        separator = "|" if line.lstrip().startswith("|") else "\t"
        col = 0
        for cell in line.split(separator):
            self.one(cell, number, col + 1, "cell")
            col += len(cell) + 1

    def one(self, content: str, number: int, col: int, kind: str) -> None:
        self.start(kind)
        self.inline(content, number, col)
        self.flush()

    def start(self, kind: str) -> None:
        self.current = Builder()
        self.kind = kind

    def inline(self, content: str, number: int, col: int) -> None:
        """Add one line's text without its markup."""
        assert self.current is not None
        builder = self.current
        builder.space()
        pos = 0
        open_at: int | None = None
        for match in INLINE.finditer(content):
            builder.add(content[pos : match.start()], number, col + pos)
            pos = match.end()
            if match.group("alt") or match.group("label"):
                group = "alt" if match.group("alt") else "label"
                builder.add(match.group(group), number, col + match.start(group))
            elif match.group("itext"):
                first = len(builder.anchors)
                builder.add(match.group("itext"), number, col + match.start("itext"))
                if len(builder.anchors) > first:
                    builder.emphasis.append((builder.anchors[first][0], builder.length))
            elif match.group("tagname") and match.group("tagname").lower() in EMPHASIS_TAGS:
                if match.group().startswith("</") and open_at is not None:
                    builder.emphasis.append((open_at, builder.length))
                    open_at = None
                else:
                    open_at = builder.length
        builder.add(content[pos:], number, col + pos)

    def flush(self) -> None:
        if self.current is not None:
            unit = self.current.unit(self.kind, self.section)
            if unit is not None:
                self.units.append(unit)
        self.current = None
        self.kind = "paragraph"


def markdown_units(raw: str) -> tuple[Unit, ...]:
    """Units of a Markdown or plain text document."""
    return MarkdownReader().read(raw)


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return index + 1
    return 0


def _drop_comments(reader: MarkdownReader, line: str) -> str:
    """Blank out HTML comments (kept as spaces so columns stay right)."""
    out = []
    pos = 0
    while pos < len(line):
        if reader.in_comment:
            end = line.find("-->", pos)
            stop = len(line) if end < 0 else end + 3
            out.append(" " * (stop - pos))
            reader.in_comment = end < 0
            pos = stop
            continue
        begin = line.find("<!--", pos)
        if begin < 0:
            out.append(line[pos:])
            break
        out.append(line[pos:begin])
        reader.in_comment = True
        pos = begin
    return "".join(out)


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


class HTMLReader(HTMLParser):
    """Block elements become units; picture alt texts too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.units: list[Unit] = []
        self.section = ""
        self.current = Builder()
        self.kinds = ["paragraph"]
        self.skipping: list[str] = []
        self.emphasis_at: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping.append(tag)
        if self.skipping:
            return
        if tag in BLOCKS:
            self.flush()
            self.kinds.append(BLOCKS[tag])
        elif tag in EMPHASIS_TAGS:
            self.emphasis_at.append(self.current.length)
        elif tag == "br":
            self.current.space()
        elif tag == "img":
            self.alt_text(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in BLOCKS:
            self.flush()
            if len(self.kinds) > 1:
                self.kinds.pop()
        elif tag in EMPHASIS_TAGS and self.emphasis_at:
            self.current.emphasis.append((self.emphasis_at.pop(), self.current.length))

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            line, col = self.getpos()
            self.current.add(data, line, col + 1)

    def alt_text(self, alt: str) -> None:
        line, col = self.getpos()
        builder = Builder()
        builder.add(alt, line, col + 1)
        unit = builder.unit("alt", self.section)
        if unit is not None:
            self.units.append(unit)

    def flush(self) -> None:
        unit = self.current.unit(self.kinds[-1], self.section)
        if unit is not None:
            self.units.append(unit)
            if unit.kind == "heading":
                self.section = unit.text
        self.current = Builder()


def html_units(raw: str) -> tuple[Unit, ...]:
    """Units of an HTML document."""
    reader = HTMLReader()
    reader.feed(raw)
    reader.close()
    reader.flush()
    return tuple(reader.units)
