"""HTML -> tagged PDF (PDF/UA-1) with WeasyPrint, fetching nothing.

WeasyPrint only logs a missing ``alt`` or ``lang`` and still writes a PDF
that claims PDF/UA, so every error it logs fails the build here. Its URL
fetcher is replaced by one that serves ``data:`` URLs and files inside the
allowed folders, and refuses everything else without touching the network.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildError

PDF_VARIANT = "pdf/ua-1"
LOG = logging.getLogger(__name__)


def write_pdf(html: str, target: Path, allowed: Sequence[Path], base_url: Path) -> None:
    """Render ``html`` to ``target`` as PDF/UA-1, or raise ``BuildError``."""
    import weasyprint  # slow to import: only when a PDF is asked for

    fetcher = _locked_fetcher(weasyprint, allowed)
    with _errors_fail("weasyprint") as errors:
        document = weasyprint.HTML(
            string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher
        )
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    refused = [f"the layout asks for {url}, but easyread fetches nothing outside "
               "the layout, fonts and data folders: embed it or move it there"
               for url in fetcher.refused]
    failed = [f"the PDF would not be accessible: {_shorten(message)}" for message in errors
              if not any(url in message for url in fetcher.refused)]
    if refused or failed:
        raise BuildError(refused + failed)
    target.write_bytes(pdf)


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


def _locked_fetcher(weasyprint, allowed: Sequence[Path]):
    roots = [p.resolve() for p in allowed]

    class LockedFetcher(weasyprint.urls.URLFetcher):
        """Serves data: URLs and files under ``roots``; refuses all else."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"data", "file"})
            self.refused: list[str] = []

        def fetch(self, url: str, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                kind, body = _decode_data_url(url)
                return weasyprint.urls.URLFetcherResponse(
                    url, body, headers={"Content-Type": kind})
            if scheme == "file":
                path = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return weasyprint.urls.URLFetcherResponse(
                        url, path.read_bytes(), headers={"Content-Type": kind})
            self.refused.append(url)
            raise ValueError(f"easyread fetches nothing outside its folders: {url}")

    return LockedFetcher()


def _decode_data_url(url: str) -> tuple[str, bytes]:
    """The media type and the bytes of a ``data:`` URL."""
    header, _, payload = url.removeprefix("data:").partition(",")
    kind = header.split(";", 1)[0] or "text/plain"
    if header.endswith(";base64"):
        return kind, base64.b64decode(payload)
    return kind, urllib.parse.unquote_to_bytes(payload)
