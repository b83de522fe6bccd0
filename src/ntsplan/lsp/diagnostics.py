"""Problems as LSP diagnostics: the same codes and messages as ``ntsplan validate``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from lsprotocol import types

from ntsplan.problems import Problem, Severity

SOURCE = "ntsplan"
_QUOTES = "\"'"
_STOPS = (": ", " #", ", ", ",", "]", "}")


def token_end(line: str, start: int) -> int:
    """The end (exclusive, code points) of the key or value that starts at ``start``."""
    if start >= len(line):
        return start
    if line[start] in _QUOTES:
        close = line.find(line[start], start + 1)
        return close + 1 if close > 0 else len(line.rstrip())
    end = len(line.rstrip())
    for stop in _STOPS:
        found = line.find(stop, start)
        if found != -1:
            end = min(end, found)
    if line.endswith(":") and end == len(line.rstrip()):
        end -= 1  # a key at the end of its line
    return max(end, start + 1)


RangeMaker = Callable[[int, int, int], types.Range]
"""(0-based line, start, end in code points) -> a range in the client's units."""


def to_diagnostic(
    problem: Problem, lines: Sequence[str], make_range: RangeMaker
) -> types.Diagnostic:
    """One problem as a diagnostic spanning the key or value it points at."""
    row = max(problem.line - 1, 0)
    line = lines[row] if row < len(lines) else ""
    start = min(max(problem.column - 1, 0), len(line))
    end = token_end(line, start) if line else start
    # The problem's fix travels with the diagnostic; code actions read it back (Fix.from_json).
    data = {"fix": problem.fix.to_json()} if problem.fix is not None else None
    return types.Diagnostic(
        range=make_range(row, start, end),
        message=problem.message,
        severity=(
            types.DiagnosticSeverity.Error
            if problem.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        ),
        code=problem.code,
        source=SOURCE,
        data=data,
    )


def by_file(problems: list[Problem]) -> dict[Path, list[Problem]]:
    """Problems grouped by the file they are in, in reading order."""
    grouped: dict[Path, list[Problem]] = defaultdict(list)
    for problem in problems:
        grouped[problem.file].append(problem)
    return grouped
