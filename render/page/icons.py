"""Pictures: the picture to the left of every point.

A layout's pictures are the SVG files in the ``pictures/`` folders of its
search path (its own folder first, then ``_base``); a layout's own file
replaces a shared one of the same name. Each picture has a mood (``good``,
``worry`` or ``neutral``) in ``pictures/pictures.toml``. Which picture a
point gets:

1. the picture its data names (``icon: family``, or an old name from the
   ``[aliases]`` of ``pictures/rules.toml``), checked by ``model/validate.py``;
2. else the first rule of ``pictures/rules.toml`` with a keyword in its text
   whose picture's mood fits the section: never a ``good`` picture in the
   ``better`` section (to_improve), never a ``worry`` one in ``good``
   (going_well); a document in a language with its own rules file
   (``pictures/rules-cy.toml`` for ``language: cy``) is read with those
   rules instead, each keyword in every form the file's ``mutations`` make
   of its first word (``mutations.py``);
3. else the picture of the section it is in;
4. else the neutral picture.

An icon beside a sentence that says everything is decorative. It is drawn
as a CSS background (``.pic-NAME``), which WeasyPrint does not tag, so it
never becomes a PDF figure without alt text, and the element carries
``aria-hidden`` so screen readers do not read it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, close_names
from ..model import Contact, Inspection, Point
from ..model import markup as text
from ..source import as_data_url, read_toml
from .messages import N_
from .mutations import KINDS, mutated_forms

FOLDER = "pictures"
RULES_FILE = "rules.toml"
# the rules of one language: rules-cy.toml for a document in Welsh (cy, cy-GB)
LANGUAGE_RULES = "rules-*.toml"
# the endings an English keyword matches without a "*": "meeting", "meetings"
PLURALS = ("s", "es")
MOODS_FILE = "pictures.toml"
MOODS = ("good", "worry", "neutral")
# the line CC BY-SA 4.0 asks for wherever the bundled pictures are shown
ATTRIBUTION = N_("Pictures: OpenMoji (openmoji.org), CC BY-SA 4.0")
BUNDLED = Path(__file__).resolve().parents[2] / "layouts" / "_base" / FOLDER
# the mood a section's point must never get
WRONG_MOOD = {"better": "good", "good": "worry"}
SVG_NS = "http://www.w3.org/2000/svg"
# the list kind (the templates' section) each data field's points are shown in
SECTION_OF = {
    "about": "about",
    "going_well": "good",
    "to_improve": "better",
    "facts": "fact",
    "next_steps": "next",
    "said": "said",
    "talk_to": "talk",
}


@dataclass(frozen=True)
class Choice:
    """The picture guessed for a point, and why: the ``word`` of its text a
    rule matched, or none when its section's (or the neutral) picture was
    left."""

    icon: str
    word: str = ""

    @property
    def note(self) -> str:
        """What ``build`` and ``check`` tell the writer about this guess."""
        why = f"for the word '{self.word}'" if self.word else "because no keyword matched"
        return f"picture '{self.icon}' chosen {why}; name one with icon: to choose another"


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
    aliases: Mapping[str, str] = field(default_factory=dict)
    moods: Mapping[str, str] = field(default_factory=dict)
    # what each picture shows, in words (``alt`` in pictures.toml)
    shows: Mapping[str, str] = field(default_factory=dict)
    # the rules of other languages, by primary language subtag (rules-cy.toml)
    languages: Mapping[str, tuple[Rule, ...]] = field(default_factory=dict)
    # the language of ``rules`` when they are not the default ones ("cy")
    language: str = ""

    def for_language(self, tag: str) -> IconSet:
        """These pictures with the rules for a document in language ``tag``
        (``cy-GB`` is read with ``rules-cy.toml``); the default rules for a
        language without its own."""
        primary = tag.split("-")[0].lower()
        rules = self.languages.get(primary)
        return self if rules is None else replace(self, rules=rules, languages={}, language=primary)

    @property
    def names(self) -> list[str]:
        """Every name a data file's ``icon:`` may use (aliases too)."""
        return sorted({*self.files, *self.aliases})

    def mood(self, name: str) -> str:
        return self.moods.get(name, "neutral")

    def is_bundled(self, name: str) -> bool:
        """Whether ``name`` is one of the OpenMoji pictures shipped in ``_base``."""
        path = self.files.get(name)
        return path is not None and Path(path).resolve().parent == BUNDLED

    def resolve(self, name: str) -> str:
        """The picture a named ``icon:`` means (an alias's picture)."""
        return name if name in self.files else self.aliases.get(name, name)

    def pick(self, sentence: str, section: str = "") -> str:
        """The picture for ``sentence`` in ``section`` when the data names none."""
        return self.choose(sentence, section).icon

    def choose(self, sentence: str, section: str = "") -> Choice:
        """The picture ``pick`` gives, with the word that chose it."""
        wrong = WRONG_MOOD.get(section)
        flat = text.plain(sentence).replace("\u2019", "'")  # a curly apostrophe: teimlo’n
        for rule in self.rules:
            found = rule.pattern.search(flat) if self.mood(rule.icon) != wrong else None
            if found:
                return Choice(rule.icon, found.group(0))
        default = self.sections.get(section, self.neutral)
        return Choice(default if self.mood(default) != wrong else self.neutral)

    def guesses(self, inspection: Inspection) -> list[tuple[tuple[str | int, ...], Choice]]:
        """Every point of ``inspection`` whose picture is guessed (it names
        neither ``icon`` nor ``picture``): where it is in the data, and the
        choice, by the rules of the document's language."""
        icons = self.for_language(inspection.language)
        lists: list[tuple[tuple[str | int, ...], tuple]] = [
            ((name,), getattr(inspection, name)) for name in SECTION_OF if name != "said"
        ]
        if inspection.reply:
            lists.append((("reply", "said"), inspection.reply.said))
        found = []
        for where, points in lists:
            section = SECTION_OF[str(where[-1])]
            for index, point in enumerate(points):
                if point.icon or getattr(point, "picture", None):
                    continue
                found.append(((*where, index), icons.choose(described(point), section)))
        return found

    def stylesheet(self) -> str:
        """One CSS rule per icon: ``.pic-NAME`` with the SVG as a data: URL."""
        rules = []
        for name, path in sorted(self.files.items()):
            url = as_data_url("image/svg+xml", compact_svg(path).encode("utf-8"))
            rules.append(f'.pic-{name} {{ background-image: url("{url}"); }}')
        return "\n".join(rules)


