"""Model + layout -> one self-contained HTML page.

The templates see a ``Page``: the validated document arranged as the
sections a child reads, each point with its picture (the data's own, else
an icon) and the hard words it explains first, and the drawings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from ..errors import InputError, Problem
from ..model import Contact, Document, Fact, Picture, Point, Word
from ..model import markup as text
from ..model.poster import chosen
from . import wording
from .icons import ATTRIBUTION, IconSet, described
from .layouts import (
    Layout,
    include_loops,
    remote_problems,
    template_problem,
)
from .messages import N_, page_counter

if TYPE_CHECKING:  # ReportLab is slow to import: drawings.py only when drawing
    from .drawings import Figure, Figures


@dataclass(frozen=True)
class Image:
    """A picture of the user's, ready for ``<img src alt>``."""

    src: str
    alt: str


@dataclass(frozen=True)
class Item:
    """One list item: a point, its picture and the words it explains first."""

    text: str
    icon: str
    words: tuple[Word, ...] = ()
    picture: Image | None = None
    figure: Figure | None = None


@dataclass(frozen=True)
class PartResult:
    """One graded part: its name, its grade and what that grade means."""

    area: str
    grade: str
    meaning: str
    figure: Figure | None = None


@dataclass(frozen=True)
class OtherLanguage:
    """A link to the same summary in another language, said in that language."""

    language: str
    href: str
    label: str


# Each catalogue's translation of this message is how it offers itself:
# the Welsh one says "Darllenwch hwn yn Gymraeg".
READ_IN_THIS_LANGUAGE = N_("Read this in English")


@dataclass
class Page:
    """What the templates render: the document plus reading aids, and the
    fixed words that depend on what kind of document it is (``wording``),
    in the page's language (``gettext``)."""

    document: Document
    bold_words: tuple[str, ...]
    icons: IconSet
    figures: Figures
    gettext: Callable[[str], str] = str
    translations: tuple[OtherLanguage, ...] = ()
    _seen: set[str] = field(default_factory=set)
    _shown: set[str] = field(default_factory=set)
    # file -> number, for each picture of the user's that more than one point shows
    shared: dict[str, int] = field(default_factory=dict)
    fit: int = 0  # how much less a layout with a page limit shows (fit.fitted)

    @property
    def kind(self) -> str:
        """What kind of document this is: the data's word, else its framework's."""
        return self.document.inspection.document or self.document.framework.document

    def heading(self, section: str) -> str:
        """The heading of ``section`` (a data field): the writer's, else ours."""
        inspection = self.document.inspection
        override = getattr(inspection.headings, section)
        if override:
            return override
        heading = self.gettext(wording.heading(section, self.kind))
        if section == "reply" and inspection.reply:
            heading = heading % {"who": text.plain(inspection.reply.who)}
        return heading

    def words(self, table: str) -> str:
        """The line of ``wording``'s ``table`` (COVER, AUTHORS, NO_GRADE) for
        this kind of document, translated; empty when it has none."""
        message = getattr(wording, table).get(self.kind)
        return self.gettext(message) if message else ""

    @property
    def example_note(self) -> str:
        return self.gettext(wording.EXAMPLE) if self.document.inspection.example else ""

    def parts(self) -> list[PartResult]:
        """Each graded part, named as the framework names it."""
        judgement = self.document.inspection.judgement
        framework = self.document.framework
        meters = self.figures.parts
        results = []
        for index, part in enumerate(judgement.parts if judgement else ()):
            area = framework.area(part.area)
            grade = framework.grade(part.grade)
            assert grade is not None  # model/validate.py checked it
            results.append(
                PartResult(
                    str(area.name) if area else part.area,
                    str(grade.name),
                    str(grade.meaning),
                    meters[index] if index < len(meters) else None,
                )
            )
        return results

    @property
    def safeguarding(self) -> tuple[str, str] | None:
        """Whether safeguarding was met, and what that means, when it was judged."""
        judgement = self.document.inspection.judgement
        rules = self.document.framework.safeguarding
        if judgement is None or judgement.safeguarding is None or rules is None:
            return None
        met = judgement.safeguarding == "met"
        return (
            self.gettext("Met") if met else self.gettext("Not met"),
            str(rules.met if met else rules.not_met),
        )

    def on_poster(self, section: str) -> list[Point | Contact]:
        """The points of ``section`` a one-page layout shows: those marked
        ``poster: true``, else the first three (``model.poster``); of the
        findings, one fewer at each step of ``fit``, never none."""
        points = [point for _, point in chosen(getattr(self.document.inspection, section))]
        if section == "talk_to":  # who to talk to is never cut to fit
            return points
        return points[: max(1, len(points) - self.fit)]

    def items(self, points: Iterable[Point | Fact], section: str = "") -> list[Item]:
        """An item for each point of ``section`` (a list kind: good, better...)."""
        return [self.item(p, section) for p in points]

    @property
    def attribution(self) -> str:
        """The pictures' credit line, when the page so far shows a bundled one."""
        shown = any(map(self.icons.is_bundled, self._shown))
        return self.gettext(ATTRIBUTION) if shown else ""

    def item(self, point: Point | Fact | Contact, section: str = "") -> Item:
        """An item for ``point``; hard words are explained at first use."""
        sentence = point.how if isinstance(point, Contact) else point.text
        glossary = self.document.inspection.glossary
        used = set(text.words_in(sentence, [w.word for w in glossary]))
        new = tuple(w for w in glossary if w.word in used and w.word not in self._seen)
        self._seen.update(w.word for w in new)
        picture = self.picture(getattr(point, "picture", None))
        icon = (
            self.icons.resolve(point.icon)
            if point.icon
            else self.icons.pick(described(point), section)
        )
        if picture is None:
            self._shown.add(icon)
        return Item(
            text=sentence,
            icon=icon,
            words=new,
            picture=picture,
            figure=self.figures.counts.get(point) if isinstance(point, Fact) else None,
        )

    def picture(self, picture: Picture | None) -> Image | None:
        """The user's ``picture`` as an embedded image."""
        if picture is None:
            return None
        if picture.file in self.shared:  # its data once, in the stylesheet
            return Image(_shared_src(self.shared[picture.file]), picture.alt)
        return Image(self.document.pictures[picture.file], picture.alt)


