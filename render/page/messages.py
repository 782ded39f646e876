"""The fixed words of a page, in the summary's language.

Every word a layout prints that does not come from the data (headings,
cover lines, "Page 1 of 4", the words on the drawings) is a message: an
English ``msgid`` in the templates (``{{ _("What is going well?") }}``,
Jinja2's i18n extension) or in Python (``N_(...)``, translated where it
is shown). A language's words are a gettext catalogue in each layout
folder, ``locale/<language>/LC_MESSAGES/messages.po``, read with Babel
(the Python ecosystem's tool for ``.po`` files; ``pybabel extract`` makes
``layouts/_base/locale/messages.pot`` from the templates and this
package). A layout's own catalogue wins over the shared one, so a
council may change one heading without copying a template.

English needs no catalogue (the ``msgid`` is the English), but a layout
may still give one to reword.
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError, Problem

DOMAIN = "messages"
SOURCE = "en"  # the language the msgids are written in


def N_(message: str) -> str:  # noqa: N802 (the name gettext tools look for)
    """Mark ``message`` for the catalogues; it is translated where it is shown."""
    return message


def primary(language: str) -> str:
    """``cy`` for ``cy-GB``: catalogues are by language, not by country."""
    return language.split("-")[0].lower()


def catalogue_files(search_path: Iterable[Path], language: str) -> list[Path]:
    """The ``.po`` files for ``language`` on ``search_path``, first wins."""
    name = primary(language)
    return [
        path
        for folder in search_path
        if (path := folder / "locale" / name / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    ]


def languages(search_path: Iterable[Path]) -> frozenset[str]:
    """Every language a layout can print its fixed words in."""
    found = {SOURCE}
    for folder in search_path:
        locale = folder / "locale"
        if locale.is_dir():
            found |= {p.parent.parent.name for p in locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return frozenset(found)


def translations(search_path: Iterable[Path], language: str) -> gettext.NullTranslations:
    """The catalogues for ``language`` on ``search_path``, each falling back
    to the next, then to the English ``msgid``."""
    files = catalogue_files(search_path, language)
    if not files and primary(language) != SOURCE:
        raise InputError.single(
            str(language),
            f"no words for the language '{language}': the layouts have "
            f"{', '.join(sorted(languages(search_path)))}",
        )
    chain: gettext.NullTranslations = gettext.NullTranslations()
    for path in reversed(files):
        catalogue = _compiled(path, path.stat().st_mtime_ns)
        catalogue = gettext.GNUTranslations(io.BytesIO(catalogue))
        catalogue.add_fallback(chain)
        chain = catalogue
    return chain


def known(search_path: Iterable[Path]) -> frozenset[str]:
    """Every message a layout on ``search_path`` prints (the msgids of its
    catalogue templates and catalogues), the ones a setting may reword."""
    from babel.messages.pofile import read_po

    found: set[str] = set()
    for folder in search_path:
        locale = folder / "locale"
        if not locale.is_dir():
            continue
        for path in [*locale.glob(f"{DOMAIN}.pot"), *locale.glob(f"*/LC_MESSAGES/{DOMAIN}.po")]:
            with path.open("rb") as handle:
                for message in read_po(handle):
                    ids = message.id if isinstance(message.id, tuple) else (message.id,)
                    found.update(i for i in ids if i)
    return frozenset(found)


@functools.lru_cache(maxsize=32)
def _compiled(path: Path, mtime: int) -> bytes:
    """``path`` (a ``.po`` file) as the bytes of a ``.mo`` file.

    The ``.po`` file is the only one kept: it is what a translator edits,
    and compiling it takes a few milliseconds. Fuzzy messages (not yet
    checked by a translator) are left out, so the English shows instead.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            catalogue = read_po(handle, abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            [Problem(str(path), _line(exc), 1, "", f"cannot read it: {exc}")]
        ) from None
    out = io.BytesIO()
    write_mo(out, catalogue, use_fuzzy=False)
    return out.getvalue()


def _line(exc: Exception) -> int:
    return int(getattr(exc, "lineno", 0) or 1)


Gettext = Callable[[str], str]


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes and backslashes escaped, and no
    ``<`` (the CSS is inside a ``<style>`` element)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def page_counter(_: Gettext) -> str:
    """The CSS ``content`` of the page number: "Page 1 of 4" in the page's
    language, with its counters where the message puts them."""
    message = _("Page %(page)s of %(pages)s")
    parts: list[str] = []
    rest = message
    while rest:
        starts = [(rest.find(mark), mark) for mark in ("%(page)s", "%(pages)s") if mark in rest]
        if not starts:
            parts.append(css_string(rest))
            break
        at, mark = min(starts)
        if at:
            parts.append(css_string(rest[:at]))
        parts.append("counter(pages)" if mark == "%(pages)s" else "counter(page)")
        rest = rest[at + len(mark) :]
    return " ".join(parts)
