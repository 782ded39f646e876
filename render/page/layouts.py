"""Layouts are data: a folder with templates, CSS and a ``layout.toml``.

This module finds a layout by name or path, reads its settings and builds
the one Jinja2 environment every page is rendered with: autoescape on,
``StrictUndefined``, the layout's folder first and the shared ``_base``
folder as the fallback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gettext
import math
import mimetypes
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..errors import InputError, Problem, did_you_mean, is_file
from ..model import markup as text
from ..resources import bundled
from ..source import as_data_url
from . import messages
from .branding import Branding, contrast_problems, read_branding
from .folder_settings import SETTINGS, find_in, read_folder_settings
from .icons import IconSet, load_icons
from .themes import Theme, find_theme

if TYPE_CHECKING:  # Jinja2 is imported when a page is made: `check` never needs it
    import jinja2

BASE = "_base"
# the sheets a page may be printed on, smallest first (ISO 216: each is two
# of the one before it)
PAPER = ("A4", "A3", "A2")


@dataclass(frozen=True)
class Layout:
    """A layout folder and its settings."""

    name: str
    folder: Path
    entry: str = "main.html"
    stylesheets: tuple[str, ...] = ("base.css",)
    fonts: dict[str, str] = field(default_factory=dict)
    font_family: str = "Atkinson Hyperlegible"
    description: str = ""
    aliases: tuple[str, ...] = ()
    themes: tuple[Theme, ...] = ()
    branding: Branding = field(default_factory=Branding)
    # the most pages a page of this layout may take (a poster: 1); none: any
    max_pages: int | None = None
    # how many times it can show less to keep to max_pages (fit.fitted)
    fit_steps: int = 0
    fixed_pages: bool = False  # max_pages is a sheet of paper (a poster)

    @property
    def page_limit(self) -> int | None:
        """The most pages a page may take with its themes: ``max_pages``,
        times the themes' ``page_factor`` unless the pages are fixed."""
        if not self.max_pages or self.fixed_pages:
            return self.max_pages
        return math.ceil(self.max_pages * self.room_factor - 1e-9)

    @property
    def room_factor(self) -> float:
        """How many times the room its themes' text takes (``page_factor``)."""
        return math.prod(theme.page_factor for theme in self.themes)

    @property
    def roomier_themes(self) -> str:
        """The themes whose text takes more room, by name: "large-print and dyslexia"."""
        return " and ".join(t.name for t in self.themes if t.page_factor > 1)

    @property
    def paper(self) -> str:
        """The sheet the page is printed on: A4; a layout of one fixed sheet
        (a poster) whose themes ask for more room (``room_factor``) gets the
        next bigger sheet for each doubling of that room, or part of one, so
        that its text keeps its size: large print or dyslexia A3, both A2."""
        if not self.fixed_pages or self.room_factor <= 1:
            return PAPER[0]
        steps = math.ceil(math.log2(self.room_factor) - 1e-9)
        return PAPER[min(steps, len(PAPER) - 1)]

    @property
    def search_path(self) -> list[Path]:
        """Where templates, CSS and pictures are looked up, in order."""
        return [self.folder, bundled("layouts") / BASE, bundled("fonts")]

    @property
    def inputs(self) -> list[Path]:
        """Every folder whose files change the pages: the search path and
        the themes' folders."""
        return [*self.search_path, *(theme.folder for theme in self.themes)]

    def with_themes(self, themes: Sequence[Theme]) -> Layout:
        """This layout with ``themes`` laid over it, in order."""
        return dataclasses.replace(self, themes=tuple(themes))

    @functools.cached_property
    def languages(self) -> frozenset[str]:
        """The languages this layout's fixed words are written in."""
        return messages.languages(self.search_path)

    def translations(self, language: str) -> gettext.NullTranslations:
        """The fixed words in ``language`` (``messages.translations``), with
        the branding's own words first."""
        return self.branding.translations(
            language, messages.translations(self.search_path, language)
        )

    def with_branding(self, table: object, path: Path) -> Layout:
        """This layout with the ``[theme]`` table of settings file ``path``
        laid over its own; ``InputError`` if a setting is wrong or a colour
        it gives stands out too little from what it is painted with."""
        branding, problems = read_branding(
            table, path, self.branding, messages.known(self.search_path), self.languages
        )
        layout = dataclasses.replace(self, branding=branding)
        problems += contrast_problems(branding, layout_css(layout))
        if problems:
            raise InputError(problems)
        return layout

    def environment(self, language: str = "en-GB") -> jinja2.Environment:
        """The Jinja2 environment for pages in ``language``, with its fixed
        words, made once for each language: a build of many inputs compiles
        the templates and embeds the fonts and pictures once."""
        made = self._environments.get(language)
        if made is None:
            made = make_environment(self, language)
            made.add_extension("jinja2.ext.i18n")
            translations = self.translations(language)
            made.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
            self._environments[language] = made
        return made

    @functools.cached_property
    def _environments(self) -> dict[str, jinja2.Environment]:
        return {}

    @functools.cached_property
    def icons(self) -> IconSet:
        """The icons of this layout and the rule that picks one for a point."""
        return load_icons(self.search_path)

    def files(self) -> list[Path]:
        """The layout's stylesheets and templates, where a problem may be written."""
        sheets = [self.find(name) for name in self.stylesheets]
        sheets += [theme.find(name) for theme in self.themes for name in theme.stylesheets]
        return (
            sheets
            + sorted(self.folder.glob("*.html"))
            + sorted((bundled("layouts") / BASE).glob("*.html"))
        )

    def locate(self, needles: Iterable[str]) -> tuple[str, int, int]:
        """Where the first of ``needles`` is written in the layout's files."""
        for needle in needles:
            for path in self.files():
                found = _find_in(path, needle)
                if found:
                    return (str(path), *found)
        return (str(self.folder / SETTINGS), 1, 1)

    def find(self, name: str) -> Path:
        """The first file called ``name`` on the search path."""
        return find_in(self.search_path, name, self.folder / SETTINGS)


