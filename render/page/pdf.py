"""HTML -> tagged PDF (PDF/UA-1) with WeasyPrint, fetching nothing.

WeasyPrint only logs a missing ``alt`` or ``lang`` and still writes a PDF
that claims PDF/UA, so every error it logs fails the build here. Its URL
fetcher is replaced by one that serves ``data:`` URLs and files inside the
allowed folders (after following symlinks), and refuses everything else
without touching the network: http, https, ftp and every other scheme, a
``file:`` URL on another host, a file outside those folders. Links and the
addresses a page shows are text; WeasyPrint never fetches them. The written
PDF's tags are then repaired where WeasyPrint leaves gaps
(``pdf_tags.finish_tags``: page numbers as artifacts, table header scopes).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import logging
import mimetypes
import os
import re
import signal
import urllib.parse
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError, InputError, Problem, is_file
from .layouts import Layout
from .pdf_tags import finish_tags

PDF_VARIANT = "pdf/ua-1"
STOPS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
LOCAL_HOSTS = {"", "localhost"}
LOG = logging.getLogger(__name__)


class Refused(ValueError):
    """A URL the locked fetcher will not serve; the message says why, in plain words."""


_OUTSIDE = (
    "easyread reads no file outside the layout folder, fonts/ and the data file's "
    "folder: put the file in the layout folder and refer to it by its name"
)
_NETWORK = (
    "easyread fetches nothing from the network: put the file in the layout folder "
    "and refer to it by its name"
)


# WeasyPrint errors that are a layout's own fault: what WeasyPrint says, what to
# look for in the layout's files to find the line (else the URL it names), and
# what easyread says. The user's pictures have alt text and are data: URLs, so
# an image without alt, or a file: URL that fails, is the layout's.
_LAYOUT_FAULTS = (
    (
        re.compile(r'Image "(?P<url>.*)" has no required alt description'),
        None,
        "the picture '{url}' has no alt text, so the PDF would not be accessible: "
        'add alt="..." saying what it shows (a picture that only decorates '
        "belongs in the CSS, as a background-image)",
    ),
    (
        re.compile(r"Failed to load image at '(?P<url>file:.*)': .*", re.DOTALL),
        None,
        "the picture '{url}' cannot be drawn: save it again as a PNG, JPEG or SVG file",
    ),
    (
        re.compile(r'Missing required "lang" attribute at the root of the document'),
        "<html",
        "the page does not say its language, so the PDF would not be accessible: "
        'write it on the root element, <html lang="{{{{ doc.language }}}}">',
    ),
)


def write_pdf(
    html: str, target: Path, layout: Layout, data_folder: Path, date: str | None = None
) -> None:
    """Render ``html`` to ``target`` as PDF/UA-1, or raise why not.

    The bytes depend on ``html`` and the layout only: ``date`` (a W3C date,
    ``pdf_date``) is the PDF's creation and change date (none without it),
    and the file identifier is a hash of the content (``finish_tags``), so
    the same input gives the same PDF in any folder, on any day.
    Relative URLs are the layout folder's; files are read only from the
    layout's search path and ``data_folder``. A refused URL, or a fault
    WeasyPrint reports in the layout, is an ``InputError`` pointing at the
    layout's line; any other error WeasyPrint reports is a ``BuildError``.
    """
    import weasyprint  # slow to import: only when a PDF is asked for

    fetcher = locked_fetcher([*layout.search_path, data_folder])
    with _errors_fail("weasyprint") as errors:
        document = weasyprint.HTML(
            string=html, base_url=layout.folder.as_uri() + "/", url_fetcher=fetcher
        )
        rendered = document.render()
        sheets = len(rendered.pages)
        rendered.metadata.created = rendered.metadata.modified = date
        pdf = rendered.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    if fetcher.refused:
        raise InputError(
            [_refused_problem(url, why, layout) for url, why in fetcher.refused.items()]
        )
    faults = [_layout_fault(message, layout) for message in errors]
    if errors and all(faults):
        raise InputError(faults)
    if errors:
        raise BuildError(
            [f"the PDF would not be accessible: {_shorten(message)}" for message in errors]
        )
    if layout.fixed_pages and layout.max_pages and sheets > layout.max_pages:
        # fit.fitted counted the pages and fit.filled grew the page into the
        # room it measured: more sheets now is our fault, never the writer's
        raise BuildError(
            [
                f"the {layout.name} came out as {sheets} sheets, not {layout.max_pages}, "
                "after it was made to fill its sheet (easyread's fault: please report it)"
            ]
        )
    with signals_held():
        target.write_bytes(finish_tags(pdf))


@contextlib.contextmanager
def signals_held(numbers: Sequence[int] = STOPS) -> Iterator[None]:
    """Hold SIGTERM, SIGHUP and SIGINT while the block runs; they take effect
    after it. For steps that a stop in the middle would leave undone: a
    temporary file made but not yet known, or a native library (pikepdf)
    calling back into Python, which would turn the stop into another error."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, numbers)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def pdf_date(published: dt.date | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The date a PDF says it was made: ``SOURCE_DATE_EPOCH`` (seconds since
    1970, UTC) when it is set, else the day the report was published, else none.

    A date never comes from the clock, so two builds give the same bytes.
    ``BuildError`` if ``SOURCE_DATE_EPOCH`` is not a whole number.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise BuildError(
                [f"SOURCE_DATE_EPOCH is '{epoch[:40]}': set it to whole seconds since 1970"]
            ) from None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return published.isoformat() if published else None


