"""Markdown and plain text documents as units of text, with a CommonMark parser.

markdown-it-py reads the document as CommonMark, with GitHub's tables and
the front-matter plugin of mdit-py-plugins. Each heading, list item, table
cell, paragraph and block quote paragraph is a unit. Not prose, so never
read: fenced and indented code blocks, inline code, link reference
definitions, HTML comments, front matter and link addresses. Read: link
texts and the ``alt`` text of pictures. An HTML block is read as HTML.

Plain text (``.txt``) is read the same way, except that an indented line
is a paragraph, not code, and HTML is text: a text file has no markup.

The front matter's ``lang`` or ``language`` is the document's language.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .units import Lines, Unit, align

URL = re.compile(r"\b(?:https?://|www\.)\S+")
EMPHASIS_TAGS = {"i", "em", "u", "cite", "var"}
HTML_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)")
FRONT_LANGUAGE = re.compile(
    r"^(?:lang|language)\s*:\s*[\"']?(?P<tag>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)[\"']?\s*$",
    re.MULTILINE,
)
TAB_CELL = re.compile(r"\S\t+\S")
CELLS = {"th_open", "td_open"}


@cache
def parser(kind: str):  # -> MarkdownIt; imported only when a document is read
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": kind == "markdown"}).enable("table")
    md.use(front_matter_plugin)
    if kind == "text":
        md.disable(["code", "html_block", "html_inline"])
    return md


def front_matter_language(raw: str, kind: str = "markdown") -> tuple[str, int]:
    """The front matter's ``lang`` or ``language`` and its line, or ("", 0)."""
    tokens = parser(kind).parse(raw) if raw.startswith(("---", "+++")) else []
    for token in tokens:
        if token.type == "front_matter" and (match := FRONT_LANGUAGE.search(token.content)):
            return match.group("tag"), token.content.count("\n", 0, match.start()) + 2
    return "", 0


class Reader:
    """Walks markdown-it's tokens and builds one unit per block of prose."""

    def __init__(self, raw: str, kind: str):
        self.raw = raw
        self.lines = Lines(raw)
        self.kind = kind
        self.units: list[Unit] = []
        self.section = ""
        self.items = 0  # list items open around the current token
        self.quote = 0
        self.block = "paragraph"
        self.line = 0

    def read(self) -> tuple[Unit, ...]:
        for token in parser(self.kind).parse(self.raw):
            if token.map:
                self.line = token.map[0]
            kind = token.type
            if kind == "list_item_open":
                self.items += 1
            elif kind == "list_item_close":
                self.items -= 1
            elif kind == "heading_open":
                self.block = "heading"
            elif kind in CELLS:
                self.block = "cell"
            elif kind == "paragraph_open":
                self.block = "item" if self.items else "paragraph"
            elif kind == "inline":
                self.inline(token)
            elif kind == "html_block":
                self.html_block(token)
        return tuple(self.units)

    def inline(self, token) -> None:  # noqa: ANN001 - a markdown-it Token
        if TAB_CELL.search(token.content):
            self.tab_cells(token)
            return
        pieces: list[str] = []
        emphasis: list[tuple[int, int]] = []
        open_at: list[int] = []
        length = 0
        skip_link = False

        def add(text: str) -> None:
            nonlocal length
            text = URL.sub(" ", text)
            pieces.append(text)
            length += len(text)

        for child in token.children or ():
            kind = child.type
            if skip_link and kind != "link_close":
                continue
            if kind == "text":
                add(child.content)
            elif kind in ("softbreak", "hardbreak", "code_inline"):
                add(" ")  # inline code is not prose, but it parts the words around it
            elif kind == "image":
                add(child.content)
            elif kind == "link_open":
                skip_link = child.markup == "autolink"
            elif kind == "link_close":
                skip_link = False
            elif kind == "em_open":
                open_at.append(length)
            elif kind == "em_close" and open_at:
                emphasis.append((open_at.pop(), length))
            elif kind == "html_inline":
                self.inline_tag(child.content, length, open_at, emphasis)
                add(" " if child.content.lower().startswith("<br") else "")
        self.add_unit("".join(pieces), emphasis)

    def tab_cells(self, token) -> None:  # noqa: ANN001 - a markdown-it Token
        """Lines with a tab between their cells are a table: each cell is a unit."""
        first, block = self.line, self.block
        for number, line in enumerate(token.content.split("\n")):
            self.line = first + number
            self.block = "cell" if "\t" in line.strip() else block
            for cell in line.split("\t"):
                self.add_unit(cell, [])
        self.line, self.block = first, block

    @staticmethod
    def inline_tag(tag: str, at: int, open_at: list[int], emphasis: list) -> None:
        match = HTML_TAG.match(tag)
        if match is None or match.group(2).lower() not in EMPHASIS_TAGS:
            return
        if match.group(1) and open_at:
            emphasis.append((open_at.pop(), at))
        elif not match.group(1):
            open_at.append(at)

    def add_unit(self, written: str, emphasis: list[tuple[int, int]]) -> None:
        text, kept = _fold(written, emphasis)
        if not any(ch.isalnum() for ch in text):
            return
        anchors = align(text, self.lines, self.lines.offset(self.line + 1, 1))
        self.units.append(
            Unit(
                text=text,
                kind=self.block,
                section=self.section,
                anchors=anchors,
                emphasis=tuple(kept),
            )
        )
        if self.block == "heading":
            self.section = text

    def html_block(self, token) -> None:  # noqa: ANN001 - a markdown-it Token
        from .documents import html_units

        shift = self.line
        for unit in html_units(token.content, whole_page=True):
            anchors = tuple((at, line + shift, col) for at, line, col in unit.anchors)
            self.units.append(replace(unit, anchors=anchors, section=self.section))


def _fold(written: str, emphasis: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Whitespace folded to single spaces, emphasis offsets moved with it."""
    out: list[str] = []
    new_at = [0] * (len(written) + 1)
    length = 0
    for index, ch in enumerate(written):
        new_at[index] = length
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                length += 1
            continue
        out.append(ch)
        length += 1
    new_at[len(written)] = length
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    kept = [
        (max(new_at[a] - lead, 0), min(new_at[b] - lead, len(text)))
        for a, b in emphasis
        if new_at[b] > new_at[a]
    ]
    return text, kept


def markdown_units(raw: str, kind: str = "markdown") -> tuple[Unit, ...]:
    """Units of a Markdown (``kind="markdown"``) or plain text document."""
    return Reader(raw, kind).read()
