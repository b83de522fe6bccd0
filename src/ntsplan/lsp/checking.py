"""Checks in the background, one plan at a time, always of the latest state.

A change (a keystroke, a file written on disk) only records itself and asks for a check; the
check runs in a worker thread on a copy of the buffers, so the server keeps reading
messages and answers hover and completion meanwhile, from the latest text. Changes that
arrive while a check runs are merged into one next check; a check that a change overtook is
dropped unpublished. So a burst of keystrokes costs at most the check that was running
plus one check of the last state, however long the burst.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ntsplan.check import CheckResult
from ntsplan.lsp.session import PlanSession

log = logging.getLogger("ntsplan.lsp")

Publish = Callable[[PlanSession, "CheckResult | None", "Path | None"], None]
"""Called on the event loop with a fresh result and the file edited last (None: a change
on disk), to publish the diagnostics."""


class CheckRunner:
    """Runs the checks of every plan folder, merging changes and dropping stale checks."""

    def __init__(self, publish: Publish) -> None:
        self.publish = publish
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ntsplan-check")
        self._running: dict[Path, asyncio.Future[CheckResult | None]] = {}
        self._edited: dict[Path, Path | None] = {}
        self.dropped = 0
        """Checks overtaken by a change before they finished (for the tests and the log)."""

    def request(self, session: PlanSession, edited: Path | None) -> None:
        """Check ``session`` soon; ``edited`` is the file that changed (None: the disk)."""
        session.generation += 1
        if edited is not None or session.root not in self._edited:
            self._edited[session.root] = edited
        if session.root not in self._running:
            self._start(session)

    def busy(self, session: PlanSession) -> bool:
        """Whether a check of ``session`` is under way."""
        return session.root in self._running

    def _start(self, session: PlanSession) -> None:
        loop = asyncio.get_running_loop()
        generation = session.generation
        edited = self._edited.pop(session.root, None)
        future = loop.run_in_executor(self._executor, session.run_check, dict(session.buffers))
        self._running[session.root] = future
        future.add_done_callback(lambda done: self._finished(session, generation, edited, done))

    def _finished(
        self,
        session: PlanSession,
        generation: int,
        edited: Path | None,
        done: asyncio.Future[CheckResult | None],
    ) -> None:
        del self._running[session.root]
        if done.cancelled():
            return
        error = done.exception()
        if error is not None:
            log.error("ntsplan lsp: the check of %s failed", session.root, exc_info=error)
        elif session.generation == generation:
            session.accept(done.result(), generation)
            self.publish(session, session.result, edited)
        else:
            self.dropped += 1
        if session.generation != generation:
            # Changed meanwhile: one more check, of everything that arrived.
            self._edited.setdefault(session.root, edited)
            self._start(session)

    def shutdown(self) -> None:
        """Stop the worker (a running check is left to finish)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
