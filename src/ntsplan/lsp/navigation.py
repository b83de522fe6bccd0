"""Hover, go to definition, find references and document symbols, from the plan index."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types

from ntsplan.load import Document
from ntsplan.lsp.context import item_schema, schema_at
from ntsplan.lsp.index import Definition, Occurrence, PlanIndex

LocationMaker = Callable[[Path, int, int, int], types.Location]
"""(file, 0-based line, start, end in code points) -> a location in the client's units."""


def id_hover(index: PlanIndex, found: Occurrence) -> str:
    """An id's name and a one-line summary of what it refers to."""
    definition = index.definitions.get(found.symbol)
    if definition is None:
        return f"`{found.text}`: not defined in this plan"
    return f"**{definition.name}**\n\n{definition.summary}"


def key_hover(schema: str, keys: tuple[str, ...], key: str) -> str | None:
    """The description of ``key`` at ``keys``."""
    node = schema_at(schema, (*keys, key))
    if node and node.get("description"):
        return f"`{key}`: {node['description']}"
    return None


def value_hover(schema: str, keys: tuple[str, ...], word: str) -> str | None:
    """What an allowed value (``proposed``) means, with the others allowed at ``keys``."""
    node = item_schema(schema, keys)
    values = node.get("enum") if node else None
    if not node or not isinstance(values, list) or word not in [str(v) for v in values]:
        return None
    words = node.get("enumDescriptions") or []
    position = [str(v) for v in values].index(word)
    meaning = words[position] if position < len(words) else ""
    others = ", ".join(f"`{v}`" for v in values if str(v) != word)
    head = f"`{word}`" + (f": {meaning}" if meaning else "")
    return f"{head}\n\nAllowed for `{keys[-1]}`: `{word}`, {others}." if keys else head


def definition_location(
    index: PlanIndex, found: Occurrence, make: LocationMaker
) -> types.Location | None:
    """Where the id under the cursor is defined."""
    definition: Definition | None = index.definitions.get(found.symbol)
    if definition is None:
        return None
    width = len(definition.symbol[-1]) if definition.line > 1 or definition.column > 1 else 0
    start = definition.column - 1
    return make(definition.file, definition.line - 1, start, start + width)


def references(
    index: PlanIndex, found: Occurrence, make: LocationMaker, *, declaration: bool
) -> list[types.Location]:
    """Every use of the id under the cursor across the plan (and its definition if asked)."""
    return [
        make(use.file, use.line - 1, use.column - 1, use.column - 1 + len(use.text))
        for use in index.uses.get(found.symbol, [])
        if declaration or not use.definition
    ]


def _symbol(
    name: str,
    detail: str | None,
    kind: types.SymbolKind,
    *,
    document: Document,
    path: tuple[str | int, ...],
    make_range: Callable[[int, int, int], types.Range],
    lines: Sequence[str],
) -> types.DocumentSymbol:
    marks = document.marks.get(path)
    position = marks.key or marks.value if marks else None
    row = position.line - 1 if position else 0
    column = position.column - 1 if position else 0
    line = lines[row] if row < len(lines) else ""
    whole = make_range(row, 0, len(line))
    selection = make_range(row, column, max(column, len(line.rstrip())))
    return types.DocumentSymbol(
        name=name, detail=detail, kind=kind, range=whole, selection_range=selection
    )


def document_symbols(
    document: Document, lines: Sequence[str], make_range: Callable[[int, int, int], types.Range]
) -> list[types.DocumentSymbol]:
    """The top-level sections of a file, with activities, stakeholders and ROM's inside."""
    data: Any = document.data
    if not isinstance(data, dict):
        return []
    symbols = []
    children_of = {
        "activities": ("id", "title", types.SymbolKind.Event),
        "stakeholders": ("id", "name", types.SymbolKind.Object),
        "roms": ("id", "name", types.SymbolKind.Constant),
        "consortia": ("name", "aim", types.SymbolKind.Struct),
    }
    for key, value in data.items():
        section = _symbol(
            key,
            None,
            types.SymbolKind.Namespace,
            document=document,
            path=(key,),
            make_range=make_range,
            lines=lines,
        )
        if key in children_of and isinstance(value, list):
            ident, detail, kind = children_of[key]
            section.children = [
                _symbol(
                    str(item.get(ident)),
                    str(item.get(detail)) if isinstance(item.get(detail), str) else None,
                    kind,
                    document=document,
                    path=(key, i, ident),
                    make_range=make_range,
                    lines=lines,
                )
                for i, item in enumerate(value)
                if isinstance(item, dict) and item.get(ident) is not None
            ]
        symbols.append(section)
    return symbols
