"""Turn edits of activities into text edits of their value chain file, in place.

Every untouched byte stays: comments, key order, quoting, flow or block style and blank
lines. A changed scalar is replaced where it stands, in its own quoting style where it
can keep it; a new key goes after the key that precedes it in the schema's order, in the
style of its mapping (``{amount: 1, status: committed}`` or a line of its own at the
mapping's indentation); a new KPI goes after the last one. The edits are
``ntsplan.edits.TextEdit`` values, applied by ``ntsplan.edits.apply_edits``, the one
applier every tool uses.

Why not the loader's marks alone: they say where a node starts and (for scalars and flow
collections) ends, but an insertion also needs to know whether a mapping is written in
flow or block style, at which column its keys stand and on which line an entry's last
value ends. That comes from the same libyaml event stream the loader reads, walked here
for the few files an import changes. Why not a round-trip YAML library (ruamel.yaml): it
re-emits the whole file from its own model, which changes quoting, line width and
indentation of lines nobody touched, and would be a second YAML parser whose reading of
a value can differ from the loader's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ntsplan.edits import TextEdit, line_starts, position_of
from ntsplan.importing.changes import APPEND, REMOVE, Edit
from ntsplan.load.scalars import resolve_plain
from ntsplan.schema import Activity, Budget, Kpi
from ntsplan.schema.activity import Period

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of every PyYAML wheel we support
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_ORDER: dict[tuple[str, ...], list[str]] = {
    (): list(Activity.model_fields),
    ("budget",): list(Budget.model_fields),
    ("period",): list(Period.model_fields),
    ("kpis", "*"): list(Kpi.model_fields),
}
_PLAIN_FIRST = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_CHARS = frozenset(",[]{}")


class NotPlacedError(Exception):
    """An edit that cannot be written into the file as it is laid out."""


@dataclass(slots=True)
class _Node:
    """A YAML node's place in the text: offsets (end exclusive), 0-based column, style."""

    kind: str  # scalar, map, seq, alias
    start: int
    end: int
    column: int
    flow: bool
    style: str | None = None
    value: str | None = None
    keys: dict[str, _Node] = field(default_factory=dict)
    """For a mapping: each key's own node."""
    children: dict[str | int, _Node] = field(default_factory=dict)
    last: int = 0
    """Where the node's last scalar or bracket ends: the end of its content."""


def _tree(text: str) -> _Node:
    """The node tree of a YAML text (one document), with offsets into ``text``."""
    stack: list[tuple[_Node, str | None, _Node | None]] = []
    root: _Node | None = None

    def attach(node: _Node) -> bool:
        """Add ``node`` under the open collection; True when it was a mapping's key."""
        nonlocal root
        if not stack:
            root = node
            return False
        parent, key, key_node = stack[-1]
        if parent.kind == "seq":
            parent.children[len(parent.children)] = node
            return False
        if key is None:
            if node.kind != "scalar":
                raise NotPlacedError("a mapping with a complex key")
            stack[-1] = (parent, node.value or "", node)
            return True
        parent.children[key] = node
        assert key_node is not None
        parent.keys[key] = key_node
        stack[-1] = (parent, None, None)
        return False

    for event in yaml.parse(text, Loader=_Loader):
        assert event.start_mark is not None and event.end_mark is not None
        start, end = event.start_mark.index, event.end_mark.index
        column = event.start_mark.column
        if isinstance(event, yaml.ScalarEvent):
            node = _Node("scalar", start, end, column, False, event.style or "", event.value)
            node.last = end
            attach(node)
        elif isinstance(event, yaml.AliasEvent):
            node = _Node("alias", start, end, column, False)
            node.last = end
            attach(node)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
            node = _Node(kind, start, end, column, bool(event.flow_style))
            attach(node)
            stack.append((node, None, None))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            node, _, _ = stack.pop()
            node.end = end
            if node.flow:
                node.last = end
            else:
                contents = [*node.children.values(), *node.keys.values()]
                node.last = max((c.last for c in contents), default=node.start)
    if root is None:
        raise NotPlacedError("an empty file")
    return root


