"""The plan at a glance: workspace symbols (every ROM, technology, value chain, stakeholder
and activity by name and id) and folding ranges (the blocks of a file, by indentation, so
that they work on a file that does not parse too)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from ntsplan.lsp.index import PlanIndex

_KINDS = {
    "rom": types.SymbolKind.Constant,
    "technology": types.SymbolKind.Module,
    "valuechain": types.SymbolKind.Package,
    "stakeholder": types.SymbolKind.Object,
    "activity": types.SymbolKind.Event,
}
_WORDS = {
    "rom": "ROM",
    "technology": "technology",
    "valuechain": "value chain",
    "stakeholder": "stakeholder",
    "activity": "activity",
}

LocationMaker = Callable[[Path, int, int, int], types.Location]


def workspace_symbols(
    index: PlanIndex, query: str, make: LocationMaker
) -> list[types.SymbolInformation]:
    """The definitions whose name or id contains ``query`` (case-insensitive; all if empty),
    each named 'name (id)' and placed in its chain, in reading order."""
    wanted = query.casefold().strip()
    found = []
    for definition in index.definitions.values():
        kind = definition.symbol[0]
        ident = definition.symbol[-1]
        names = (definition.name, *definition.names, ident, definition.summary)
        if wanted and not any(wanted in name.casefold() for name in names):
            continue
        chain = definition.symbol[1] if kind in ("stakeholder", "activity") else None
        at_top = definition.line == 1 and definition.column == 1
        start = definition.column - 1
        location = make(
            definition.file, definition.line - 1, start, start + len(ident) * (not at_top)
        )
        title = definition.name if definition.name == ident else f"{definition.name} ({ident})"
        found.append(
            types.SymbolInformation(
                name=title,
                kind=_KINDS[kind],
                location=location,
                container_name=f"{_WORDS[kind]} in {chain}" if chain else _WORDS[kind],
            )
        )
    found.sort(key=lambda s: (s.location.uri, s.location.range.start.line, s.name))
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def folding_ranges(text: str) -> list[types.FoldingRange]:
    """A range for every key or list item whose block spans more than its own line, and for
    every run of two or more comment lines."""
    ranges: list[types.FoldingRange] = []
    stack: list[tuple[int, int, bool]] = []
    """Open blocks: (indent, first row, a key whose items may stand at its own indent)."""
    last = -1
    comments: tuple[int, int] | None = None

    def close() -> None:
        _, row, _ = stack.pop()
        if last > row:
            ranges.append(types.FoldingRange(start_line=row, end_line=last))

    for row, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped.startswith("#"):
            comments = (comments[0], row) if comments and comments[1] == row - 1 else (row, row)
            if comments[1] > comments[0]:
                previous = ranges[-1] if ranges else None
                if previous and previous.kind == "comment" and previous.start_line == comments[0]:
                    ranges.pop()  # the same run of comments, one line longer
                ranges.append(
                    types.FoldingRange(
                        start_line=comments[0],
                        end_line=comments[1],
                        kind=types.FoldingRangeKind.Comment,
                    )
                )
            continue
        if not stripped:
            continue
        indent = _indent(line)
        item = stripped.startswith("- ") or stripped == "-"
        while stack and (
            indent < stack[-1][0] or (indent == stack[-1][0] and not (stack[-1][2] and item))
        ):
            close()
        stack.append((indent, row, stripped.endswith(":") and not item))
        last = row
    while stack:
        close()
    ranges.sort(key=lambda r: (r.start_line, r.end_line))
    return ranges