# A picture many points show is embedded once (4.8 MB used by 100 points was
# a 650 MB page and a 3.9 GB build): each <img> keeps its alt text but shows a
# transparent pixel, over a CSS background that holds the picture's data.
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def _shared_src(number: int) -> str:
    return f"easyread-shared-picture-{number}"


def _picture_files(value: object) -> Iterable[str]:
    """The file of every picture a point, fact or contact in ``value`` shows."""
    if isinstance(value, Picture):
        yield value.file
    elif isinstance(value, tuple):
        for item in value:
            yield from _picture_files(item)
    elif hasattr(value, "__pydantic_fields__"):
        for name in type(value).model_fields:
            if name != "pictures":  # the summary's own pictures are shown once each
                yield from _picture_files(getattr(value, name))


def shared_pictures(document: Document) -> dict[str, int]:
    """The pictures more than one point shows, numbered."""
    uses: dict[str, int] = {}
    for file in _picture_files(document.inspection):
        uses[file] = uses.get(file, 0) + 1
    return {file: n for n, file in enumerate(f for f, count in uses.items() if count > 1)}


def _embed_shared(html: str, document: Document, shared: dict[str, int]) -> str:
    """Each shared picture's data once, in a stylesheet at the end of <head>."""
    rules = []
    for file, number in shared.items():
        html = html.replace(
            f'src="{_shared_src(number)}"', f'src="{_PIXEL}" data-shared-picture="{number}"'
        )
        rules.append(
            f'img[data-shared-picture="{number}"] {{ background: #ffffff '
            f'url("{document.pictures[file]}") center / contain no-repeat; '
            "print-color-adjust: exact; -webkit-print-color-adjust: exact; }"
        )
    if not rules:
        return html
    head_end = html.find("</head>")
    if head_end < 0:
        return html
    return f"{html[:head_end]}<style>\n{chr(10).join(rules)}\n</style>\n{html[head_end:]}"


def render_html(
    document: Document,
    layout: Layout,
    figures: Figures,
    reading_age: int | None = None,
    fit: int = 0,
) -> str:
    """The HTML page for ``document`` in ``layout`` with its drawings
    (``drawings.draw_figures``); it says the ``reading_age`` its words were
    checked for, if they were. At a higher ``fit`` a layout with a page
    limit shows less (``fit.fitted``)."""
    language = document.inspection.language
    translations = layout.translations(language)
    env = layout.environment(language)
    page = Page(
        document,
        tuple(w.word for w in document.inspection.glossary),
        layout.icons.for_language(language),
        figures,
        gettext=translations.gettext,
        translations=tuple(
            OtherLanguage(
                other.language,
                Path(other.file).stem + ".html",
                layout.translations(other.language).gettext(READ_IN_THIS_LANGUAGE),
            )
            for other in document.inspection.translations
        ),
        shared=shared_pictures(document),
        fit=fit,
    )
    try:
        loop = include_loops(env, layout.entry)
        if loop:
            raise _layout_error(
                layout,
                f"the templates include or extend each other in a loop "
                f"({' -> '.join(loop)}): a template may not use itself",
            )
        html = env.get_template(layout.entry).render(
            page=page,
            doc=document.inspection,
            framework=document.framework,
            reading_age=reading_age,
            page_counter=Markup(page_counter(translations.gettext)),
            brand=layout.branding,
            fit=fit,
            paper=layout.paper,
        )
    except jinja2.TemplateError as exc:  # a layout's own mistake
        raise InputError([template_problem(exc, layout)]) from None
    except RecursionError:  # a loop through a name the template computes
        raise _layout_error(
            layout, "the templates include each other without end: a template may not use itself"
        ) from None
    html = _embed_shared(html, document, page.shared)
    problems = remote_problems(html, layout)
    if problems:
        raise InputError(problems)
    return html


def _layout_error(layout: Layout, message: str) -> InputError:
    return InputError([Problem(str(layout.folder / layout.entry), 1, 1, "", message)])
