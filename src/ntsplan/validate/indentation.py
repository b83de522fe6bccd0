"""Indentation slips: a key that is valid one level up or down from where it stands.

``rom:`` written under ``workgroup:`` instead of under ``workgroup.contact:`` is not a typo
for ``roms``; the fix is to indent the line. A key written twice because the second one
slipped into the mapping above it is not "keep one of the two"; the fix is to outdent it.
Both messages name the line to move and the column to move it to.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ntsplan.load.document import DocPath, Document
from ntsplan.problems import Position
from ntsplan.schema.localized import LANGUAGE_CODES, LocalText
from ntsplan.validate.fields import field_model, inner_model


def _key_column(document: Document, path: DocPath) -> int | None:
    marks = document.marks.get(path)
    return marks.key.column if marks and marks.key else None


def _child_key_column(document: Document, path: DocPath) -> int | None:
    """The column of the keys inside the mapping at ``path``, if it has any."""
    value = document.get(path)
    if isinstance(value, dict):
        for key in value:
            column = _key_column(document, (*path, key))
            if column is not None:
                return column
    return None


def _takes(model: type[BaseModel], path: DocPath, key: str) -> bool:
    """Whether the mapping at ``path`` may hold ``key``: a field of its model, or a language
    of a text given per language (``title: {nl: ...}`` takes ``en:``)."""
    inner = field_model(model, path)
    if inner is not None:
        return key in inner.model_fields
    owner = field_model(model, path[:-1])
    field = owner.model_fields.get(path[-1]) if owner and isinstance(path[-1], str) else None
    return (
        field is not None and inner_model(field.annotation) is LocalText and key in LANGUAGE_CODES
    )


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def indent_hint(
    model: type[BaseModel], document: Document, mapping: DocPath, key: str, at: Position
) -> str:
    """How to move ``key`` (standing in ``mapping`` at ``at``) to where the schema wants it,
    or an empty string when moving it one level up or down would not help."""
    return indent_slip(model, document, mapping, key, at)[0]


def indent_slip(
    model: type[BaseModel], document: Document, mapping: DocPath, key: str, at: Position
) -> tuple[str, int | None]:
    """``indent_hint``'s words, and the column to re-indent the line to when doing so in
    place is the whole fix (for an editor's quick fix); None when the line must move."""
    here = document.get(mapping)
    siblings = list(here) if isinstance(here, dict) else []
    # One level down: a sibling mapping above this line whose fields include the key.
    above = [
        s
        for s in siblings
        if s != key
        and (marks := document.marks.get((*mapping, s))) is not None
        and marks.key is not None
        and marks.key.line < at.line
    ]
    for sibling in sorted(above, key=lambda s: -document.marks[(*mapping, s)].key.line):  # type: ignore[union-attr]
        value = document.get((*mapping, sibling))
        if not _takes(model, (*mapping, sibling), key) or not isinstance(value, dict | None):
            continue
        if isinstance(value, dict) and key in value:
            continue
        line = document.marks[(*mapping, sibling)].key.line  # type: ignore[union-attr]
        column = _child_key_column(document, (*mapping, sibling))
        if column is None:
            column = (_key_column(document, (*mapping, sibling)) or at.column) + 2
        nearest = sibling == max(above, key=lambda s: document.marks[(*mapping, s)].key.line)  # type: ignore[union-attr]
        if nearest and column > at.column:
            return (
                f"'{key}' belongs under '{sibling}:' (line {line}): indent this line by "
                f"{_spaces(column - at.column)}, to column {column}"
            ), column
        return (
            f"'{key}' belongs under '{sibling}:' (line {line}): move this line below it, "
            f"indented to column {column}"
        ), None
    # One level up: the mapping around this one takes the key and does not have it yet.
    if not mapping:
        return "", None
    parent = mapping[:-1]
    if parent and isinstance(document.get(parent), list):
        parent = parent[:-1]  # a list item's mapping sits in a list, in a mapping
    outer = field_model(model, parent) if parent else model
    outer_value: Any = document.get(parent)
    if outer is None or key not in outer.model_fields or not isinstance(outer_value, dict):
        return "", None
    column = _child_key_column(document, parent)
    if key in outer_value or column is None or column >= at.column:
        return "", None
    beside = next((str(p) for p in reversed(mapping) if isinstance(p, str)), "")
    return (
        f"'{key}' belongs one level up, beside '{beside}:': outdent this line by "
        f"{_spaces(at.column - column)}, to column {column}"
    ), column
