"""Accessibility checks of one PDF, ours or anyone's.

Three checkers, each finding named after the one that made it:

- ``page-validation/...``: the ``page`` validator's PDF/UA-1 profile (104
  rules, the veraPDF profile's machine-checkable requirements);
- ``pdfua/...``: the ``pdfua`` package's checks; its heuristic findings are
  at most warnings, since a person has to confirm them;
- ``pdf/...``: what neither says: every font that is not embedded and every
  heading that skips a level or has no text (page-validation names only
  the first of each), bookmarks that follow the headings, and reading order
  against the order the pages are drawn.

A fault is reported once, by the checker that says most about it: the
others' findings on it are left out (``RESTATES``).

Our own checks, from the structure tree, are in ``pdf_structure``.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path

from ..errors import InputError, ToolMissing
from ..findings import Finding
from .pdf_structure import RULES, own_findings, struct_elements

POPPLER_TOOLS = ("pdfinfo", "pdftotext")
PDFUA_CRASH = "rule raised "  # how pdfua says one of its rules crashed

# A finding of the first rule is left out when the second rule has one: they
# say the same, and the second says more (every instance, or where) or is the
# validator that decides it. page-validation names only the first font, figure
# or heading at fault; pdfua names every figure and every untagged page.
RESTATES = {
    "pdfua/UA-01-002": "page-validation/PDFUA1-TAGGED-DOCUMENT-001",
    "pdfua/UA-01-005": "page-validation/PDFUA1-STRUCT-TREE-ROOT-001",
    "page-validation/PDFUA1-CONTENT-TAGGING-001": "pdfua/UA-01-003",
    "pdfua/UA-06-001": "page-validation/PDFUA1-TEXT-LANGUAGE-001",
    "pdfua/UA-07-001": "page-validation/PDFUA1-METADATA-TITLE-001",
    "pdfua/UA-07-002": "page-validation/PDFUA1-VIEWER-PREFERENCES-001",
    "pdfua/UA-28-004": "page-validation/PDFUA1-ID-SCHEMA-001",
    "page-validation/PDFUA1-FIGURE-ALTERNATIVE-TEXT-001": "pdfua/UA-13-004",
    "pdfua/UA-15-003": "page-validation/PDFUA1-TABLE-HEADERS-SCOPE-001",
    "page-validation/PDFUA1-FONT-EMBEDDING-001": "pdf/fonts-embedded",
    "page-validation/PDFUA1-HEADING-NESTING-001": "pdf/headings",
    "pdfua/UA-14-001": "pdf/headings",
}

# What to do about a page-validation rule, by the family its id names.
PAGE_VALIDATION_ADVICE = (
    (
        ("CONTENT-TAGGING", "ARTIFACT", "TAGGED-CONTENT"),
        "Tag all real content and mark decoration, running headers, footers and page "
        "numbers as artifacts; export as tagged PDF from the authoring tool.",
    ),
    (
        ("STRUCT-TREE-ROOT", "TAGGED-DOCUMENT", "SUSPECTS", "STRUCT-ELEMENT"),
        "Export as a tagged PDF: the file needs a structure tree and /MarkInfo /Marked true.",
    ),
    (("ROLE-MAP",), "Map every custom tag to a standard PDF structure type."),
    (
        ("LANGUAGE",),
        "Set the document language (/Lang, e.g. en-GB) and the language "
        "of any passage in another language.",
    ),
    (
        (
            "FONT",
            "CMAP",
            "CIDSET",
            "CIDTOGIDMAP",
            "GLYPH",
            "TRUETYPE",
            "TYPE0",
            "NOTDEF",
            "UNICODE",
        ),
        "Embed every font with a Unicode mapping; most export dialogs have 'embed all fonts'.",
    ),
    (
        ("ID-", "METADATA"),
        "Write XMP metadata with a dc:title and the PDF/UA identification (pdfuaid:part 1).",
    ),
    (("VIEWER-PREFERENCES",), "Set /ViewerPreferences /DisplayDocTitle true."),
    (
        ("FIGURE", "FORMULA", "MEDIA"),
        "Give every figure, formula and media clip alternative text.",
    ),
    (
        ("TABLE", "TH-", "TD-", "TR-", "THEAD", "TBODY", "TFOOT"),
        "Tag tables as Table > (THead, TBody) > TR > TH/TD, with header cells "
        "linked by /Scope or /Headers.",
    ),
    (
        ("HEADING",),
        "Use heading levels in order, starting at H1, without skipping one.",
    ),
    (
        ("LINK", "ANNOTATION", "TRAPNET", "PAGE-TABS"),
        "Tag every link and annotation, give it a description (/Contents), and set "
        "/Tabs /S on pages that have annotations.",
    ),
    (("FORM", "WIDGET"), "Tag every form field and give it a name (/TU)."),
    (("L-", "LI-", "LBODY", "TOC"), "Tag lists as L > LI > (Lbl, LBody)."),
    (("NOTE",), "Give every note a unique /ID."),
    (
        ("ENCRYPTION",),
        "Allow assistive technology to extract the text (the encryption permissions, bit 10).",
    ),
)
DEFAULT_ADVICE = (
    "See what PDF/UA-1 (ISO 14289-1) requires here; fix it in the tool "
    "that made the PDF and export again as tagged PDF."
)


def check_pdf(path: Path) -> tuple[list[Finding], dict]:
    """Every finding for the PDF at ``path``, and a summary of what ran."""
    import pikepdf

    missing = [tool for tool in POPPLER_TOOLS if shutil.which(tool) is None]
    if missing:
        raise ToolMissing(
            f"auditing a PDF needs {', '.join(missing)} from poppler-utils "
            "(Debian/Ubuntu: apt-get install poppler-utils)"
        )
    try:
        document = pikepdf.open(path)
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        raise InputError.single(path, f"cannot read this PDF: {exc}") from None
    with document:
        places = object_places(document)
        page_count = len(document.pages)
        findings, counts, faults = _external(path, places)
        findings += own_findings(path, document)
    summary = {
        "kind": "pdf",
        "pages": page_count,
        "rules checked": sum(counts.values()) + len(RULES),
        "checkers": ", ".join(f"{name} ({n} rules)" for name, n in counts.items())
        + f", easyread ({len(RULES)} rules)",
        "faults": faults,
    }
    return without_repeats(findings), summary


def without_repeats(findings: list[Finding]) -> list[Finding]:
    """``findings`` less those another checker's findings say again (``RESTATES``)."""
    found = {f.rule for f in findings}
    return [f for f in findings if RESTATES.get(f.rule) not in found]


