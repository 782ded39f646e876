"""A project's settings for ``easyread check``.

Read from ``easyread.toml`` (top-level keys) or the ``[tool.easyread]``
table of ``pyproject.toml``, in the current folder or the nearest parent
that has one, or from a file named with ``--config``::

    [tool.easyread]
    target = "reading-age-9"          # for files that do not name their own
    paths = ["data", "docs"]          # what `easyread check` checks by default
    exclude = ["docs/legal/*"]        # glob patterns of files to skip
    names = ["Ann McCoy", "Teesside"] # names: never hard words
    words = ["safeguarding"]          # words this project accepts
    word_list = "words.txt"           # more of them, one a line
    disable = ["passive-voice"]       # rules to switch off
    [tool.easyread.severity]          # change a rule's severity
    numbers = "error"
    [tool.easyread.plain-words]       # more hard word -> plain word pairs
    "utilise" = "use"
    [tool.easyread.targets.leaflet]   # a target of your own
    extends = "reading-age-9"
    max_words = 12
    [tool.easyread.theme]             # the pages' colours, logo, footer, words
    logo = "logo.png"                 # (render/page/branding.py)
    logo_alt = "Our council"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, did_you_mean
from .readability import DEFAULT, RULES, ReadingTarget, find_target, load_targets
from .source import parse_toml, read_setting_text, toml_line

FILE = "easyread.toml"
PYPROJECT = "pyproject.toml"
KEYS = {
    "target": str,
    "paths": list,
    "exclude": list,
    "names": list,
    "words": list,
    "word_list": str,
    "disable": list,
    "severity": dict,
    "plain-words": dict,
    "targets": dict,
    "theme": dict,
}
SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Settings:
    """What a project chose; every field has a default."""

    origin: Path | None = None
    target: str = DEFAULT
    targets: dict[str, ReadingTarget] = field(default_factory=load_targets)
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    plain_words: dict[str, str] = field(default_factory=dict)
    # the [theme] table (colours, logo, footer, words): read with the layout,
    # where it is laid over the layout's own (page/branding.py)
    theme: dict[str, Any] | None = None

    @property
    def root(self) -> Path:
        """The folder relative paths in the settings start from."""
        return self.origin.parent if self.origin else Path.cwd()

    def reading_target(self, name: str | None = None) -> ReadingTarget:
        return find_target(name or self.target, self.targets, self.origin or "settings")


def find_settings(start: Path | None = None) -> Path | None:
    """The nearest ``easyread.toml``, or ``pyproject.toml`` with our table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / FILE).is_file():
            return candidate / FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "[tool.easyread" in _read(pyproject):
            return pyproject
    return None


def load_settings(path: Path | None = None, search: bool = True) -> Settings:
    """Settings from ``path``, or from the nearest settings file, or defaults."""
    path = path or (find_settings() if search else None)
    if path is None:
        return Settings()
    data = parse_toml(path, _read(path))
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("easyread", {})
    return _settings(path, data)


def _read(path: Path) -> str:
    """The text of a settings file or word list: regular files only, at most
    ``SETTINGS_MAX_BYTES`` (a pipe or device named here is refused at once)."""
    return read_setting_text(path)


def _settings(path: Path, data: dict[str, Any]) -> Settings:
    _check_keys(path, data)
    targets = load_targets(data.get("targets"), path)
    settings = Settings(
        origin=path,
        target=data.get("target", DEFAULT),
        targets=targets,
        paths=tuple(_strings(path, data, "paths")),
        exclude=tuple(_strings(path, data, "exclude")),
        names=tuple(_strings(path, data, "names")),
        words=frozenset(w.lower() for w in _strings(path, data, "words") + _word_list(path, data)),
        disable=frozenset(_rule_names(path, _strings(path, data, "disable"), "disable")),
        severity=_severity(path, data.get("severity", {})),
        plain_words={str(k).lower(): str(v) for k, v in data.get("plain-words", {}).items()},
        theme=data.get("theme"),
    )
    settings.reading_target()  # the default target must exist
    return settings


def _check_keys(path: Path, data: dict[str, Any]) -> None:
    prefix = ["tool", "easyread"] if path.name == PYPROJECT else []
    for key, value in data.items():
        line = toml_line(_read(path), [*prefix, key])
        if key not in KEYS:
            raise InputError.single(
                path,
                f"unknown setting '{key}'{did_you_mean(key, KEYS)}; "
                f"settings: {', '.join(sorted(KEYS))}",
                line=line,
                field=key,
            )
        if not isinstance(value, KEYS[key]):
            kind = {str: "text", list: "a list", dict: "a table"}[KEYS[key]]
            if key == "theme":
                kind = (
                    "a [theme] table of the page's colours, logo, footer and words; "
                    "a theme such as large-print is chosen with --theme large-print, so "
                    "write a table"
                )
            raise InputError.single(path, f"write {kind} here", line=line, field=key)


def _strings(path: Path, data: dict[str, Any], key: str) -> list[str]:
    values = data.get(key, [])
    if not all(isinstance(v, str) for v in values):
        raise InputError.single(path, 'write a list of text, such as ["a", "b"]', field=key)
    return list(values)


def _word_list(path: Path, data: dict[str, Any]) -> list[str]:
    if "word_list" not in data:
        return []
    text = _read(path.parent / data["word_list"])
    return [
        line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()
    ]


def _rule_names(path: Path, rules: list[str], key: str) -> list[str]:
    """``rules``, each the id of a rule (``build`` and ``check`` both refuse a typo)."""
    for rule in rules:
        if rule not in RULES:
            raise InputError.single(
                path,
                f"unknown rule '{rule}'{did_you_mean(rule, RULES)}; rules: {', '.join(RULES)}",
                field=key,
            )
    return rules


def _severity(path: Path, table: dict[str, Any]) -> dict[str, str]:
    _rule_names(path, list(table), "severity")
    for rule, level in table.items():
        if level not in SEVERITIES:
            raise InputError.single(
                path,
                f"'{level}' is not a severity: use {', '.join(SEVERITIES)}",
                field=f"severity.{rule}",
            )
    return dict(table)
