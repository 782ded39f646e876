"""HTML -> tagged PDF (PDF/UA-1) with WeasyPrint, fetching nothing.

WeasyPrint only logs a missing ``alt`` or ``lang`` and still writes a PDF
that claims PDF/UA, so every error it logs fails the build here. Its URL
fetcher is replaced by one that serves ``data:`` URLs and files inside the
allowed folders, and refuses everything else without touching the network.

Two gaps in WeasyPrint's tagging are closed afterwards with pikepdf
(``finish_tags``): text in ``@page`` margin boxes (page numbers) is drawn
as tagged content whose structure element is left out of the tree, so it
is re-marked as a pagination artifact; and table header cells get the
``/Scope`` that their data cells' ``/Headers`` already imply.
"""

from __future__ import annotations

import base64
import io
import logging
import mimetypes
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import BuildError

PDF_VARIANT = "pdf/ua-1"


def write_pdf(html: str, target: Path, allowed: Sequence[Path], base_url: Path) -> None:
    """Render ``html`` to ``target`` as PDF/UA-1, or raise ``BuildError``."""
    import weasyprint  # slow to import: only when a PDF is asked for

    fetcher = _locked_fetcher(weasyprint, allowed)
    with _errors_fail("weasyprint") as errors:
        document = weasyprint.HTML(
            string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher
        )
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    if fetcher.refused:
        raise BuildError("refused to fetch: " + ", ".join(fetcher.refused))
    if errors:
        raise BuildError("WeasyPrint reported: " + "; ".join(errors))
    target.write_bytes(finish_tags(pdf))


def finish_tags(pdf: bytes) -> bytes:
    """``pdf`` with orphaned marked content as artifacts and header scopes set."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        _mark_orphans_as_artifacts(document, root)
        _set_header_scopes(root)
        out = io.BytesIO()
        document.save(out, compress_streams=True)
    return out.getvalue()


def _mark_orphans_as_artifacts(document, root) -> None:
    """Re-mark content whose structure element is not in the tree.

    WeasyPrint builds elements for ``@page`` margin boxes but never links
    them into the tree, so a screen reader cannot reach them while the page
    says they are real content. PDF/UA wants such running text marked as a
    pagination artifact, with no MCID and no parent-tree entry.
    """
    import pikepdf

    reachable = _reachable_elements(root)
    parents = pikepdf.NumberTree(root.ParentTree)
    for page in document.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parents:
            continue
        mcid_parents = parents[int(key)]
        orphans = {
            mcid for mcid, element in enumerate(mcid_parents)
            if isinstance(element, pikepdf.Dictionary)
            and element.objgen not in reachable
        }
        if orphans:
            _rewrite_marked_content(document, page, orphans)
            for mcid in orphans:
                mcid_parents[mcid] = None


def _reachable_elements(root) -> set[tuple[int, int]]:
    """The object ids of every structure element reachable from ``root``."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    todo = [root.get("/K")]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
            todo.append(node.get("/K"))
    return seen


def _rewrite_marked_content(document, page, orphans: set[int]) -> None:
    """Turn the marked-content sequences with MCIDs in ``orphans`` into artifacts."""
    import pikepdf

    artifact = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(page):
        properties = operands[1] if len(operands) == 2 else None
        if (
            str(operator) == "BDC"
            and isinstance(properties, pikepdf.Dictionary)
            and int(properties.get("/MCID", -1)) in orphans
        ):
            operands = artifact
        instructions.append((operands, operator))
    page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))


def _set_header_scopes(root) -> None:
    """Give each table header cell the ``/Scope`` its data cells imply.

    WeasyPrint links every ``/TD`` to its headers through ``/Headers`` and
    ``/ID``; a header found from a cell of its own row heads that row, one
    found from another row heads a column. Some readers and checkers use
    only ``/Scope``, so it is written too.
    """
    import pikepdf

    headers: dict[str, tuple] = {}
    cells: list[tuple] = []
    for element, row in _table_cells(root):
        if element.S == "/TH" and "/ID" in element:
            headers[bytes(element.ID).decode("latin-1")] = (element, row)
        elif element.S == "/TD":
            cells.append((element, row))
    scopes: dict[str, set[str]] = {}
    for cell, row in cells:
        attributes = cell.get("/A")
        ids = []
        if isinstance(attributes, pikepdf.Dictionary):
            ids = attributes.get("/Headers", [])
        for header_id in ids:
            key = bytes(header_id).decode("latin-1")
            if key in headers:
                same_row = headers[key][1].objgen == row.objgen
                scopes.setdefault(key, set()).add("Row" if same_row else "Column")
    for key, kinds in scopes.items():
        element = headers[key][0]
        scope = "Both" if len(kinds) == 2 else kinds.pop()
        attributes = element.get("/A")
        if not isinstance(attributes, pikepdf.Dictionary):
            attributes = element.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
        attributes.Scope = pikepdf.Name("/" + scope)


def _table_cells(root):
    """Every ``/TH`` and ``/TD`` element under ``root`` with its ``/TR``."""
    import pikepdf

    todo = [(root.get("/K"), None)]
    while todo:
        node, row = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend((kid, row) for kid in node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S in ("/TH", "/TD") and row is not None:
                yield node, row
            todo.append((node.get("/K"), node if node.S == "/TR" else row))


@contextmanager
def _errors_fail(logger_name: str) -> Iterator[list[str]]:
    """Collect the ERROR records of ``logger_name`` while the block runs."""
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    logger = logging.getLogger(logger_name)
    handler = Collect(level=logging.ERROR)
    logger.addHandler(handler)
    try:
        yield errors
    finally:
        logger.removeHandler(handler)


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
