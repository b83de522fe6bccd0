"""The fix of a file that does not parse, when one small edit makes it parse.

Two slips account for most YAML syntax errors in hand-edited plan files: a line indented
differently from its neighbours, and a quote opened but not closed. For the first, each
indent used above the line is tried (on the line and the one above it); for the second,
the matching quote at the end of the line. A fix is offered only when exactly one
candidate makes the whole file parse: then it is the likely reading, for the editor to
confirm (an unsafe fix), never a guess among several.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from ntsplan.edits import Applicability, Fix, TextEdit, apply_to_text, split_lines
from ntsplan.problems import Problem

SYNTAX_CODES = frozenset({"tab-indent", "yaml-syntax"})

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we support
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def parses(text: str) -> bool:
    """Whether ``text`` is well-formed YAML (events only: fast, and nothing is built)."""
    try:
        for _ in yaml.parse(text, Loader=_Loader):
            pass
    except yaml.YAMLError:
        return False
    return True


def _indent_candidates(file: Path, lines: list[str], row: int) -> list[tuple[TextEdit, str]]:
    found = []
    for target in (row, row - 1):
        if not 1 <= target <= len(lines) or not lines[target - 1].strip():
            continue
        line = lines[target - 1]
        body = line.lstrip(" \t")
        current = len(line) - len(body)
        widths = sorted(
            {len(o) - len(o.lstrip(" ")) for o in lines[: target - 1] if o.strip()} - {current}
        )
        for width in widths:
            edit = TextEdit(file, target, 1, target, current + 1, " " * width)
            found.append((edit, f"Indent line {target} by {width} spaces"))
    return found


def _quote_candidate(
    file: Path, lines: list[str], row: int, column: int
) -> list[tuple[TextEdit, str]]:
    if not 1 <= row <= len(lines):
        return []
    line = lines[row - 1]
    quote = line[column - 1 : column]
    if quote not in ("'", '"'):
        return []
    comment = line.find(" #", column)
    end = len(line.rstrip()) if comment == -1 else len(line[:comment].rstrip())
    edit = TextEdit(file, row, end + 1, row, end + 1, quote)
    return [(edit, f"Close the quote at the end of line {row}")]


def with_fix(problem: Problem, text: str) -> Problem:
    """``problem`` (a file that does not parse) with the one edit that makes it parse."""
    if problem.code not in SYNTAX_CODES:
        return problem
    fix = syntax_fix(problem.file, text, problem.line, problem.column)
    return replace(problem, fix=fix) if fix else problem


def syntax_fix(file: Path, text: str, line: int, column: int) -> Fix | None:
    """The one edit that makes ``text`` parse, for an error at (``line``, ``column``)."""
    lines = split_lines(text)
    candidates = _quote_candidate(file, lines, line, column) + _indent_candidates(file, lines, line)
    working = [(e, t) for e, t in candidates if parses(apply_to_text(text, [e]))]
    if len(working) != 1:
        return None
    edit, title = working[0]
    return Fix(title, (edit,), Applicability.UNSAFE)