def described(point: Point | Contact | object) -> str:
    """The words a point's picture is chosen from: a contact's picture is of
    who it is as much as how to reach them."""
    if isinstance(point, Contact):
        return f"{point.who}. {point.how}"
    return str(getattr(point, "text", ""))


def load_icons(search_path: Sequence[Path]) -> IconSet:
    """The icons in ``search_path``'s ``icons/`` folders and the first rules file."""
    files = icon_files(search_path)
    icons = _read_rules(_rules_path(search_path), files)
    moods, shows = _read_moods(search_path, files)
    return replace(icons, moods=moods, shows=shows, languages=_languages(search_path, files))


def icon_files(search_path: Sequence[Path]) -> dict[str, Path]:
    """Each picture's name and file: the SVG files in ``search_path``'s
    ``pictures/`` folders."""
    files: dict[str, Path] = {}
    for folder in reversed(search_path):  # earlier folders win
        files.update({p.stem: p for p in sorted((folder / FOLDER).glob("*.svg"))})
    return files


def picture_names(search_path: Sequence[Path]) -> frozenset[str]:
    """Every name a data file's ``icon:`` may use: the pictures and the
    aliases of the rules file."""
    return frozenset(load_icons(search_path).names)


def _rules_path(search_path: Sequence[Path]) -> Path:
    for folder in search_path:
        if (folder / FOLDER / RULES_FILE).is_file():
            return folder / FOLDER / RULES_FILE
    raise InputError.single(search_path[0], f"no {FOLDER}/{RULES_FILE} in the layout")