def _find_in(path: Path, needle: str) -> tuple[int, int] | None:
    """The line and column of ``needle`` in the text file ``path``."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    at = text.find(needle) if needle else -1
    if at < 0:
        return None
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


DEFAULT_LAYOUT = "booklet"


def find_layout(name_or_path: str | Path, themes: Sequence[str | Path] = ()) -> Layout:
    """A bundled layout by name (``booklet``, or an alias such as
    ``easy-read``) or the user's own folder, with ``themes`` laid over it."""
    folder = Path(name_or_path)
    if not is_file(folder / SETTINGS):
        named = bundled_layouts()
        folder = named.get(str(name_or_path), bundled("layouts") / str(name_or_path))
    settings_file = folder / SETTINGS
    if not is_file(settings_file):
        known = sorted({layout.name for layout in bundled_layouts().values()})
        from .themes import bundled_themes

        if str(name_or_path) in bundled_themes():
            raise InputError.single(
                str(name_or_path),
                f"'{name_or_path}' is a theme, not a layout: choose it with "
                f"--theme {name_or_path}; bundled layouts: {', '.join(known)}",
            )
        raise InputError.single(
            str(name_or_path),
            f"no layout here{did_you_mean(str(name_or_path), bundled_layouts())}: a layout "
            f"is a folder with a {SETTINGS}; bundled layouts: {', '.join(known)}",
        )
    settings = read_folder_settings(settings_file)
    layout = Layout(
        name=settings.get("name", folder.name),
        folder=folder.resolve(),
        entry=settings.get("entry", "main.html"),
        stylesheets=tuple(settings.get("stylesheets", ["base.css"])),
        fonts=dict(settings.get("fonts", {})),
        font_family=settings.get("font_family", "Atkinson Hyperlegible"),
        description=settings.get("description", ""),
        aliases=tuple(settings.get("aliases", [])),
        themes=tuple(find_theme(theme) for theme in themes),
        max_pages=settings.get("max_pages"),
        fit_steps=settings.get("fit_steps", 0),
        fixed_pages=settings.get("fixed_pages", False),
    )
    return layout.with_branding(settings["theme"], settings_file) if "theme" in settings else layout


def bundled_layouts() -> dict[str, Path]:
    """The bundled layouts' folders by name and by each alias."""
    found: dict[str, Path] = {}
    for settings_file in sorted(bundled("layouts").glob(f"*/{SETTINGS}")):
        if settings_file.parent.name.startswith("_"):
            continue
        settings = read_folder_settings(settings_file)
        for name in [settings.get("name", settings_file.parent.name), *settings.get("aliases", [])]:
            found.setdefault(name, settings_file.parent)
    return found