def object_places(document) -> dict[tuple[int, int], str]:
    """Where each object a validator may name is, in words: "page 2" for a
    page, its content streams and the structure elements on it."""
    import pikepdf

    places: dict[tuple[int, int], str] = {}
    for number, page in enumerate(document.pages, 1):
        contents = page.obj.get("/Contents")
        streams = contents if isinstance(contents, pikepdf.Array) else [contents]
        for obj in [page.obj, *(s for s in streams if s is not None)]:
            places.setdefault(obj.objgen, f"page {number}")
    for element, page_ref in struct_elements(document):
        if page_ref is not None and page_ref.objgen in places:
            places.setdefault(element.objgen, places[page_ref.objgen])
    places.pop((0, 0), None)  # direct objects have no number to be named by
    return places


def _external(path: Path, places: dict) -> tuple[list[Finding], dict[str, int], list[str]]:
    """The findings of page-validation and pdfua, how many rules each ran, and
    the checkers' own faults (said once per run, not on every file)."""
    import page
    import pdfua

    try:
        report = page.validate_pdf(str(path), profile="ua1")
    except page.PageError as exc:
        raise InputError.single(path, f"cannot read this PDF: {exc}") from None
    found = [_from_page_validation(path, places, failure) for failure in report.failures]
    from_pdfua, faults = _pdfua(path)
    found += from_pdfua
    counts = {
        f"page-validation {version('page-validation')} PDF/UA-1": report.rules.total,
        f"pdfua {pdfua.__version__}": len(pdfua.default_registry()),
    }
    return found, counts, faults


def _from_page_validation(path: Path, places: dict, failure) -> Finding:
    where = ""
    if failure.object_id is not None:
        key = (failure.object_id.object_number, failure.object_id.generation)
        where = places.get(key, f"object {key[0]} {key[1]} R")
    return Finding(
        path=str(path),
        line=0,
        col=0,
        rule=f"page-validation/{failure.rule_id}",
        severity="error",
        message=f"PDF/UA-1: {failure.message}",
        field=where,
        suggestion=advice_for(failure.rule_id),
    )


def advice_for(rule_id: str) -> str:
    """What to do about a page-validation rule, from the family its id names."""
    for keys, advice in PAGE_VALIDATION_ADVICE:
        if any(key in rule_id for key in keys):
            return advice
    return DEFAULT_ADVICE


def _pdfua(path: Path) -> tuple[list[Finding], list[str]]:
    """pdfua's findings and its own faults: a rule that crashed is pdfua's
    fault, not the PDF's, and is told once per run (``audit.faults``)."""
    import pdfua

    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as exc:
        raise InputError.single(path, f"cannot read this PDF: {exc}") from None
    except Exception as exc:  # pdfua itself failed: the other checkers still count
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return [], [f"pdfua failed ({reason}), so its checks were left out"]
    crashed = [o for o in report.skipped if o.skipped_reason.startswith(PDFUA_CRASH)]
    faults = [
        f"pdfua's rule {o.rule_id} failed ({o.skipped_reason.removeprefix(PDFUA_CRASH)}), "
        "so it was left out; the other checks ran"
        for o in crashed
    ]
    findings = [_from_pdfua(path, f) for f in report.findings]
    findings += [
        Finding(
            str(path),
            0,
            0,
            f"pdfua/{o.rule_id}",
            "note",
            f"pdfua could not run this check: {o.skipped_reason}",
            suggestion="Nothing to fix in the PDF; the other checkers still ran.",
        )
        for o in report.skipped
        if o not in crashed
    ]
    return findings, faults


def _from_pdfua(path: Path, finding) -> Finding:
    from pdfua import Confidence, Severity

    severity = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(finding.severity, "note")
    message = finding.message
    if finding.confidence is Confidence.HEURISTIC:
        severity = "note" if severity == "note" else "warning"
        message += " (a heuristic: a person should confirm it)"
    clause = f"PDF/UA-1 §{finding.pdfua_clause}: " if finding.pdfua_clause else ""
    where = finding.location.describe()
    return Finding(
        str(path),
        0,
        0,
        f"pdfua/{finding.rule_id}",
        severity,
        clause + message,
        field="" if where == "document" else where,
        suggestion=finding.remediation or "",
    )
