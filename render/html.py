"""Model + layout -> one self-contained HTML page.

The templates see a ``Page``: the validated document arranged as the
sections a child reads, each point with the hard words it explains first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import jinja2

from . import text
from .errors import InputError
from .layouts import Layout, make_environment, remote_problems, template_problem
from .model import Document, Fact, Point, Word


@dataclass(frozen=True)
class Item:
    """One list item: a point, its picture and the words it explains first."""

    text: str
    icon: str | None = None
    words: tuple[Word, ...] = ()


@dataclass
class Page:
    """What the templates render: the document plus reading aids."""

    document: Document
    bold_words: tuple[str, ...]
    _seen: set[str] = field(default_factory=set)

    def items(self, points: Iterable[Point | Fact]) -> list[Item]:
        return [self.item(p.text, p.icon) for p in points]

    def item(self, sentence: str, icon: str | None = None) -> Item:
        """An item for ``sentence``; hard words are explained at first use."""
        glossary = self.document.inspection.glossary
        used = set(text.words_in(sentence, [w.word for w in glossary]))
        new = tuple(w for w in glossary if w.word in used and w.word not in self._seen)
        self._seen.update(w.word for w in new)
        return Item(sentence, icon, new)


def render_html(document: Document, layout: Layout, readability: str = "") -> str:
    """The HTML page for ``document`` in ``layout``."""
    env = make_environment(layout)
    page = Page(document, tuple(w.word for w in document.inspection.glossary))
    try:
        html = env.get_template(layout.entry).render(
            page=page,
            doc=document.inspection,
            framework=document.framework,
            readability=readability,
        )
    except jinja2.TemplateError as exc:  # a layout's own mistake
        raise InputError([template_problem(exc, layout)]) from None
    problems = remote_problems(html, layout)
    if problems:
        raise InputError(problems)
    return html
