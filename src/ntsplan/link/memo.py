"""What repeated link runs of one folder keep (the language server): the problems of the
per-chain rules for each value chain whose model, known ROM's and technologies are
unchanged, and the dependency edges of each unchanged chain. The problems are the same
either way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ntsplan.problems import Problem


class ChainMemo:
    """The per-chain problems of each value chain, kept between runs."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[object, object, list[Problem]]] = {}
        self._edges: dict[int, tuple[object, Any]] = {}

    def get(self, checked: object, key: object) -> list[Problem] | None:
        """The problems kept for ``checked`` under ``key``, or None."""
        found = self._kept.get(id(checked))
        if found is None or found[0] is not checked or found[1] != key:
            return None
        return found[2]

    def put(self, checked: object, key: object, problems: list[Problem]) -> None:
        """Keep ``problems`` for ``checked`` under ``key``."""
        self._kept[id(checked)] = (checked, key, problems)

    def edges(self, checked: object) -> Any:
        """The dependency edges extracted from ``checked`` in an earlier run, or None."""
        found = self._edges.get(id(checked))
        return found[1] if found is not None and found[0] is checked else None

    def put_edges(self, checked: object, edges: Any) -> None:
        """Keep the dependency edges extracted from ``checked``."""
        self._edges[id(checked)] = (checked, edges)

    def keep_only(self, alive: Iterable[object]) -> None:
        """Forget every chain not in ``alive``."""
        ids = {id(item) for item in alive}
        for kept in (self._kept, self._edges):
            for key in [key for key in kept if key not in ids]:
                del kept[key]
