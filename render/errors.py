"""The one user-facing error type.

Every stage reports what is wrong with the user's input as ``Problem`` rows
collected into an ``InputError``; only ``cli.py`` turns them into messages and
exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, and where it is."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: error: {field}{self.message}"


class InputError(Exception):
    """An input cannot be used; ``problems`` says every reason at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(
        cls, path: Path | str, message: str, line: int = 1, col: int = 1, field: str = ""
    ) -> InputError:
        return cls([Problem(str(path), line, col, field, message)])


class BuildError(Exception):
    """Output could not be made from valid data (a layout or renderer fault).

    ``messages`` says every reason; the CLI prints each on its own line.
    """

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))
