"""Rename an id everywhere it is written: ROM's, stakeholders, activities (also in their
'chain/activity' form), technologies and value chains (whose id is the file's name, so the
file moves too), as one set of edits over every file of the plan.

The edits are computed from the plan index and checked against each file's current text:
if a file changed since the index was built, or does not parse (so its ids are not known),
the rename is refused rather than half done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.edits import TextEdit
from ntsplan.lsp.index import Occurrence, PlanIndex, Symbol
from ntsplan.schema.base import ID_HELP, ID_MAX_LENGTH, ID_RE

_QUOTES = "\"'"

KIND_WORDS = {
    "rom": "ROM",
    "stakeholder": "stakeholder",
    "activity": "activity",
    "technology": "technology",
    "valuechain": "value chain",
}


class RenameError(Exception):
    """Why a rename cannot be done, in words for the editor's message."""


@dataclass(frozen=True, slots=True)
class Target:
    """What the cursor names: the symbol, and the span (0-based row, code-point columns) of
    the part of the written text that is the id being renamed."""

    symbol: Symbol
    row: int
    start: int
    end: int


@dataclass(slots=True)
class RenamePlan:
    """The text edits (``ntsplan.edits``, the model every fix uses) and the files to move
    (old path, new path), applied after the edits."""

    edits: list[TextEdit] = field(default_factory=list)
    moves: list[tuple[Path, Path]] = field(default_factory=list)


def _value_start(line: str, occurrence: Occurrence) -> int:
    start = occurrence.column - 1
    return start + 1 if start < len(line) and line[start] in _QUOTES else start


def target_at(index: PlanIndex, found: Occurrence, line: str, column: int) -> Target:
    """The renameable id under 0-based ``column`` of ``line``, where ``found`` is written."""
    if found.symbol not in index.definitions:
        raise RenameError(f"'{found.text}' is not defined in this plan: nothing to rename")
    start = _value_start(line, found)
    row = found.line - 1
    if found.symbol[0] == "activity" and "/" in found.text:
        chain = found.text.partition("/")[0]
        if column <= start + len(chain):
            return Target(("valuechain", chain), row, start, start + len(chain))
        return Target(found.symbol, row, start + len(chain) + 1, start + len(found.text))
    return Target(found.symbol, row, start, start + len(found.text))


def _check_name(index: PlanIndex, symbol: Symbol, new: str, root: Path) -> None:
    kind = symbol[0]
    if not ID_RE.match(new) or len(new) > ID_MAX_LENGTH:
        raise RenameError(f"'{new}' is not an id: write {ID_HELP}")
    taken: list[Symbol]
    if kind == "rom":
        taken = [("rom", new)] + [d.symbol for d in index.ids("stakeholder") if d.symbol[2] == new]
    elif kind == "stakeholder":
        taken = [("stakeholder", symbol[1], new), ("rom", new)]
    elif kind == "activity":
        taken = [("activity", symbol[1], new)]
    else:
        taken = [(kind, new)]
    for other in taken:
        if other in index.definitions and other != symbol:
            place = index.definitions[other].file.name
            raise RenameError(f"'{new}' is already the id of a {KIND_WORDS[other[0]]} ({place})")
    if kind in ("technology", "valuechain"):
        folder = "technologies" if kind == "technology" else "valuechains"
        if (root / folder / f"{new}.yaml").exists():
            raise RenameError(f"{folder}/{new}.yaml exists already")


def rename_plan(
    index: PlanIndex, target: Target, new: str, root: Path, text_of: Callable[[Path], str]
) -> RenamePlan:
    """Every edit that renames ``target`` to ``new``."""
    symbol = target.symbol
    _check_name(index, symbol, new, root)
    plan = RenamePlan()
    lines_of: dict[Path, list[str]] = {}

    def edit(occurrence: Occurrence, offset: int, old: str) -> None:
        lines = lines_of.get(occurrence.file)
        if lines is None:
            lines = lines_of[occurrence.file] = text_of(occurrence.file).split("\n")
        row = occurrence.line - 1
        line = lines[row] if row < len(lines) else ""
        start = _value_start(line, occurrence) + offset
        if line[start : start + len(old)] != old:
            raise RenameError(
                f"{occurrence.file.name} has changed since it was last checked, or does not "
                "parse: save it or fix it, then rename again"
            )
        end = start + len(old)
        plan.edits.append(TextEdit(occurrence.file, row + 1, start + 1, row + 1, end + 1, new))

    if symbol[0] == "valuechain":
        chain = symbol[1]
        for uses in index.uses.values():
            for use in uses:
                if use.symbol[0] == "activity" and use.symbol[1] == chain and "/" in use.text:
                    edit(use, 0, chain)
    else:
        for use in index.uses.get(symbol, []):
            qualified = symbol[0] == "activity" and "/" in use.text
            edit(use, len(symbol[1]) + 1 if qualified else 0, symbol[-1])
    if symbol[0] in ("technology", "valuechain"):
        definition = index.definitions[symbol]
        plan.moves.append((definition.file, definition.file.with_name(f"{new}.yaml")))
    plan.edits.sort(key=lambda e: (e.file, e.start))
    return plan
