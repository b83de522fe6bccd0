"""Following the disk: a deleted technology file, a ``git pull``, a file written by
``ntsplan fix`` or ``ntsplan new`` is re-checked without waiting for a keystroke.

The client watches when it can (``workspace/didChangeWatchedFiles``, registered at start
for the YAML files); for a client that cannot, ``DiskWatch`` polls the plan folders'
data files (their names, sizes and times) every couple of seconds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from lsprotocol import types

from ntsplan.load.layout import FOLDERS, SINGLE_FILES

log = logging.getLogger("ntsplan.lsp")

WATCHERS = [types.FileSystemWatcher(glob_pattern="**/*.yaml")]
"""What the server asks the client to watch: every YAML file (created, changed, deleted)."""

POLL_SECONDS = 2.0

Fingerprint = frozenset[tuple[str, int, int]]


def can_watch(capabilities: types.ClientCapabilities) -> bool:
    """Whether the client registers file watchers on the server's request."""
    workspace = capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    return bool(watched and watched.dynamic_registration)


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and modification time of every data file of the plan folder ``root``."""
    found: set[tuple[str, int, int]] = set()
    candidates: list[Path] = [root / name for name in {"plan.yaml", *SINGLE_FILES.values()}]
    for folder in FOLDERS.values():
        try:
            candidates += (root / folder).glob("*.yaml")
        except OSError:
            continue
    for file in candidates:
        try:
            info = file.stat()
        except OSError:
            continue
        found.add((str(file), info.st_size, info.st_mtime_ns))
    return frozenset(found)


class DiskWatch:
    """Polls the plan folders and reports the ones whose data files changed."""

    def __init__(
        self, roots: Callable[[], Iterable[Path]], changed: Callable[[list[Path]], None]
    ) -> None:
        self.roots = roots
        self.changed = changed
        self.seen: dict[Path, Fingerprint] = {}
        self.task: asyncio.Task[None] | None = None

    def add(self, root: Path) -> None:
        """Watch ``root`` from now on: a change after this counts."""
        self.seen.setdefault(root, fingerprint(root))

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._run())

    def poll(self, roots: Iterable[Path]) -> list[Path]:
        """The plan folders changed since the last poll (a folder seen first counts not)."""
        changed = []
        for root in roots:
            now = fingerprint(root)
            if root in self.seen and self.seen[root] != now:
                changed.append(root)
            self.seen[root] = now
        return changed

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(POLL_SECONDS)
            try:
                roots = list(self.roots())
                changed = await asyncio.get_running_loop().run_in_executor(None, self.poll, roots)
            except Exception:
                log.exception("ntsplan lsp: watching the plan folders failed")
                continue
            if changed:
                self.changed(changed)
