"""easyread's own PDF checks, from the structure tree and the page text.

What neither validator says: every font that is not embedded, every heading
that skips a level or has no text, bookmarks that follow the headings, and
the reading order against the order the pages are drawn. The structure tree
is read with pikepdf; the text of its elements and of the pages comes from
poppler (``pdfinfo -struct-text`` and ``pdftotext``).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..findings import Finding, Rule, whole_file_finding

HEADING = re.compile(r"/?H[1-6]?")


RULES = {
    rule.id: rule
    for rule in (
        Rule(
            "pdf/fonts-embedded",
            "error",
            "Every font the pages use is embedded.",
            "Turn on 'embed all fonts' (or 'embed fonts as subsets') when exporting.",
        ),
        Rule(
            "pdf/headings",
            "error",
            "Headings have text and go down one level at a time.",
            "Use heading styles (Heading 1, Heading 2...) in order: one H1, then H2s "
            "under it, never skipping a level.",
        ),
        Rule(
            "pdf/bookmarks",
            "warning",
            "Bookmarks exist and follow the headings.",
            "Export with 'create bookmarks from headings' so readers can jump to each part.",
        ),
        Rule(
            "pdf/reading-order",
            "warning",
            "The tags give the text in the order it is drawn on the pages.",
            "Fix the order of the tags (Acrobat: Reading Order tool) so that a screen "
            "reader reads the text in the order a sighted reader does.",
        ),
    )
}


@dataclass
class Structure:
    """A PDF's structure elements in reading order, with their text."""

    elements: list[Element] = field(default_factory=list)

    @property
    def headings(self) -> list[Element]:
        return [e for e in self.elements if HEADING.fullmatch(e.role)]

    def words(self) -> list[str]:
        """The words of the text, leaving out what is inside figures.

        A figure is read out as its alt text; the order of any text drawn
        inside it (a chart's labels) is no part of the reading order.
        """
        return [w for e in self.outside_figures() for w in words_in(e.own_text)]

    def outside_figures(self) -> Iterator[Element]:
        figure_depth = None
        for element in self.elements:
            if figure_depth is not None and element.depth > figure_depth:
                continue
            figure_depth = element.depth if element.role == "Figure" else None
            if figure_depth is None:
                yield element

    def figure_words(self) -> list[list[str]]:
        """The words drawn inside each figure, in order."""
        return [words_in(e.text) for e in self.elements if e.role == "Figure"]


@dataclass
class Element:
    """One structure element: its role, depth, and text (own and below)."""

    role: str
    depth: int
    own_text: str = ""
    text: str = ""

    @property
    def level(self) -> int:
        return int(self.role[-1]) if self.role[-1].isdigit() else 0


def own_findings(path: Path, document) -> list[Finding]:
    """easyread's own checks; those of the tags only if there are tags (that
    there are none is page-validation's finding)."""
    findings = list(_fonts_embedded(path, document))
    if _tagged(document):
        structure = read_structure(path)
        findings += _headings(path, structure)
        findings += _bookmarks(path, document, structure)
        findings += _reading_order(path, structure)
    return findings


def _finding(path: Path, rule_id: str, message: str, where: str = "", **details: str) -> Finding:
    return whole_file_finding(RULES[rule_id], path, message, where, **details)


def _tagged(document) -> bool:
    mark_info = document.Root.get("/MarkInfo")
    marked = mark_info is not None and bool(mark_info.get("/Marked", False))
    return "/StructTreeRoot" in document.Root and marked


def _fonts_embedded(path: Path, document) -> Iterator[Finding]:
    reported: set[tuple[int, int]] = set()
    for number, page in enumerate(document.pages, 1):
        for font in _fonts_in(page.obj.get("/Resources"), set()):
            key = font.objgen
            if key in reported or is_embedded(font):
                continue
            reported.add(key)
            name = str(font.get("/BaseFont", "(no name)")).lstrip("/")
            yield _finding(
                path,
                "pdf/fonts-embedded",
                f"The font {name} is not embedded, so the text may look "
                "different, or not show, on another computer.",
                f"page {number}",
            )


def _fonts_in(resources, seen: set) -> Iterator:
    """Every font dictionary in ``resources`` and its form XObjects."""
    import pikepdf

    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen:
        return
    if resources.objgen != (0, 0):
        seen.add(resources.objgen)
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        yield from (font for _, font in fonts.items() if isinstance(font, pikepdf.Dictionary))
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for _, xobject in xobjects.items():
            if xobject.get("/Subtype") == "/Form":
                yield from _fonts_in(xobject.get("/Resources"), seen)


