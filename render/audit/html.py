"""Accessibility checks of one HTML page in a real browser, ours or anyone's.

- ``axe/...``: axe-core (the copy bundled with axe-playwright-python) with
  the WCAG 2.0, 2.1 and 2.2 A and AA rules, its best practices, and the
  7:1 enhanced contrast rule easy read asks for; the contrast rules run again
  under each colour scheme or contrast preference the page's CSS reacts to.
- ``html/reflow``: at 320 CSS px wide nothing scrolls sideways (WCAG 1.4.10).
- ``html/text-spacing``: with the WCAG 1.4.12 spacing applied, no text that
  was fully visible is cut off or runs into other text.
- ``html/skip-link``: the first Tab stop is a skip link that shows when
  focused and, on Enter, moves focus to the main content (WCAG 2.4.1).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..errors import ToolMissing
from ..findings import Finding, Rule, whole_file_finding
from .browser import Browser

AXE_TAGS = (
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
)
AXE_EXTRA = ("color-contrast-enhanced",)  # WCAG 1.4.6 (AAA), 7:1
CONTRAST_RULES = ("color-contrast", "color-contrast-enhanced")
WCAG_LEVEL_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}
# Media features a page's CSS may react to, and the value to try.
PREFERENCES = {
    "prefers-color-scheme": {"color_scheme": "dark"},
    "prefers-contrast": {"contrast": "more"},
}
DESKTOP, PHONE = 1280, 320
TEXT_SPACING_CSS = """
*, *::before, *::after {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""
MOST_LISTED = 5
# The axe-core copies easyread has been tested with, by version: the script
# is checked before it is run, and runs where the page cannot reach it.
AXE_SHA256 = {"4.12.1": "84494fec757e4710dc751c8d7a636e457f4532f08f85c86dc9070133fbff53bc"}

RULES = {
    rule.id: rule
    for rule in (
        Rule(
            "html/reflow",
            "error",
            "At 320 CSS px wide the page does not scroll sideways.",
            "Let boxes shrink: use max-width instead of width, allow long words and "
            "links to wrap (overflow-wrap: anywhere), and give wide tables their own "
            "scrolling box.",
        ),
        Rule(
            "html/text-spacing",
            "error",
            "Text survives line height 1.5, paragraph spacing 2em, letter spacing "
            "0.12em and word spacing 0.16em.",
            "Do not fix the height of boxes that hold text (use min-height), and do "
            "not "
            "hide their overflow.",
        ),
        Rule(
            "html/skip-link",
            "error",
            "The first Tab stop is a visible skip link that moves focus to the main content.",
            'Make the first element of <body> <a class="skip-link" href="#main">'
            "Skip to "
            'the content</a>, show it when focused, and give <main id="main"> '
            'tabindex="-1" so it can take focus.',
        ),
        Rule(
            "html/blocked",
            "note",
            "The page loads nothing from the network during the audit.",
            "Embed what the page needs, or expect it to look different offline.",
        ),
    )
}


@cache
def _probe() -> str:
    return files("render").joinpath("resources/layout-probe.js").read_text(encoding="utf-8")


@cache
def axe_script() -> str:
    """The axe-core script bundled with axe-playwright-python, if it is a copy
    we know (``AXE_SHA256``): a changed file could pass any page."""
    from axe_playwright_python.base import AXE_SCRIPT

    found = re.match(r"/\*! axe v([\d.]+)", AXE_SCRIPT)
    version = found[1] if found else "of no known version"
    digest = hashlib.sha256(AXE_SCRIPT.encode("utf-8")).hexdigest()
    if AXE_SHA256.get(version) != digest:
        raise ToolMissing(
            f"the axe-core script of axe-playwright-python (axe {version}, sha256 "
            f"{digest[:16]}...) is not a copy easyread knows, so its results cannot be "
            "trusted: reinstall it (pip install --force-reinstall "
            "'axe-playwright-python==0.1.8')"
        )
    return AXE_SCRIPT


def check_html(
    browser: Browser, path: Path, seconds: float = 30
) -> tuple[list[Finding], dict, list[Rule]]:
    """Every finding for the page at ``path``, a summary, and the axe rules met."""
    with browser.page(path, DESKTOP, seconds=seconds) as page:
        findings = list(_skip_link(page, path))
        axe = run_axe(page)
        findings += axe_findings(path, axe["results"], axe["rules"])
        for preference in _preferences_used(page):
            page.emulate_media(**preference)
            extra = run_axe(page, CONTRAST_RULES)
            label = ", ".join(f"{k.replace('_', '-')}: {v}" for k, v in preference.items())
            findings += axe_findings(path, extra["results"], axe["rules"], label)
        page.emulate_media(color_scheme="light", contrast="no-preference")
        findings += text_spacing(page, path, DESKTOP)
        blocked = list(page.blocked)
    with browser.page(path, PHONE, seconds=seconds) as page:
        findings += reflow(page, path)
        findings += text_spacing(page, path, PHONE)
    findings += [
        _finding(path, "html/blocked", f"Not loaded (no network during the audit): {url}")
        for url in dict.fromkeys(blocked)
    ]
    summary = {
        "kind": "html",
        "rules checked": len(axe["ran"]) + len(RULES) - 1,
        "checkers": f"axe-core {axe['version']} ({len(axe['ran'])} rules) in Chromium "
        f"{browser.version}, easyread ({len(RULES) - 1} rules)",
    }
    rules = [
        Rule(f"axe/{r['ruleId']}", _axe_severity(r["tags"]), r["help"], r["helpUrl"])
        for r in axe["rules"].values()
    ]
    return findings, summary, rules


def run_axe(page, only: tuple[str, ...] = ()) -> dict:
    """axe-core's results on ``page``, with the rules it ran and their details."""
    if not page.evaluate("() => typeof axe === 'object'"):
        page.run(axe_script())
    options = (
        {"runOnly": {"type": "rule", "values": list(only)}}
        if only
        else {
            "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
            "rules": {rule: {"enabled": True} for rule in AXE_EXTRA},
        }
    )
    options["resultTypes"] = ["violations", "incomplete"]
    return page.evaluate(
        """async (options) => {
          const results = await axe.run(document, options);
          const kinds = ["passes", "violations", "incomplete", "inapplicable"];
          const ran = [...new Set(kinds.flatMap((k) => results[k].map((r) => r.id)))];
          const rules = Object.fromEntries(axe.getRules()
            .filter((r) => ran.includes(r.ruleId))
            .map((r) => [r.ruleId, r]));
          return {version: results.testEngine.version, ran, rules,
                  results: {violations: results.violations,
                            incomplete: results.incomplete}};
        }""",
        options,
    )


def axe_findings(path: Path, results: dict, rules: dict, condition: str = "") -> list[Finding]:
    """One finding per element axe-core flags; "incomplete" ones are notes."""
    findings = []
    for kind in ("violations", "incomplete"):
        for result in results[kind]:
            tags = rules.get(result["id"], {}).get("tags", result["tags"])
            severity = _axe_severity(tags) if kind == "violations" else "note"
            for node in result["nodes"]:
                findings.append(_axe_finding(path, result, node, severity, condition))
    return findings


def _axe_finding(path: Path, result: dict, node: dict, severity: str, condition: str) -> Finding:
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    detail = "; ".join(dict.fromkeys(c["message"] for c in checks if c.get("message")))
    when = f" (with {condition})" if condition else ""
    prefix = "" if severity != "note" else "axe-core could not decide, check by hand: "
    return Finding(
        str(path),
        0,
        0,
        f"axe/{result['id']}",
        severity,
        f"{prefix}{result['help']}{when}" + (f": {detail}" if detail else ""),
        field=" ".join(_flatten(node["target"])),
        suggestion=f"{result['description'].rstrip('.')}. See {result['helpUrl']}",
        text=" ".join(node.get("html", "").split())[:200],
    )


def _flatten(target) -> list[str]:
    return [t for item in target for t in (_flatten(item) if isinstance(item, list) else [item])]


def _axe_severity(tags: list[str]) -> str:
    """WCAG A and AA failures are errors; best practice and AAA are warnings."""
    return "error" if WCAG_LEVEL_TAGS & set(tags) else "warning"


def _preferences_used(page) -> list[dict]:
    """The user preferences (dark scheme, more contrast) the page's CSS reacts to."""
    used = page.evaluate(
        """(features) => {
          const found = new Set();
          const walk = (rules) => { for (const rule of rules) {
            const text = rule.conditionText
              || (rule.media && rule.media.mediaText) || "";
            features.forEach((f) => text.includes(f) && found.add(f));
            if (rule.cssRules) walk(rule.cssRules);
          } };
          for (const sheet of document.styleSheets) {
            try { walk(sheet.cssRules); } catch (e) { /* another origin's sheet */ }
          }
          return [...found];
        }""",
        list(PREFERENCES),
    )
    return [PREFERENCES[feature] for feature in used]


def measure(page) -> dict:
    """What sticks out sideways, how visible each text is, which texts overlap."""
    return page.evaluate(_probe())


def reflow(page, path: Path) -> list[Finding]:
    """A finding if the page scrolls sideways at the current width."""
    layout = measure(page)
    if layout["scrollWidth"] <= layout["clientWidth"] + 1:
        return []
    widest = _innermost([w["selector"] for w in layout["wide"]])[:MOST_LISTED]
    return [
        _finding(
            path,
            "html/reflow",
            f"At {layout['clientWidth']} CSS px wide the page is "
            f"{layout['scrollWidth']} px "
            "wide, so readers must scroll sideways to read each line. Too wide: "
            + ", ".join(widest),
            where=widest[0] if widest else "",
        )
    ]


def _innermost(selectors: list[str]) -> list[str]:
    """Only the selectors no other selector in the list is inside."""
    return [s for s in selectors if not any(o.startswith(s + " > ") for o in selectors)]


def text_spacing(page, path: Path, width: int) -> list[Finding]:
    """Findings for text the WCAG 1.4.12 spacing cuts off or runs together."""
    before = measure(page)
    page.evaluate(_ADD_STYLE, TEXT_SPACING_CSS)
    after = measure(page)
    page.evaluate(_REMOVE_STYLE)
    shown = {t["id"] for t in before["texts"] if t["visible"] > 0.99}
    findings = [
        _finding(
            path,
            "html/text-spacing",
            f"At {width} CSS px with more text spacing, only {t['visible']:.0%} of "
            "this text can be seen.",
            where=t["id"],
            text=t["text"],
        )
        for t in after["texts"]
        if t["id"] in shown and t["visible"] < 0.99
    ]
    known = {tuple(pair) for pair in before["overlaps"]}
    findings += [
        _finding(
            path,
            "html/text-spacing",
            f"At {width} CSS px with more text spacing, this text runs into {b}.",
            where=a,
        )
        for a, b in after["overlaps"]
        if (a, b) not in known
    ]
    return findings


def _skip_link(page, path: Path) -> Iterator[Finding]:
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS)
    href = (first or {}).get("href", "")
    if not first or first["tag"] != "a" or not href.startswith("#") or len(href) < 2:
        what = f"<{first['tag']}> {first['text'][:40]!r}" if first else "nothing"
        yield _finding(
            path,
            "html/skip-link",
            f"The first Tab stop is {what}, not a link to the main content, "
            "so keyboard users must tab through everything before it.",
            severity="warning",
        )
        return
    if not first["visible"]:
        yield _finding(
            path,
            "html/skip-link",
            "The skip link does not show on screen when it has focus.",
            where=first["selector"],
        )
    page.keyboard.press("Enter")
    landed = page.evaluate(_LANDED, href[1:])
    if not landed["exists"]:
        yield _finding(
            path,
            "html/skip-link",
            f"The skip link goes to {href}, but no element has that id.",
            where=first["selector"],
        )
    elif not landed["focused"]:
        yield _finding(
            path,
            "html/skip-link",
            f"Enter on the skip link leaves focus on {landed['active']}, not on "
            f'{href}: give the target tabindex="-1".',
            where=first["selector"],
        )
    elif not landed["main"]:
        yield _finding(
            path,
            "html/skip-link",
            f'The skip link goes to {href}, which is not the main content (<main> or role="main").',
            where=first["selector"],
            severity="warning",
        )


_ADD_STYLE = """(css) => {
  const style = document.createElement("style");
  style.dataset.easyreadAudit = "";
  style.textContent = css;
  (document.head || document.documentElement).append(style);
}"""
_REMOVE_STYLE = """() => document.querySelectorAll("style[data-easyread-audit]")
  .forEach((style) => style.remove())"""

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const visible = r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth;
  return {tag: el.localName, href: el.getAttribute("href") || "", visible,
          text: (el.textContent || "").trim(),
          selector: el.id ? "#" + el.id : el.localName
            + (el.className ? "." + [...el.classList].join(".") : "")};
}"""

_LANDED = """(id) => {
  const target = document.getElementById(id);
  const active = document.activeElement;
  const main = (el) => el.matches("main, [role=main]");
  return {
    exists: !!target,
    focused: !!target && (active === target || target.contains(active)),
    main: !!target && (main(target) || !!target.closest("main, [role=main]")
      || !!target.querySelector("main, [role=main]")),
    active: active === document.body ? "the page itself" : active.localName,
  };
}"""


def _finding(path: Path, rule_id: str, message: str, where: str = "", **details: str) -> Finding:
    return whole_file_finding(RULES[rule_id], path, message, where, **details)
