"""The latest build of the preview, and a way to wait for the next one.

Every build that changes the page gets a new token; open pages compare the token the
server announces with the one they were served with and reload when they differ. A save
that does not change the page (a touched file, an edited comment) reloads nothing.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ntsplan.serve.page import Build, build_page, forget_templates, with_reload


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the server sends for ``/``: the page of one build, and that build's token."""

    token: str
    page: bytes
    nonce: str


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """Told to the command after each build: what came out, how long it took, and whether
    the page changed (only then are open pages reloaded)."""

    build: Build
    seconds: float
    changed: bool


class LivePreview:
    """Holds the current page; ``rebuild`` makes a new one, ``wait`` blocks until it does.

    ``rebuild`` may be called from any thread (one build runs at a time); ``current`` and
    ``wait`` are called from the server's request threads.
    """

    def __init__(self, data_dir: Path, on_rebuilt: Callable[[Rebuilt], None]) -> None:
        self.data_dir = data_dir
        self._on_rebuilt = on_rebuilt
        # Tokens differ between runs, so a page left open across a restart reloads too.
        self._run = secrets.token_hex(4)
        self._generation = 0
        self._shown: str | None = None
        self._snapshot: Snapshot | None = None
        self._closed = False
        self._changed = threading.Condition()
        self._building = threading.Lock()

    def rebuild(self, *, templates_changed: bool = False) -> None:
        """Build the page again; publish it when it differs from the one shown."""
        with self._building:
            self._rebuild(templates_changed=templates_changed)

    def _rebuild(self, *, templates_changed: bool) -> None:
        started = time.monotonic()
        if templates_changed:
            forget_templates()
        build = build_page(self.data_dir)
        changed = build.html != self._shown
        if changed:
            self._generation += 1
            token = f"{self._run}-{self._generation}"
            nonce = secrets.token_urlsafe(16)
            page = with_reload(build.html, token, nonce).encode("utf-8")
            with self._changed:
                self._shown = build.html
                self._snapshot = Snapshot(token, page, nonce)
                self._changed.notify_all()
        self._on_rebuilt(Rebuilt(build, time.monotonic() - started, changed))

    def current(self) -> Snapshot:
        """The page to serve now."""
        with self._changed:
            assert self._snapshot is not None, "rebuild() runs before the server starts"
            return self._snapshot

    def wait(self, seen: str | None, timeout: float) -> Snapshot | None:
        """The current snapshot once its token differs from ``seen``, or after ``timeout``
        seconds whatever it is; None once the preview is closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._token() != seen, timeout)
            return None if self._closed else self._snapshot

    def _token(self) -> str | None:
        return self._snapshot.token if self._snapshot is not None else None

    def close(self) -> None:
        """Release every waiting request, so the server can stop at once."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()
