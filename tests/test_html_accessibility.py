"""Every built HTML page in headless Chromium: axe-core, 320 px, text spacing,
the skip link. One browser serves the whole session (``browser`` fixture)."""

from __future__ import annotations

import pytest
from conftest import INSPECTIONS

from render.audit.html import (
    AXE_EXTRA,
    AXE_TAGS,
    PHONE,
    TEXT_SPACING_CSS,
    check_html,
    measure,
)

pytestmark = pytest.mark.parametrize("source", INSPECTIONS, ids=lambda p: p.stem)

# axe-core 4.12 runs about 90 rules with these tags on our pages; far fewer
# would mean the tags or the script went wrong, not that the page is good.
MIN_AXE_RULES = 80


@pytest.fixture(scope="session")
def audits(built, browser):
    """Each built page's (findings, summary), audited once, on first use."""
    cache = {}

    def audit(source):
        if source.stem not in cache:
            findings, summary, _ = check_html(browser, built / f"{source.stem}.html")
            cache[source.stem] = findings, summary
        return cache[source.stem]

    return audit


def _shown(findings):
    return [f"{f.rule} {f.severity} {f.field}: {f.message}" for f in findings]


def test_axe_finds_no_violations_with_wcag_22_aa_and_best_practice(audits, source):
    findings, summary = audits(source)
    assert set(AXE_TAGS) >= {"wcag2aa", "wcag21aa", "wcag22aa", "best-practice"}
    assert "color-contrast-enhanced" in AXE_EXTRA
    ran = int(summary["checkers"].split("(")[1].split()[0])
    assert ran >= MIN_AXE_RULES, summary
    assert _shown(f for f in findings if f.rule.startswith("axe/")) == []


def test_nothing_scrolls_sideways_at_320_css_px(browser, built, source):
    with browser.page(built / f"{source.stem}.html", PHONE) as page:
        layout = measure(page)
    assert layout["clientWidth"] == PHONE
    assert layout["scrollWidth"] <= PHONE, layout["wide"][:5]


@pytest.mark.parametrize("width", [PHONE, 1280])
def test_text_spacing_cuts_off_or_overlaps_no_text(browser, built, source, width):
    with browser.page(built / f"{source.stem}.html", width) as page:
        before = measure(page)
        page.add_style_tag(content=TEXT_SPACING_CSS)
        spaced = page.evaluate("getComputedStyle(document.querySelector('main p')).lineHeight")
        after = measure(page)
    size = float(spaced.removesuffix("px")) / 1.5
    assert size >= 16, "the spacing was not applied"
    assert len(after["texts"]) == len(before["texts"]) > 20  # the probe saw the page
    hidden = [t["id"] for t in before["texts"] if t["visible"] < 0.99]
    assert hidden == ["body > a"], "only the skip link is off screen until focused"
    cut = [
        (t["id"], round(t["visible"], 2))
        for t in after["texts"]
        if t["visible"] < 0.99 and t["id"] not in hidden
    ]
    assert cut == []
    assert after["overlaps"] == []
    assert after["scrollWidth"] <= width


def test_skip_link_moves_focus_to_the_main_content(browser, built, source):
    with browser.page(built / f"{source.stem}.html", 1280) as page:
        page.keyboard.press("Tab")
        link = page.evaluate(
            """() => { const el = document.activeElement, r = el.getBoundingClientRect();
                       return {cls: el.className, href: el.getAttribute('href'),
                               top: r.top, bottom: r.bottom}; }"""
        )
        page.keyboard.press("Enter")
        landed = page.evaluate("[document.activeElement.localName, document.activeElement.id]")
    assert link["cls"] == "skip-link" and link["href"] == "#main"
    assert 0 <= link["top"] < link["bottom"] <= 800, "the focused skip link is not on screen"
    assert landed == ["main", "main"]


def test_the_whole_html_audit_finds_nothing(audits, source):
    findings, summary = audits(source)
    assert summary["kind"] == "html"
    assert _shown(findings) == []
