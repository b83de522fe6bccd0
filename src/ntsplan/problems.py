"""The one record for everything that is wrong with a plan's input.

A problem is a value, not an exception: every stage returns the problems it found and goes
on, so that one run reports all of them (yamllint's ``LintProblem``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ntsplan.edits import Fix


class Severity(enum.StrEnum):
    """How bad a problem is. Errors stop a build; warnings do not, unless ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column in a file. A tuple: the loader makes one per YAML node."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file, at one place.

    ``path`` is the place inside the document (``("activities", 0, "budget")``), kept for
    machine use; ``file`` is the path as given to the loader. ``fix``, when set, is what
    to write instead as text edits with an applicability (see ``ntsplan.edits``): ``ntsplan
    fix``, the language server's quick fixes and the tests apply it with the same function.
    The message says the same as the fix; where no edit is certain enough to offer, there
    is none and the message says what to decide. Neither ``path`` nor ``fix`` takes part
    in comparisons.

    ``sheet`` is set for a problem in a spreadsheet (``ntsplan import``): then ``line`` is
    the 1-based row and ``column`` the 1-based column of a cell on that sheet, and the
    place reads ``file.xlsx:Sheet!C12`` (see ``position``).
    """

    file: Path
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    path: tuple[str | int, ...] = field(default=(), compare=False)
    fix: Fix | None = field(default=None, compare=False)
    sheet: str | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then code: the order a reader scans a file in."""
        file = self.file.as_posix() + (f"\0{self.sheet}" if self.sheet is not None else "")
        return (file, self.line, self.column, self.code, self.message)

    @property
    def position(self) -> str:
        """Where in the file, as reports show it: '12:5', or 'Sheet!C12' for a cell."""
        if self.sheet is None:
            return f"{self.line}:{self.column}"
        return f"{self.sheet}!{cell_name(self.line, self.column)}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def cell_name(row: int, column: int) -> str:
    """'C12' for row 12, column 3 (both 1-based); 'A' alone for row 0 (a whole column)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}" if row else letters


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order, without exact duplicates."""
    seen: set[tuple[str, int, int, str, str]] = set()
    unique: list[Problem] = []
    for problem in sorted(problems, key=lambda p: p.sort_key):
        if problem.sort_key not in seen:
            seen.add(problem.sort_key)
            unique.append(problem)
    return unique