def render_scalar(value: Any, *, style: str = "", flow: bool = False) -> str:
    """``value`` as YAML text that the loader reads back as the same value, in the quoting
    ``style`` of the scalar it replaces where that can hold it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style != '"' and _plain_ok(text, flow=flow):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str, *, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or not _PLAIN_FIRST.match(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and _FLOW_CHARS & set(text):
        return False
    return resolve_plain(text) == text and text.lower() not in {"yes", "no", "on", "off"}


def _render_flow(value: Any) -> str:
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k}: {_render_flow(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_render_flow(v) for v in value) + "]"
    return render_scalar(value, flow=True)


def _block_item(value: Mapping[str, Any], dash: int, newline: str) -> str:
    """A mapping as a block sequence item whose '-' stands at column ``dash``."""
    lines = []
    for index, (key, item) in enumerate(value.items()):
        lead = " " * dash + "- " if index == 0 else " " * (dash + 2)
        lines.append(f"{lead}{key}: {render_scalar(item)}{newline}")
    return "".join(lines)


class FileEditor:
    """Builds the text edits of one value chain file."""

    def __init__(self, file: Path, text: str) -> None:
        self.file = file
        self.text = text
        self.root = _tree(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.raw: list[tuple[int, int, str]] = []

    # -- places -----------------------------------------------------------------------

    def activity(self, activity_id: str) -> _Node:
        activities = self.root.children.get("activities")
        if activities is None or activities.kind != "seq":
            raise NotPlacedError("no list of activities")
        for item in activities.children.values():
            node = item.children.get("id") if item.kind == "map" else None
            if node is not None and node.value == activity_id:
                return item
        raise NotPlacedError(f"no activity '{activity_id}'")

    def line_end(self, offset: int) -> int:
        """The offset just after the line break of the line holding ``offset``."""
        found = self.text.find("\n", offset)
        return len(self.text) if found < 0 else found + 1

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    # -- edits ------------------------------------------------------------------------

    def apply(self, activity_id: str, edits: Iterable[Edit]) -> None:
        """Add the text edits for ``edits`` of one activity."""
        node = self.activity(activity_id)
        appends: dict[tuple[str, ...], list[Any]] = {}
        for edit in edits:
            *parents, last = edit.path
            if last == APPEND:
                appends.setdefault(tuple(str(p) for p in parents), []).append(edit.value)
                continue
            parent = self._walk(node, parents)
            self._set(parent, tuple(parents), str(last), edit.value)
        for path, items in appends.items():
            self._append(node, list(path), items)

    def _walk(self, node: _Node, path: Iterable[str | int]) -> _Node:
        for step in path:
            child = node.children.get(step)
            if child is None or child.kind == "alias":
                raise NotPlacedError(f"'{step}' is not written out here (an alias?)")
            node = child
        return node

    def _set(self, parent: _Node, where: tuple[str | int, ...], key: str, value: Any) -> None:
        if parent.kind != "map":
            raise NotPlacedError("not a mapping")
        current = parent.children.get(key)
        if value is REMOVE:
            if current is not None:
                self._remove(parent, key)
            return
        if current is None:
            self._insert(parent, _order_of(where), key, value)
            return
        if current.kind != "scalar" or isinstance(value, Mapping):
            raise NotPlacedError(f"'{key}' is not a single value here")
        flow = parent.flow
        style = current.style or ""
        rendered = render_scalar(value, style=style if style in {"'", '"'} else "", flow=flow)
        end = current.end
        if style in {"|", ">"}:
            # A block scalar runs to the end of its last line: keep that line break.
            rendered += self.newline
            end = self.line_end(current.last - 1) if current.last > current.start else end
        self.raw.append((current.start, end, rendered))

    def _insert(self, parent: _Node, order: list[str], key: str, value: Any) -> None:
        position = order.index(key) if key in order else len(order)
        before = [k for k in parent.children if k in order and order.index(k) < position]
        after_key = (
            before[-1] if before else (list(parent.children)[-1] if parent.children else None)
        )
        if parent.flow:
            text = f"{key}: {_render_flow(value)}"
            if after_key is None:
                self.raw.append((parent.start + 1, parent.start + 1, text))
            else:
                last = parent.children[str(after_key)].last
                self.raw.append((last, last, ", " + text))
            return
        if after_key is None:
            raise NotPlacedError("an empty block mapping")
        indent = " " * parent.column
        if isinstance(value, list):
            items = "".join(_block_item(v, parent.column + 2, self.newline) for v in value)
            text = f"{indent}{key}:{self.newline}{items}"
        else:
            text = f"{indent}{key}: {_render_flow(value)}{self.newline}"
        self._insert_after(parent.children[str(after_key)].last, text)

    def _insert_after(self, last: int, text: str) -> None:
        at = self.line_end(last - 1 if last > 0 else 0)
        if at == len(self.text) and not self.text.endswith("\n"):
            text = self.newline + text
        self.raw.append((at, at, text))

    def _append(self, activity: _Node, path: list[str], items: list[Mapping[str, Any]]) -> None:
        name = path[-1]
        parent = self._walk(activity, path[:-1])
        current = parent.children.get(name)
        if current is None:
            self._insert(parent, _order_of(tuple(path[:-1])), name, [dict(i) for i in items])
            return
        if current.kind != "seq":
            raise NotPlacedError(f"'{name}' is not a list here")
        if current.flow:
            text = ", ".join(_render_flow(dict(item)) for item in items)
            if current.children:
                last = current.children[len(current.children) - 1].last
                self.raw.append((last, last, ", " + text))
            else:
                self.raw.append((current.start + 1, current.start + 1, text))
            return
        text = "".join(_block_item(item, current.column, self.newline) for item in items)
        self._insert_after(current.last, text)

    def _remove(self, parent: _Node, key: str) -> None:
        keys = list(parent.children)
        index = keys.index(key)
        key_node, value = parent.keys[key], parent.children[key]
        if parent.flow:
            if index + 1 < len(keys):
                self.raw.append((key_node.start, parent.keys[str(keys[index + 1])].start, ""))
            elif index > 0:
                self.raw.append((parent.children[keys[index - 1]].last, value.last, ""))
            else:
                self.raw.append((key_node.start, value.last, ""))
            return
        start = self.line_start(key_node.start)
        if self.text[start : key_node.start].strip():
            raise NotPlacedError(f"'{key}' shares its line with another key")
        self.raw.append((start, self.line_end(value.last - 1), ""))

    def text_edits(self) -> list[TextEdit]:
        """The edits, with insertions at one place joined in the order they were made."""
        joined: dict[tuple[int, int], str] = {}
        for start, end, text in self.raw:
            if start == end and (start, end) in joined:
                joined[(start, end)] += text
            else:
                joined[(start, end)] = text
        starts = line_starts(self.text)
        edits = []
        for (start, end), text in sorted(joined.items()):
            first, last = position_of(starts, start), position_of(starts, end)
            edits.append(TextEdit(self.file, first[0], first[1], last[0], last[1], text))
        return edits


def _order_of(path: tuple[str | int, ...]) -> list[str]:
    generic = tuple("*" if isinstance(p, int) else p for p in path)
    return _ORDER.get(generic, [])
