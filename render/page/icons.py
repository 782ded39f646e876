"""Icons: the picture to the left of every point.

A layout's icons are the SVG files in the ``icons/`` folders of its search
path (its own folder first, then ``_base``); a layout's own file replaces a
shared one of the same name. Which icon a point gets:

1. the icon its data names (``icon: family``), checked by ``model/validate.py``;
2. else the first rule of ``icons/keywords.toml`` with a keyword in its text;
3. else the icon of the section it is in;
4. else the neutral icon.

An icon beside a sentence that says everything is decorative. It is drawn
as a CSS background (``.pic-NAME``), which WeasyPrint does not tag, so it
never becomes a PDF figure without alt text, and the element carries
``aria-hidden`` so screen readers do not read it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, close_names
from ..model import markup as text
from ..source import as_data_url, parse_toml

FOLDER = "icons"
RULES_FILE = "keywords.toml"
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Rule:
    """Points with one of ``keywords`` in their text get ``icon``."""

    icon: str
    keywords: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class IconSet:
    """The icons a layout can show, and the rule that picks one."""

    files: Mapping[str, Path]
    rules: tuple[Rule, ...]
    sections: Mapping[str, str]
    neutral: str

    @property
    def names(self) -> list[str]:
        return sorted(self.files)

    def pick(self, sentence: str, section: str = "") -> str:
        """The icon for ``sentence`` in ``section`` when the data names none."""
        flat = text.plain(sentence)
        for rule in self.rules:
            if rule.pattern.search(flat):
                return rule.icon
        return self.sections.get(section, self.neutral)

    def stylesheet(self) -> str:
        """One CSS rule per icon: ``.pic-NAME`` with the SVG as a data: URL."""
        rules = []
        for name, path in sorted(self.files.items()):
            url = as_data_url("image/svg+xml", _compact_svg(path).encode("utf-8"))
            rules.append(f'.pic-{name} {{ background-image: url("{url}"); }}')
        return "\n".join(rules)


def load_icons(search_path: Sequence[Path]) -> IconSet:
    """The icons in ``search_path``'s ``icons/`` folders and the first rules file."""
    files = icon_files(search_path)
    rules_path = next(
        (f / FOLDER / RULES_FILE for f in search_path if (f / FOLDER / RULES_FILE).is_file()),
        None,
    )
    if rules_path is None:
        raise InputError.single(search_path[0], f"no {FOLDER}/{RULES_FILE} in the layout")
    return _read_rules(rules_path, files)


def icon_files(search_path: Sequence[Path]) -> dict[str, Path]:
    """Each icon's name and file: the SVG files in ``search_path``'s ``icons/``
    folders (all a data file's ``icon:`` needs, without reading the rules)."""
    files: dict[str, Path] = {}
    for folder in reversed(search_path):  # earlier folders win
        files.update({p.stem: p for p in sorted((folder / FOLDER).glob("*.svg"))})
    return files


def keyword_pattern(keyword: str) -> str:
    """A regular expression for ``keyword`` (see ``keywords.toml``)."""
    words = []
    for word in keyword.split():
        stem = re.escape(word.removesuffix("*"))
        words.append(stem + (r"[\w'-]*" if word.endswith("*") else "(?:s|es)?"))
    body = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
    return f"(?:{body})" if any(c.isupper() for c in keyword) else f"(?i:{body})"


def _compact_svg(path: Path) -> str:
    """The icon's SVG without whitespace between tags or class names."""
    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError as exc:
        raise InputError.single(path, f"this icon is not a well-formed SVG file: {exc}") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise InputError.single(path, "this icon is not an SVG file (no <svg> at the top)")
    for element in root.iter():
        element.attrib.pop("class", None)
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    ET.register_namespace("", SVG_NS)
    return ET.tostring(root, encoding="unicode")


def _read_rules(path: Path, files: Mapping[str, str | Path]) -> IconSet:
    data = parse_toml(path, path.read_text(encoding="utf-8"))
    problems: list[str] = []
    rules = [_rule(i, raw, files, problems) for i, raw in enumerate(data.get("rules", []))]
    sections = data.get("sections", {})
    named = [("neutral", data.get("neutral"))]
    named += [(f"sections.{k}", v) for k, v in sections.items()]
    problems += [_unknown(where, name, files) for where, name in named if name not in files]
    if problems:
        raise InputError.single(path, "; ".join(problems))
    return IconSet(dict(files), tuple(r for r in rules if r), dict(sections), data["neutral"])


def _rule(index: int, raw: Any, files: Mapping[str, Any], problems: list[str]) -> Rule | None:
    where = f"rules[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("icon"), str):
        problems.append(f"{where}: a rule needs 'icon' and 'keywords'")
        return None
    keywords = raw.get("keywords")
    if not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
        problems.append(f"{where}: 'keywords' must be a list of words")
        return None
    if raw["icon"] not in files:
        problems.append(_unknown(f"{where}.icon", raw["icon"], files))
        return None
    pattern = re.compile("|".join(keyword_pattern(k) for k in keywords))
    return Rule(raw["icon"], tuple(keywords), pattern)


def _unknown(where: str, name: object, files: Mapping[str, Any]) -> str:
    close = close_names(str(name), sorted(files))
    hint = f" (close names: {', '.join(close)})" if close else ""
    return f"{where}: there is no icon '{name}'{hint}"
