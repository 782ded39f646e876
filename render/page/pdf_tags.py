"""Repairs to WeasyPrint's PDF tags, made with pikepdf after it writes.

The file is saved with an identifier made from its content, so the same
page gives the same bytes on every run.

Two gaps in WeasyPrint 70's PDF/UA output are closed here:

- text in ``@page`` margin boxes (page numbers) is drawn as tagged content
  whose structure element is never linked into the tree, so no screen
  reader can reach it; it is re-marked as a pagination artifact;
- table header cells have an ``/ID`` that data cells name in ``/Headers``
  but no ``/Scope``; the scope those links imply is written too, for the
  readers and checkers that look only at ``/Scope``.
"""

from __future__ import annotations

import io


def finish_tags(pdf: bytes) -> bytes:
    """``pdf`` with orphaned marked content as artifacts and header scopes set."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        _mark_orphans_as_artifacts(document, root)
        _set_header_scopes(root)
        # WeasyPrint's file identifier differs on every run: one made from
        # the content keeps two builds of the same page byte-identical
        if "/ID" in document.trailer:
            del document.trailer["/ID"]
        out = io.BytesIO()
        document.save(out, compress_streams=True, deterministic_id=True)
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
            mcid
            for mcid, element in enumerate(mcid_parents)
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
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
