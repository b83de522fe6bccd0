"""Saves in the watched folders, reported from a background thread (watchfiles).

watchfiles uses the operating system's file notifications (inotify, FSEvents, ...) and
falls back to polling where there are none; its default filter skips editor swap and
backup files, ``.git`` and caches. Editors that save by writing a new file and renaming
it over the old one are seen like any other save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import watchfiles

# Saves closer together than STEP ms are one batch; a batch is reported at the latest
# DEBOUNCE ms after its first save, so a rebuild starts well within a second.
STEP_MS = 50
DEBOUNCE_MS = 400
# How often (ms) the watcher looks at its stop flag while nothing changes.
STOP_CHECK_MS = 200


class FolderWatcher:
    """Calls ``on_change(paths)`` with the changed paths after each batch of saves.

    ``on_change`` runs in the watcher's own thread, one batch at a time. An error of the
    watcher itself (a watched folder removed) goes to ``on_error`` and ends the watching.
    """

    def __init__(
        self,
        folders: Sequence[Path],
        on_change: Callable[[set[Path]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.folders = tuple(folders)
        self._on_change = on_change
        self._on_error = on_error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="ntsplan-watcher", daemon=True)

    def start(self) -> None:
        """Start watching in the background."""
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop watching and wait (up to ``timeout`` seconds) for the thread to end."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _watch(self) -> None:
        try:
            for changes in watchfiles.watch(
                *self.folders,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self._stop,
                rust_timeout=STOP_CHECK_MS,
                yield_on_timeout=False,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                self._on_change({Path(path) for _, path in changes})
        except Exception as error:  # told to the command, not lost in the thread
            if not self._stop.is_set():
                self._on_error(error)
