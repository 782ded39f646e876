"""The one user-facing error type.

Every stage reports what is wrong with the user's input as ``Problem`` rows
collected into an ``InputError``; only ``cli.py`` turns them into messages and
exit codes. ``is_file`` and ``is_dir`` look a user's name up without raising,
so a name the system refuses (too long, say) is reported as not found.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_SHOWN = 100
# Characters that could break the one-line format or play tricks on a terminal.
# The bidi controls make text show in another order than it is written
# ("moc.live" with U+202E shows as "evil.com"): data may not hold them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """``text`` with control, bidi and broken characters written as escapes."""
    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(ch) in {"Cc", "Cs"} or ch in BIDI_CONTROLS
        else ch
        for ch in text
    )


def fault_message(exc: BaseException) -> str:
    """The one line that says ``exc`` is a fault in easyread, not in the user's files."""
    reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return printable(
        f"easyread failed: {reason}; this is a fault in easyread, not in "
        "your files: please report it with the command and the files you gave it "
        "(EASYREAD_DEBUG=1 shows the details)"
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    path: str
    line: int
    col: int
    field: str
    message: str
    # "error" stops the input; "warning" and "note" are told and it goes on
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        field = f"{self.field}: " if self.field else ""
        return printable(f"{where}: {self.severity}: {field}{self.message}")


class InputError(Exception):
    """An input cannot be used; ``problems`` says every reason at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        shown = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            first_hidden = self.problems[MAX_SHOWN]
            shown.append(
                str(
                    Problem(
                        first_hidden.path,
                        first_hidden.line,
                        first_hidden.col,
                        "",
                        f"{len(self.problems) - MAX_SHOWN:,} more problems are not "
                        "shown: "
                        "fix these first",
                    )
                )
            )
        super().__init__("\n".join(shown))

    @classmethod
    def single(
        cls,
        path: Path | str,
        message: str,
        line: int = 1,
        col: int = 1,
        field: str = "",
    ) -> InputError:
        return cls([Problem(str(path), line, col, field, message)])


class BuildError(Exception):
    """Output could not be made from valid data (a layout or renderer fault).

    ``messages`` says every reason; the CLI prints each on its own line.
    """

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


class ToolMissing(Exception):
    """A program or package a command needs is not installed; says how to get it."""


def is_file(path: Path) -> bool:
    """Whether ``path`` is a file; ``False`` too for a name the system cannot
    look up at all (too long, say), so that callers say "not found" and never
    show a traceback."""
    try:
        return path.is_file()
    except OSError:
        return False


def is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; ``False`` for a name that cannot be looked up."""
    try:
        return path.is_dir()
    except OSError:
        return False


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` was most likely meant to be, if any is close."""
    folded = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def close_names(name: str, names: Sequence[str]) -> list[str]:
    """Names like ``name`` (icons, pictures): spelt nearly the same, or containing it."""
    near = difflib.get_close_matches(name, names, n=5, cutoff=0.7)
    parts = [p for p in name.split("-") if len(p) > 2]
    containing = [n for n in names if any(p in n for p in parts)]
    return list(dict.fromkeys(near + containing))[:5]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""
