"""The repairs to WeasyPrint's tags: page numbers as artifacts, header scopes."""

from __future__ import annotations

import io

import page
import pikepdf
import pytest
import weasyprint

from render.page.pdf_tags import finish_tags

HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Grades</title><style>
@page { @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
</style></head><body><h1>Grades</h1>
<table><caption>What each grade means</caption>
<thead><tr><th scope="col">Grade</th><th scope="col">What it means</th></tr></thead>
<tbody><tr><th scope="row">Good</th><td>Better than it has to be.</td></tr>
<tr><th scope="row">Inadequate</th><td>Not good enough.</td></tr></tbody>
</table></body></html>"""


@pytest.fixture(scope="module")
def raw() -> bytes:
    return weasyprint.HTML(string=HTML).write_pdf(pdf_variant="pdf/ua-1")


def _orphan_mcids(pdf) -> list[int]:
    """MCIDs whose parent-tree element is not reachable from the tree root."""
    reachable, todo = set(), [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            reachable.add(node.objgen)
            todo.append(node.get("/K"))
    parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)[0]
    return [
        mcid
        for mcid, element in enumerate(parents)
        if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
    ]


def _artifacts(pdf) -> list[str]:
    return [
        str(operands[1].get("/Type"))
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0])
        if str(operator) == "BDC" and str(operands[0]) == "/Artifact" and len(operands) == 2
    ]


def _scopes(pdf) -> dict[str, str]:
    out, todo = {}, [pdf.Root.StructTreeRoot.K]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Array):
            todo.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == "/TH":
                out[str(node.ID)] = str(node.A.get("/Scope", "none"))
            todo.append(node.get("/K"))
    return out


def test_weasyprint_leaves_the_page_number_out_of_the_tree(raw):
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert len(_orphan_mcids(pdf)) == 1  # "Page 1 of 1"; the gap being repaired
        assert _artifacts(pdf) == []


def test_page_number_becomes_a_pagination_artifact(raw):
    with pikepdf.open(io.BytesIO(finish_tags(raw))) as pdf:
        assert _orphan_mcids(pdf) == []
        assert _artifacts(pdf) == ["/Pagination"]
        parents = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)[0]
        assert sum(1 for p in parents if p is None) == 1


def test_header_scopes_follow_the_headers_links(raw):
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        assert set(_scopes(pdf).values()) == {"none"}
        table = next(k for k in _scopes(pdf)).split("-")[0]
    with pikepdf.open(io.BytesIO(finish_tags(raw))) as pdf:
        scopes = _scopes(pdf)
    assert scopes == {
        f"{table}-0-0": "none",  # the corner cell heads no data cell
        f"{table}-0-1": "/Column",
        f"{table}-1-0": "/Row",
        f"{table}-2-0": "/Row",
    }


def test_repaired_pdf_still_passes_pdf_ua_1(raw, tmp_path):
    target = tmp_path / "repaired.pdf"
    target.write_bytes(finish_tags(raw))
    report = page.validate_pdf(target, profile="ua1")
    assert report.is_compliant, [f.rule_id for f in report.failures]
    assert target.read_bytes().startswith(b"%PDF-1.7")


def test_untagged_pdf_is_left_alone():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    drawing.drawString(72, 720, "Hello")
    drawing.save()
    assert finish_tags(out.getvalue()) == out.getvalue()
