"""A loaded YAML file: its data as plain Python values, and where each value stood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ntsplan.edits import Applicability, Fix, TextEdit, split_lines
from ntsplan.problems import Position
from ntsplan.suggest import certain_typo

DocPath = tuple[str | int, ...]
"""A place inside a document: mapping keys and list indices from the top."""


class NodeMarks(NamedTuple):
    """Where a node stands: its value, and its key when it is a mapping entry; for a
    scalar or a flow collection (``[a, b]``) also where the value ends, and for a key where
    it ends (exclusive): the ranges a fix replaces."""

    value: Position
    key: Position | None = None
    end: Position | None = None
    key_end: Position | None = None


@dataclass(slots=True)
class Document:
    """One YAML file as data, with a mark for every node so problems can be located."""

    file: Path
    data: Any
    marks: dict[DocPath, NodeMarks] = field(default_factory=dict)
    text: str = ""
    """The text the document was parsed from (the ranges of fixes refer to it)."""

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position:
        """The position of the node at ``path``, or of its nearest ancestor that exists.

        With ``key``, a mapping entry is located at its key instead of its value: the place
        to point at for a field that should not be there.
        """
        probe = tuple(path)
        while probe:
            marks = self.marks.get(probe)
            if marks is not None:
                if key and marks.key is not None:
                    return marks.key
                return marks.value
            probe = probe[:-1]
        root = self.marks.get(())
        return root.value if root else Position(1, 1)

    def locate_parent(self, path: Sequence[str | int]) -> Position:
        """Where to report a field missing at ``path``: the key of the mapping that lacks it,
        or the mapping itself when it has no key (the top of the file, a list item)."""
        parent = tuple(path[:-1])
        marks = self.marks.get(parent)
        if marks is None:
            return self.locate(parent)
        return marks.key or marks.value

    def get(self, path: Sequence[str | int]) -> Any:
        """The raw value at ``path``, or None where the path does not exist."""
        node = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return None
        return node

    def replace_value(
        self,
        path: Sequence[str | int],
        text: str,
        title: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix | None:
        """A fix that writes ``text`` (YAML, as it should stand in the file) in place of the
        scalar or bracketed value at ``path``; None where its extent is not known."""
        marks = self.marks.get(tuple(path))
        if marks is None and path and isinstance(self.get(path[:-1]), str):
            marks = self.marks.get(tuple(path[:-1]))  # 'scan' read as {id: scan}: the text
        if marks is None or marks.end is None:
            return None
        start, end = marks.value, marks.end
        edit = TextEdit(self.file, start.line, start.column, end.line, end.column, text)
        return Fix(title, (edit,), applicability)

    def replace_key(
        self,
        path: Sequence[str | int],
        text: str,
        title: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix | None:
        """A fix that writes the key ``text`` in place of the key of the entry at ``path``."""
        marks = self.marks.get(tuple(path))
        if marks is None or marks.key is None or marks.key_end is None:
            return None
        start, end = marks.key, marks.key_end
        edit = TextEdit(self.file, start.line, start.column, end.line, end.column, text)
        return Fix(title, (edit,), applicability)

    def replacement(
        self,
        path: Sequence[str | int],
        new: str,
        *,
        key: bool = False,
        applicability: Applicability | None = None,
    ) -> Fix | None:
        """The fix that writes ``new`` in place of the value (or, with ``key``, the key) at
        ``path``: a did-you-mean, the id for a name. Safe when ``new`` is certainly what
        was typed (one slip of the keyboard), else unsafe, unless ``applicability`` says."""
        old = path[-1] if key and path else self.get(path)
        title = f"Replace '{old}' with '{new}'"
        if applicability is None:
            certain = isinstance(old, str) and certain_typo(old, new)
            applicability = Applicability.SAFE if certain else Applicability.UNSAFE
        siblings = self.get(path[:-1]) if path and isinstance(path[-1], int) else None
        if not key and isinstance(siblings, list) and new in siblings:
            return self.remove_item(path, f"Remove '{old}': '{new}' is already listed")
        if key:
            return self.replace_key(path, yaml_text(new), title, applicability)
        return self.replace_value(path, yaml_text(new), title, applicability)

    def remove_item(self, path: Sequence[str | int], title: str) -> Fix | None:
        """A fix that removes the list item at ``path``: from ``[a, b, c]`` its text and
        separator, from a block list its line; None where the extent is not certain."""
        path = tuple(path)
        index = path[-1] if path else None
        parent = self.marks.get(path[:-1])
        items = self.get(path[:-1])
        here = self.marks.get(path)
        if not isinstance(index, int) or parent is None or here is None or here.end is None:
            return None
        if not isinstance(items, list):
            return None
        start, end = here.value, here.end
        if parent.end is not None:  # a bracketed list: take a separator with the item
            after = self.marks.get((*path[:-1], index + 1))
            before = self.marks.get((*path[:-1], index - 1))
            if after is not None:
                end = after.value
            elif before is not None and before.end is not None:
                start = before.end
            edit = TextEdit(self.file, start.line, start.column, end.line, end.column, "")
            return Fix(title, (edit,), Applicability.SAFE)
        lines = split_lines(self.text)
        line = lines[start.line - 1] if start.line <= len(lines) else ""
        if end.line != start.line or line[: start.column - 1].strip() != "-":
            return None
        if line[end.column - 1 :].strip() and not line[end.column - 1 :].lstrip().startswith("#"):
            return None
        if start.line < len(lines):
            edit = TextEdit(self.file, start.line, 1, start.line + 1, 1, "")
        else:
            edit = TextEdit(self.file, start.line, 1, start.line, len(line) + 1, "")
        return Fix(title, (edit,), Applicability.SAFE)

    def reindent(self, at: Position, column: int, title: str) -> Fix | None:
        """A fix that moves the text at ``at`` to ``column`` on its line, by adding or
        removing spaces right before it; None where the spaces to remove are not there."""
        lines = split_lines(self.text)
        if not 1 <= at.line <= len(lines) or column < 1 or column == at.column:
            return None
        before = lines[at.line - 1][: at.column - 1]
        if column > at.column:
            edit = TextEdit(
                self.file, at.line, at.column, at.line, at.column, " " * (column - at.column)
            )
        elif before[column - 1 :].strip(" ") == "" and len(before) == at.column - 1:
            edit = TextEdit(self.file, at.line, column, at.line, at.column, "")
        else:
            return None
        return Fix(title, (edit,), Applicability.SAFE)


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar that reads back as this same text: plain where that is
    safe, in double quotes otherwise (for a fix's new text)."""
    import json  # noqa: PLC0415 - rarely needed; keeps the loader's import light
    import re  # noqa: PLC0415

    if re.fullmatch(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f .\-/()]*", value) and not (
        value.endswith((" ", ":"))
        or value.casefold() in _YAML_WORDS
        or ": " in value
        or " #" in value
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


_YAML_WORDS = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"])
"""Plain words that YAML 1.1 readers take as something other than text."""
