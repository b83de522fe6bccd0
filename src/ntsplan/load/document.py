"""A loaded YAML file: its data as plain Python values, and where each value stood."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ntsplan.problems import Position

DocPath = tuple[str | int, ...]
"""A place inside a document: mapping keys and list indices from the top."""


class NodeMarks(NamedTuple):
    """Where a node stands: its value, and its key when it is a mapping entry."""

    value: Position
    key: Position | None = None


@dataclass(slots=True)
class Document:
    """One YAML file as data, with a mark for every node so problems can be located."""

    file: Path
    data: Any
    marks: dict[DocPath, NodeMarks] = field(default_factory=dict)

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