def make_environment(layout: Layout, language: str = "en-GB") -> jinja2.Environment:
    """The Jinja2 environment for ``layout``: loaders, escaping and filters.

    A layout is data that councils share, never a way in: its templates run
    in Jinja2's immutable sandbox (no Python internals such as
    ``__globals__``), read only files inside the layout's own folders (a
    symbolic link out is "not found"), and may not include or extend
    themselves in a loop.
    """
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=_confined_loader(layout.search_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["easy"] = text.to_html
    env.filters["plain"] = text.plain
    env.filters["long_date"] = functools.partial(long_date, language=language)
    env.globals["data_url"] = lambda name: data_url(layout.find(name))
    env.globals["inline_css"] = functools.cache(lambda: Markup(stylesheet(layout)))
    return env


def _confined_loader(folders: Sequence[Path]) -> jinja2.BaseLoader:
    import jinja2

    roots = [p.resolve() for p in folders]

    class ConfinedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            if not any(real.is_relative_to(root) for root in roots):
                raise jinja2.TemplateNotFound(template)  # a link out of the layout
            return source, filename, uptodate

    return ConfinedLoader([str(p) for p in folders])


def include_loops(env: jinja2.Environment, entry: str) -> list[str]:
    """The templates, from ``entry``, that include, import or extend each other in a loop."""
    from jinja2 import meta

    def refs(name: str) -> list[str]:
        source, filename, _ = env.loader.get_source(env, name)
        tree = env.parse(source, name, filename)
        return [r for r in meta.find_referenced_templates(tree) if r]

    path: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> list[str]:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return []
        path.append(name)
        for ref in refs(name):
            loop = visit(ref)
            if loop:
                return loop
        path.pop()
        done.add(name)
        return []

    return visit(entry)


def long_date(value: dt.date, language: str = "en-GB") -> str:
    """15 February 2013 (15 Chwefror 2013 in Welsh): the day as digits, the
    month as a word in ``language``, from Babel's locale data (CLDR)."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=language.replace("-", "_"))


def data_url(path: Path) -> str:
    """``path`` as a ``data:`` URL, so the page needs no other file."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".ttf":
        kind = "font/ttf"
    return as_data_url(kind, path.read_bytes())


def stylesheet(layout: Layout) -> str:
    """The layout's CSS with its fonts and icons embedded, as one string."""
    faces = [
        f"@font-face {{ font-family: '{layout.font_family}'; "
        f"font-weight: {weight}; font-style: normal; "
        f"src: url('{data_url(layout.find(file))}') format('truetype'); }}"
        for weight, file in sorted(layout.fonts.items())
    ]
    for theme in layout.themes:
        faces += [
            f"@font-face {{ font-family: '{theme.font_family or layout.font_family}'; "
            f"font-weight: {weight}; font-style: normal; "
            f"src: url('{data_url(theme.find(file))}') format('truetype'); }}"
            for weight, file in sorted(theme.fonts.items())
        ]
    css = "\n".join([*faces, *layout_css(layout), layout.icons.stylesheet()])
    # inside <style>, "</" could end the stylesheet (from a comment or a
    # string); "<\/" means the same to CSS and ends nothing
    return css.replace("</", "<\\/")


def layout_css(layout: Layout) -> list[str]:
    """The layout's stylesheets, then the branding's colours, then the
    themes': what a reader needs (large print, dark) wins over the branding."""
    sheets = [layout.find(name).read_text(encoding="utf-8") for name in layout.stylesheets]
    sheets += [css for css in [layout.branding.css()] if css]
    sheets += [
        theme.find(name).read_text(encoding="utf-8")
        for theme in layout.themes
        for name in theme.stylesheets
    ]
    return sheets


def template_problem(exc: jinja2.TemplateError, layout: Layout) -> Problem:
    """Where a template of ``layout`` went wrong, as one ``Problem``."""
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(
            str(layout.folder / SETTINGS), 1, 1, "", f"the layout has no template '{exc.name}'"
        )
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Problem(
            exc.filename, exc.lineno or 1, 1, "", f"the template is not valid: {exc.message}"
        )
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    where = (
        (frames[-1].filename, frames[-1].lineno or 1)
        if frames
        else (str(layout.folder / layout.entry), 1)
    )
    return Problem(where[0], where[1], 1, "", f"the template went wrong here: {exc}")


def remote_problems(html: str, layout: Layout) -> list[Problem]:
    """A problem for each thing in ``html`` a browser would fetch from elsewhere,
    and for each that would run code or open a page inside it."""
    from .offline import active_content, remote_references  # tinycss2: only to make a page

    active = [
        Problem(
            str(layout.folder / layout.entry),
            1,
            1,
            "",
            f"the page would have {what}, and easyread pages run no code and "
            "hold no other page: remove it from the layout",
        )
        for what in active_content(html)
    ]
    return active + [
        Problem(
            *layout.locate([url]),
            "",
            f"the page would fetch '{url}' when it is opened, and easyread pages "
            "fetch nothing: put the file in the layout folder and use "
            "data_url('name') or a file name",
        )
        for url in remote_references(html)
    ]