def _layout_fault(message: str, layout: Layout) -> Problem | None:
    """Where in ``layout`` the fault WeasyPrint logged as ``message`` is written,
    if it is one of the layout's own."""
    for pattern, needle, words in _LAYOUT_FAULTS:
        found = pattern.fullmatch(message)
        if found:
            needles = [needle] if needle else _needles(found["url"])
            parts = {name: _shorten(value) for name, value in found.groupdict().items()}
            return Problem(*layout.locate(needles), "", words.format(**parts))
    return None


def _shorten(message: str) -> str:
    """Cut embedded data: URLs down to their media type."""
    return re.sub(r"(data:[\w/+.-]+)[^\s\"']*", r"\1…", message)


@contextmanager
def _errors_fail(logger_name: str) -> Iterator[list[str]]:
    """Collect the ERROR records of ``logger_name`` while the block runs.

    Its records stop here whatever the logging set-up: errors are returned
    (they fail the build), anything milder is passed on at INFO.
    """
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                errors.append(record.getMessage())
            else:
                LOG.info("WeasyPrint: %s", record.getMessage())

    logger = logging.getLogger(logger_name)
    saved = logger.level, logger.propagate
    handler = Collect()
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield errors
    finally:
        logger.removeHandler(handler)
        logger.level, logger.propagate = saved


def locked_fetcher(allowed: Sequence[Path]):
    """A WeasyPrint URL fetcher serving ``data:`` URLs and files under ``allowed``.

    Every URL it will not serve raises ``Refused`` and is kept in ``.refused``,
    with the reason.
    """
    import weasyprint.urls

    roots = [p.resolve() for p in allowed]

    class LockedFetcher(weasyprint.urls.URLFetcher):
        """Serves data: URLs and files under ``roots``; refuses all else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"})
            self.refused: dict[str, str] = {}

        def fetch(self, url: str, headers=None):
            try:
                kind, body, served = _serve(url, roots)
            except Refused as exc:
                self.refused.setdefault(url, str(exc))
                raise
            return weasyprint.urls.URLFetcherResponse(served, body, headers={"Content-Type": kind})

    return LockedFetcher()


def _serve(url: str, roots: Sequence[Path]) -> tuple[str, bytes, str]:
    """The media type, bytes and URL of what ``url`` names, or ``Refused``."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        return (*_decode_data_url(url), url)
    if scheme == "file":
        path = _local_file(url, roots)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return kind, path.read_bytes(), path.as_uri()
    raise Refused(_NETWORK)


def _local_file(url: str, roots: Sequence[Path]) -> Path:
    parts = urllib.parse.urlsplit(url)
    if parts.netloc.lower() not in LOCAL_HOSTS:
        raise Refused(_NETWORK)  # a file on another computer
    try:
        path = Path(urllib.parse.unquote(parts.path)).resolve()
    except (OSError, ValueError):
        raise Refused("this is not a file name: check it") from None
    if not any(path.is_relative_to(root) for root in roots):
        raise Refused(_OUTSIDE)
    if not is_file(path):
        raise Refused("there is no such file: check the name")
    return path


def _decode_data_url(url: str) -> tuple[str, bytes]:
    """The media type and the bytes of a ``data:`` URL."""
    header, _, payload = url.removeprefix("data:").partition(",")
    kind = header.split(";", 1)[0] or "text/plain"
    if header.endswith(";base64"):
        try:
            return kind, base64.b64decode(payload, validate=False)
        except binascii.Error:
            raise Refused("this data: URL is not valid base64: check it") from None
    return kind, urllib.parse.unquote_to_bytes(payload)


def _refused_problem(url: str, why: str, layout: Layout) -> Problem:
    """Where ``url`` is written in the layout, and what to do about it."""
    return Problem(*layout.locate(_needles(url)), "", f"the page asks for '{url}': {why}")


def _needles(url: str) -> list[str]:
    """What to look for in the layout's files to find where ``url`` is written."""
    if url.startswith("file:"):  # written relative: look for the file name too
        return [url, Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).name]
    return [url]