def _read_moods(
    search_path: Sequence[Path], files: Mapping[str, Path]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each picture's mood, and what it shows, from the ``pictures.toml``
    files (earlier folders win)."""
    moods: dict[str, str] = {}
    shows: dict[str, str] = {}
    for folder in reversed(search_path):
        path = folder / FOLDER / MOODS_FILE
        if not path.is_file():
            continue
        data = read_toml(path)
        for name, entry in data.items():
            mood = entry.get("mood") if isinstance(entry, dict) else None
            if mood not in MOODS:
                raise InputError.single(
                    path, f"{name}.mood: must be one of {', '.join(MOODS)}, not {mood!r}"
                )
            moods[name] = mood
            if isinstance(entry.get("alt"), str):
                shows[name] = entry["alt"]
    return moods, shows


def keyword_pattern(keyword: str, plurals: Sequence[str] = PLURALS) -> str:
    """A regular expression for ``keyword`` (see ``rules.toml``); a word
    without a ``*`` also matches with one of the endings ``plurals``."""
    ending = f"(?:{'|'.join(map(re.escape, plurals))})?" if plurals else ""
    words = []
    for word in keyword.split():
        stem = re.escape(word.removesuffix("*"))
        words.append(stem + (r"[\w'-]*" if word.endswith("*") else ending))
    body = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
    return f"(?:{body})" if any(c.isupper() for c in keyword) else f"(?i:{body})"


def compact_svg(path: Path) -> str:
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
    data = read_toml(path)
    problems: list[str] = []
    rules = [_rule(i, raw, files, problems) for i, raw in enumerate(data.get("rules", []))]
    sections = data.get("sections", {})
    aliases = data.get("aliases", {})
    named = [("neutral", data.get("neutral"))]
    named += [(f"sections.{k}", v) for k, v in sections.items()]
    named += [(f"aliases.{k}", v) for k, v in aliases.items()]
    problems += [_unknown(where, name, files) for where, name in named if name not in files]
    if problems:
        raise InputError.single(path, "; ".join(problems))
    return IconSet(
        dict(files), tuple(r for r in rules if r), dict(sections), data["neutral"], dict(aliases)
    )


def _languages(
    search_path: Sequence[Path], files: Mapping[str, Path]
) -> dict[str, tuple[Rule, ...]]:
    """The rules of each language with a ``rules-LANG.toml`` (earlier folders win)."""
    found: dict[str, tuple[Rule, ...]] = {}
    for folder in reversed(search_path):
        for path in sorted((folder / FOLDER).glob(LANGUAGE_RULES)):
            found[path.stem.removeprefix("rules-").lower()] = _read_language(path, files)
    return found


def _read_language(path: Path, files: Mapping[str, Path]) -> tuple[Rule, ...]:
    """One language's rules: the same ``[[rules]]`` as ``rules.toml``, with
    the ``plurals`` its keywords match without a ``*``, the ``mutations``
    each keyword's first word takes, and the ``not_forms`` those must not
    make (other words of the language)."""
    data = read_toml(path)
    problems: list[str] = []
    plurals = data.get("plurals", list(PLURALS))
    kinds = data.get("mutations", [])
    not_forms = data.get("not_forms", [])
    for name, value in (("plurals", plurals), ("mutations", kinds), ("not_forms", not_forms)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{name}: must be a list of words")
    problems += [
        f"mutations: no Welsh mutation '{k}': the mutations are {', '.join(KINDS)}"
        for k in kinds
        if k not in KINDS
    ]
    if problems:
        raise InputError.single(path, "; ".join(problems))
    forms = Forms(tuple(kinds), frozenset(not_forms))
    rules = [
        _rule(i, raw, files, problems, plurals, forms)
        for i, raw in enumerate(data.get("rules", []))
    ]
    problems += [f"not_forms: no keyword makes '{w}'" for w in sorted(set(not_forms) - forms.made)]
    if problems:
        raise InputError.single(path, "; ".join(problems))
    return tuple(r for r in rules if r)


@dataclass
class Forms:
    """Every form of a keyword: its first word as the ``kinds`` of mutation
    make it, but for the ``not_forms``."""

    kinds: tuple[str, ...] = ()
    not_forms: frozenset[str] = frozenset()
    made: set[str] = field(default_factory=set)

    def of(self, keyword: str) -> list[str]:
        first, _, rest = keyword.partition(" ")
        forms = mutated_forms(first, self.kinds)
        self.made.update(f.removesuffix("*") for f in forms[1:])
        kept = [forms[0], *(f for f in forms[1:] if f.removesuffix("*") not in self.not_forms)]
        return [f"{form} {rest}".strip() for form in kept]


def _rule(
    index: int,
    raw: Any,
    files: Mapping[str, Any],
    problems: list[str],
    plurals: Sequence[str] = PLURALS,
    forms: Forms | None = None,
) -> Rule | None:
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
    every = [f for k in keywords for f in (forms.of(k) if forms else [k])]
    pattern = re.compile("|".join(keyword_pattern(k, plurals) for k in every))
    return Rule(raw["icon"], tuple(keywords), pattern)


def _unknown(where: str, name: object, files: Mapping[str, Any]) -> str:
    close = close_names(str(name), sorted(files))
    hint = f" (close names: {', '.join(close)})" if close else ""
    return f"{where}: there is no icon '{name}'{hint}"
