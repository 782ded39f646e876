"""``easyread audit``: finds and explains the faults in pages made to fail,
passes ours, reports in every format, and exits 0, 1 or 2."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, SAMPLE, require_tool

from render.audit.run import audit, kind_of
from render.errors import InputError

BROKEN_PAGE = ROOT / "tests" / "fixtures" / "broken-page.html"
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf000003010100c9fe92ef00"
        "00000049454e44ae426082"
    )
).decode()
FAULTY_HTML = f"""<!DOCTYPE html><html lang="en-GB"><head><title>Faults</title>
<style>h2 {{ bookmark-label: "Somewhere else"; }}</style></head><body>
<h1>A document with faults</h1><p>First paragraph of the text.</p>
<img src="data:image/png;base64,{PIXEL}" width="40" height="40">
<h3>A heading that skips a level</h3><p>Second paragraph of the text.</p>
<h2>A heading</h2><p>Third paragraph of the text.</p>
</body></html>"""


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "render", "audit", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="module")
def untagged_pdf(tmp_path_factory) -> Path:
    """What a library that cannot tag makes: ReportLab, standard fonts."""
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "untagged.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.setFont("Helvetica-Bold", 20)
    drawing.drawString(72, 750, "Inspection summary")
    drawing.setFont("Helvetica", 12)
    drawing.drawString(72, 720, "Children are safe. Social workers help you.")
    drawing.save()
    return path


@pytest.fixture(scope="module")
def faulty_pdf(tmp_path_factory) -> Path:
    """Tagged, but: a figure without alt text, a skipped heading level,
    bookmarks that do not follow the headings, two paragraphs' tags swapped
    and no DisplayDocTitle."""
    import weasyprint

    path = tmp_path_factory.mktemp("pdf") / "faulty.pdf"
    path.write_bytes(weasyprint.HTML(string=FAULTY_HTML).write_pdf(pdf_variant="pdf/ua-1"))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        kids = pdf.Root.StructTreeRoot.K[0].K
        paragraphs = [i for i, kid in enumerate(kids) if kid.S == "/P"]
        first, last = paragraphs[0], paragraphs[-1]
        kids[first], kids[last] = kids[last], kids[first]
        del pdf.Root.ViewerPreferences
        pdf.save(path)
    return path


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory) -> Path:
    """Tagged, but a table's data cell is not tied to its header cell."""
    import weasyprint

    path = tmp_path_factory.mktemp("pdf") / "table.pdf"
    html = (
        '<html lang="en-GB"><title>Table</title><h1>A table</h1>'
        "<table><tr><th>Age</th><td>8</td></tr></table>"
    )
    path.write_bytes(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    return path


EXPECTED_HTML = [
    "axe/color-contrast",
    "axe/image-alt",
    "axe/html-has-lang",
    "axe/document-title",
    "html/reflow",
    "html/text-spacing",
    "html/skip-link",
]
EXPECTED_UNTAGGED = [
    "pdf/fonts-embedded",
    "page-validation/PDFUA1-STRUCT-TREE-ROOT-001",
    "page-validation/PDFUA1-TAGGED-DOCUMENT-001",
    "page-validation/PDFUA1-CONTENT-TAGGING-001",
    "page-validation/PDFUA1-VIEWER-PREFERENCES-001",
    "page-validation/PDFUA1-METADATA-TITLE-001",
]
EXPECTED_FAULTY = [
    "pdfua/UA-13-004",
    "pdf/headings",
    "pdf/bookmarks",
    "pdf/reading-order",
    "page-validation/PDFUA1-VIEWER-PREFERENCES-001",
]


@pytest.fixture(scope="module")
def reports(untagged_pdf, faulty_pdf, table_pdf):
    """The JSON report of one audit run over the four broken files."""
    require_tool("pdftotext")
    done = run(
        str(BROKEN_PAGE), str(untagged_pdf), str(faulty_pdf), str(table_pdf), "--format", "json"
    )
    assert done.returncode == 1, done.stderr
    files = json.loads(done.stdout)["files"]
    return {Path(f["path"]).name: f for f in files}


@pytest.mark.parametrize(
    ("name", "rule"),
    [("broken-page.html", r) for r in EXPECTED_HTML]
    + [("untagged.pdf", r) for r in EXPECTED_UNTAGGED]
    + [("faulty.pdf", r) for r in EXPECTED_FAULTY],
)
def test_audit_finds_and_explains_each_fault(reports, name, rule):
    report = reports[name]
    found = [f for f in report["findings"] if f["rule"] == rule]
    assert found, f"{rule} not found in {name}"
    assert not report["passed"]
    for finding in found:
        assert finding["message"] and finding["suggestion"], finding
        assert finding["severity"] in ("error", "warning")


PV = "page-validation/PDFUA1-"


@pytest.mark.parametrize(
    ("name", "fault", "rules"),
    [
        ("untagged.pdf", "StructTreeRoot", [f"{PV}STRUCT-TREE-ROOT-001"]),
        ("untagged.pdf", "/Marked", [f"{PV}TAGGED-DOCUMENT-001"]),
        ("untagged.pdf", "DisplayDocTitle", [f"{PV}VIEWER-PREFERENCES-001"]),
        (
            "untagged.pdf",
            "XMP|dc:title",
            [f"{PV}ID-PART-001", f"{PV}ID-SCHEMA-001", f"{PV}METADATA-TITLE-001"],
        ),
        ("untagged.pdf", r"\bfont\b", ["pdf/fonts-embedded", "pdf/fonts-embedded"]),
        ("faulty.pdf", "/Alt", ["pdfua/UA-13-004"]),
        ("faulty.pdf", "skip", ["pdf/headings"]),
        ("faulty.pdf", "DisplayDocTitle", [f"{PV}VIEWER-PREFERENCES-001"]),
        ("table.pdf", "header", [f"{PV}TABLE-HEADERS-SCOPE-001"]),
    ],
)
def test_each_fault_is_told_once(reports, name, fault, rules):
    """page-validation, pdfua and our own rules overlap: one says it, the one
    that says most (every instance, or where), and the others are left out."""
    told = sorted(
        f["rule"]
        for f in reports[name]["findings"]
        if re.search(fault, f["message"], re.IGNORECASE)
    )
    assert told == rules


@pytest.mark.parametrize(
    ("name", "rule", "where"),
    [
        ("broken-page.html", "axe/color-contrast", ".faint"),
        ("broken-page.html", "html/reflow", "body > div:nth-of-type(1)"),
        ("broken-page.html", "html/text-spacing", "#content > p:nth-of-type(2)"),
        ("untagged.pdf", "pdf/fonts-embedded", "page 1"),
        ("untagged.pdf", "page-validation/PDFUA1-CONTENT-TAGGING-001", "page 1"),
        ("faulty.pdf", "pdfua/UA-13-004", "page 1 /Figure /StructTreeRoot"),
        ("table.pdf", "page-validation/PDFUA1-TABLE-HEADERS-SCOPE-001", "page 1"),
    ],
)
def test_findings_say_where(reports, name, rule, where):
    fields = [f["field"] for f in reports[name]["findings"] if f["rule"] == rule]
    assert where in fields


def test_our_own_outputs_pass(built):
    require_tool("pdftotext")
    stem = SAMPLE.stem
    done = run(str(built / f"{stem}.html"), str(built / f"{stem}.pdf"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": passes (") == 2
    assert "rules checked" in done.stdout and "seconds" in done.stdout


def test_sarif_and_github_formats(untagged_pdf):
    require_tool("pdftotext")
    sarif = run(str(untagged_pdf), "--format", "sarif")
    log = json.loads(sarif.stdout)
    assert sarif.returncode == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    ids = {rule["id"] for rule in run_["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run_["results"]} <= ids
    fonts = next(r for r in run_["results"] if r["ruleId"] == "pdf/fonts-embedded")
    assert fonts["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "page 1"}]
    github = run(str(untagged_pdf), "--format", "github")
    assert github.returncode == 1
    assert github.stdout.startswith("::error file=")
    assert "title=page-validation/PDFUA1-STRUCT-TREE-ROOT-001::" in github.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read it"),
        (b"Just some notes.\n", "neither a PDF nor an HTML page"),
        (b"%PDF-1.7\nthis is not really a PDF\n", "cannot read this PDF"),
    ],
)
def test_unreadable_input_exits_2_without_a_traceback(tmp_path, content, message):
    path = tmp_path / "input.pdf"
    if content is not None:
        path.write_bytes(content)
    done = run(str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_missing_browser_exits_2_and_says_how_to_get_one(tmp_path):
    import os

    env = {**os.environ, "EASYREAD_CHROMIUM": str(tmp_path / "no-such-chromium")}
    done = run(str(BROKEN_PAGE), env=env)
    assert done.returncode == 2
    assert "apt-get install chromium" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run(str(BROKEN_PAGE), "--format", "xml").returncode == 2


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("a.pdf", b"%PDF-1.4\n", "pdf"),
        ("page.html", b"<p>hi</p>", "html"),
        ("page.txt", b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        ("page", b"  <HTML lang=en>", "html"),
    ],
)
def test_kind_is_recognised_from_content(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content)
    assert kind_of(path) == kind


def test_api_keeps_unreadable_files_apart(tmp_path, untagged_pdf):
    require_tool("pdftotext")
    result = audit([tmp_path / "missing.pdf", untagged_pdf])
    assert [type(e) for e in result.errors] == [InputError]
    assert [Path(r.path).name for r in result.reports] == ["untagged.pdf"]
    assert not result.passed


def test_a_page_that_never_loads_is_unreadable_input(browser, tmp_path, monkeypatch):
    from render.audit.html import check_html

    monkeypatch.setattr("render.audit.browser.LOAD_TIMEOUT_MS", 2000)
    page = tmp_path / "busy.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><title>Busy</title><p>Hi</p>'
        "<script>while (true) {}</script>"
    )
    with pytest.raises(InputError, match="the browser could not audit this page: .*Timeout"):
        check_html(browser, page)


def test_nothing_is_fetched_from_the_network(browser, tmp_path):
    from render.audit.html import check_html

    page = tmp_path / "remote.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Remote</title>'
        '<link rel="stylesheet" href="https://example.org/site.css"></head>'
        '<body><main><h1>Remote</h1><img src="http://example.org/logo.png" '
        'alt="Logo"></main></body></html>'
    )
    findings, _, _ = check_html(browser, page)
    blocked = [f.message for f in findings if f.rule == "html/blocked"]
    assert blocked == [
        "Not loaded (no network during the audit): https://example.org/site.css",
        "Not loaded (no network during the audit): http://example.org/logo.png",
    ]
    assert all(f.severity == "note" for f in findings if f.rule == "html/blocked")


def test_a_missing_poppler_is_named(monkeypatch, untagged_pdf):
    from render.audit import pdf as audit_pdf
    from render.errors import ToolMissing

    monkeypatch.setattr(audit_pdf.shutil, "which", lambda name: None)
    with pytest.raises(ToolMissing, match="apt-get install poppler-utils"):
        audit([untagged_pdf])


def test_contrast_is_checked_in_the_dark_scheme_the_page_offers(browser, tmp_path):
    from render.audit.html import check_html

    page = tmp_path / "dark.html"
    # #111 on white is 18.9:1; #777 on black is 4.7:1, AA but not 7:1 (AAA).
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Dark</title><style>'
        "body { color: #111; background: #fff; }"
        "@media (prefers-color-scheme: dark) { body { color: #777; "
        "background: #000; } }</style></head>"
        "<body><main><h1>Dark</h1><p>Some text.</p></main></body></html>"
    )
    findings, _, _ = check_html(browser, page)
    contrast = [(f.rule, f.severity, f.field) for f in findings if f.rule.startswith("axe/color")]
    assert contrast == [("axe/color-contrast-enhanced", "warning", "p")]
    assert "(with color-scheme: dark)" in next(
        f.message for f in findings if f.rule.startswith("axe/color")
    )