def is_embedded(font) -> bool:
    """Whether a font dictionary carries its font program."""
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # its glyphs are drawn by the PDF itself
    if subtype == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def struct_elements(document) -> Iterator[tuple]:
    """Every structure element in tree order, with the page it is on."""
    import pikepdf

    root = document.Root.get("/StructTreeRoot")
    todo = [(root.get("/K"), None)] if root is not None else []
    seen: set = set()
    while todo:
        node, page = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend((kid, page) for kid in reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            page = node.get("/Pg", page)
            yield node, page
            todo.append((node.get("/K"), page))


def read_structure(path: Path) -> Structure:
    """The structure elements and their text, as poppler reads them."""
    output = _run(["pdfinfo", "-struct-text", str(path)], path)
    structure, stack = Structure(), []
    for line in output.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("/") or stripped.startswith("Object "):
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        if stripped.startswith('"'):
            text = stripped[1:-1] if stripped.endswith('"') else stripped[1:]
            if stack:
                stack[-1].own_text += text + " "
            for element in stack:
                element.text += text + " "
            continue
        while stack and stack[-1].depth >= depth:
            stack.pop()
        element = Element(stripped.split()[0].rstrip(":"), depth)
        structure.elements.append(element)
        stack.append(element)
    return structure


def _run(command: list[str], path: Path) -> str:
    done = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        raise InputError.single(path, f"{command[0]} cannot read it: {done.stderr.strip()}")
    return done.stdout


def _headings(path: Path, structure: Structure) -> Iterator[Finding]:
    previous = 0
    for heading in structure.headings:
        text = " ".join(heading.text.split())
        if not text:
            yield _finding(
                path,
                "pdf/headings",
                f"A heading ({heading.role}) has no text, so it shows as a "
                "blank entry in a screen reader's list of headings.",
            )
        level = heading.level
        if level and level > previous + 1:
            start = "starts at" if not previous else f"jumps from H{previous} to"
            yield _finding(
                path,
                "pdf/headings",
                f"The heading levels skip one: the outline {start} H{level}.",
                text=text,
            )
        previous = level or previous


def _bookmarks(path: Path, document, structure: Structure) -> Iterator[Finding]:
    headings = [" ".join(h.text.split()) for h in structure.headings]
    marks = [title for _, title in bookmarks(document)]
    if not marks:
        if len(document.pages) > 1 and len(headings) > 1:
            yield _finding(
                path,
                "pdf/bookmarks",
                f"The PDF has {len(document.pages)} pages and "
                f"{len(headings)} headings but no bookmarks.",
            )
        return
    if [_norm(m) for m in marks] != [_norm(h) for h in headings]:
        where = next(
            (
                i
                for i, (m, h) in enumerate(zip(marks, headings, strict=False))
                if _norm(m) != _norm(h)
            ),
            min(len(marks), len(headings)),
        )
        got = marks[where] if where < len(marks) else "(no more bookmarks)"
        want = headings[where] if where < len(headings) else "(no more headings)"
        yield _finding(
            path,
            "pdf/bookmarks",
            f"Bookmark {where + 1} is '{got}', but heading {where + 1} is "
            f"'{want}': the bookmarks do not follow the headings.",
        )


def bookmarks(document) -> list[tuple[int, str]]:
    """The outline as (depth, title) pairs in order; depth 1 is the top."""
    found: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            found.append((depth, item.title or ""))
            walk(item.children, depth + 1)

    with document.open_outline() as outline:
        walk(outline.root, 1)
    return found


def _reading_order(path: Path, structure: Structure) -> Iterator[Finding]:
    tagged = structure.words()
    drawn = words_in(page_text(path))
    if not tagged:
        return
    matcher = difflib.SequenceMatcher(None, tagged, drawn, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    if in_order < len(tagged):
        first = next(op for op in matcher.get_opcodes() if op[0] in ("replace", "delete"))
        context = " ".join(tagged[first[1] : first[1] + 8])
        yield _finding(
            path,
            "pdf/reading-order",
            f"{len(tagged) - in_order} of {len(tagged)} tagged words are not "
            "in the order the pages show them (or not on the pages at all).",
            text=context,
        )


def page_text(path: Path) -> str:
    """The text of every page in the order it is drawn (``pdftotext -raw``).

    pdftotext's default mode rebuilds lines from where text sits, and splits
    a table cell that wraps into the cell beside it; ``-raw`` keeps the order
    of the page's content, which is what tags should agree with.
    """
    return _run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], path)


def words_in(text: str) -> list[str]:
    """Lower-case words, with ligatures and other compatibility forms undone."""
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def _norm(text: str) -> str:
    return " ".join(words_in(text))
