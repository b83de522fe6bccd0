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
    """

    file: Path
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    path: tuple[str | int, ...] = field(default=(), compare=False)
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, then code: the order a reader scans a file in."""
        return (self.file.as_posix(), self.line, self.column, self.code, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order, without exact duplicates."""
    seen: set[tuple[str, int, int, str, str]] = set()
    unique: list[Problem] = []
    for problem in sorted(problems, key=lambda p: p.sort_key):
        if problem.sort_key not in seen:
            seen.add(problem.sort_key)
            unique.append(problem)
    return unique
