"""Completion: keys with their descriptions, enum values with a line each, and ids where an
id is expected, each with its human name."""

from __future__ import annotations

from collections.abc import Mapping

from lsprotocol import types

from ntsplan.lsp.context import Context, item_schema
from ntsplan.lsp.index import Definition, PlanIndex, Symbol

ROM = "rom"
TECHNOLOGY = "technology"
PARTY = "party"
ACTIVITY = "activity"

ID_FIELDS: Mapping[str, Mapping[tuple[str, ...], str]] = {
    "valuechain": {
        ("workgroup", "lead"): ROM,
        ("workgroup", "roms"): ROM,
        ("workgroup", "contact", "rom"): ROM,
        ("activities", "owner"): PARTY,
        ("activities", "partners"): PARTY,
        ("consortia", "members"): PARTY,
        ("technologies", "id"): TECHNOLOGY,
        ("alignment", "technology"): TECHNOLOGY,
        ("activities", "depends"): ACTIVITY,
        ("activities", "depends", "id"): ACTIVITY,
    },
    "plan": {("publishers",): ROM},
}
"""Which ids a field takes, by file kind and key path."""


def symbol_for(
    index: PlanIndex, schema: str, keys: tuple[str, ...], word: str, chain: str
) -> Symbol | None:
    """What ``word``, written at ``keys``, names in value chain ``chain``: how an id is
    looked up in text the last check has not seen yet."""
    expected = ID_FIELDS.get(schema, {}).get(keys)
    candidates: list[Symbol] = []
    if expected == PARTY:
        candidates = [("stakeholder", chain, word), ("rom", word)]
    elif expected == ACTIVITY:
        other, _, ident = word.rpartition("/")
        candidates = [("activity", other or chain, ident)]
    elif expected in (ROM, TECHNOLOGY):
        candidates = [(expected, word)]
    return next((c for c in candidates if c in index.definitions), None)


def _id_item(
    definition: Definition, label: str, kind: types.CompletionItemKind
) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=kind,
        detail=definition.name,
        documentation=definition.summary,
        sort_text=label,
    )


def id_candidates(
    index: PlanIndex, expected: str, chain: str, own: str | None = None
) -> list[types.CompletionItem]:
    """The ids a field of kind ``expected`` takes in value chain ``chain``; ``own`` is the
    id of the activity being edited, never offered as a dependency of itself."""
    items: list[types.CompletionItem] = []
    if expected in (ROM, PARTY):
        items += [
            _id_item(d, d.symbol[1], types.CompletionItemKind.Constant) for d in index.ids("rom")
        ]
    if expected == PARTY:
        items += [
            _id_item(d, d.symbol[2], types.CompletionItemKind.Reference)
            for d in index.ids("stakeholder", chain)
        ]
    if expected == TECHNOLOGY:
        items += [
            _id_item(d, d.symbol[1], types.CompletionItemKind.Module)
            for d in index.ids("technology")
        ]
    if expected == ACTIVITY:
        for d in index.ids("activity"):
            if d.symbol[1] == chain and d.symbol[2] == own:
                continue
            label = d.symbol[2] if d.symbol[1] == chain else f"{d.symbol[1]}/{d.symbol[2]}"
            items.append(_id_item(d, label, types.CompletionItemKind.Event))
    return items


def complete(
    schema: str,
    context: Context,
    index: PlanIndex,
    chain: str,
    edit_range: types.Range,
    *,
    own: str | None = None,
) -> list[types.CompletionItem]:
    """The completion items at ``context`` in a file of schema ``schema``; each replaces
    the word under the cursor (``edit_range``). ``own``: the id of the item being edited."""
    node = item_schema(schema, context.keys) if context.in_value else None
    if context.in_value and not (context.list_item and node and "properties" in node):
        expected = ID_FIELDS.get(schema, {}).get(context.keys)
        if expected:
            items = id_candidates(index, expected, chain, own)
        elif node and isinstance(node.get("enum"), list):
            words = node.get("enumDescriptions") or []
            items = [
                types.CompletionItem(
                    label=str(value),
                    kind=types.CompletionItemKind.EnumMember,
                    detail=words[i] if i < len(words) else None,
                    documentation=node.get("description"),
                )
                for i, value in enumerate(node["enum"])
            ]
        elif node and node.get("type") == "boolean":
            items = [
                types.CompletionItem(label=w, kind=types.CompletionItemKind.Keyword)
                for w in ("true", "false")
            ]
        else:
            items = []
    else:
        owner = node if context.in_value else item_schema(schema, context.keys)
        properties = (owner or {}).get("properties", {})
        required = set((owner or {}).get("required", []))
        items = [
            types.CompletionItem(
                label=key,
                kind=types.CompletionItemKind.Property,
                detail="required" if key in required else "optional",
                documentation=prop.get("description"),
                insert_text=f"{key}: ",
            )
            for key, prop in properties.items()
        ]
    for item in items:
        item.text_edit = types.TextEdit(range=edit_range, new_text=item.insert_text or item.label)
    return items
