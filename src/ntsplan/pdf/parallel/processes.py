"""The build's side of the worker processes: fork one for a part, talk to it, end it.

A worker is forked from the build after WeasyPrint is imported, so it starts with
everything the build holds (the part's HTML, the options, WeasyPrint's modules and its
user-agent stylesheets) and imports nothing. ``worker`` is the other side.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ntsplan.pdf.parallel.parts import Part
from ntsplan.pdf.parallel.worker import AfterLayout, PartJob
from ntsplan.pdf.parallel.worker import run as run_worker
from ntsplan.pdf.weasy.layout import Numbering, Paginated, Retarget
from ntsplan.pdf.weasy.stylesheets import ParsedSheet, SheetKey
from ntsplan.plan.metadata import DocumentMetadata
from ntsplan.timings import Timings


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """What every part is rendered with."""

    metadata: DocumentMetadata
    base_dir: Path
    asset_roots: tuple[Path, ...]
    variant: str | None
    key: str
    """The hash of the build's settings, templates and versions (not of the plan)."""
    after_layout: tuple[AfterLayout, ...] = ()


@dataclass(slots=True)
class Worker:
    """A live worker process and its pipe; ``paginated`` once it has reported its pages
    (and is waiting for the answer)."""

    part: Part
    process: Any
    conn: Connection
    paginated: Paginated | None = None


@dataclass(slots=True)
class Workers:
    """The live workers of one parallel render, by part index."""

    settings: RenderSettings
    parts: int
    timings: Timings
    live: dict[int, Worker] = field(default_factory=dict)
    started: int = 0
    """Workers started (a part laid out twice counts twice)."""
    passes: dict[int, int] = field(default_factory=dict)
    stylesheets: Mapping[SheetKey, ParsedSheet] = field(default_factory=dict)
    """The document's stylesheets, parsed before the first fork."""
    context: Any = field(default_factory=lambda: multiprocessing.get_context("fork"))

    def start(self, part: Part, known: dict[str, int], numbering: Numbering | None) -> Worker:
        """Fork a worker for ``part``, with the pages of the foreign anchors it shows;
        with ``numbering`` it lays out and writes without asking."""
        self.passes[part.index] = passes = self.passes.get(part.index, 0) + 1
        name = f"part {part.index + 1}" + (f", pass {passes}" if passes > 1 else "")
        with self.timings.phase(f"fork {name}"):
            worker = self._fork(part, known, numbering, name)
        self.live[part.index] = worker
        return worker

    def _fork(
        self, part: Part, known: dict[str, int], numbering: Numbering | None, name: str
    ) -> Worker:
        job = PartJob(
            index=part.index,
            parts=self.parts,
            html=part.html,
            chapters=tuple(chapter.id for chapter in part.chapters),
            first_id=part.chapters[0].id if part.index > 0 else None,
            known_targets=known,
            metadata=self.settings.metadata,
            base_dir=self.settings.base_dir,
            asset_roots=self.settings.asset_roots,
            variant=self.settings.variant,
            numbering=numbering,
            after_layout=self.settings.after_layout,
            process=name,
            forked=time.perf_counter(),
            stylesheets=self.stylesheets,
        )
        # Objects the build holds (the plan, the HTML) stay untouched in the workers: without
        # this, their collector would visit them and copy every page of memory they are on.
        gc.freeze()
        parent, child = self.context.Pipe()
        inherited = [parent, *(worker.conn for worker in self.live.values())]
        process = self.context.Process(target=run_worker, args=(job, child, inherited), daemon=True)
        # SIGINT is held back during the fork, so that the worker has set it aside (see
        # worker.run) before one can reach it; a Ctrl-C meanwhile reaches the build after.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        child.close()
        self.started += 1
        return Worker(part, process, parent)

    def answer(self, worker: Worker, answer: Numbering | Retarget) -> None:
        """Tell a worker that waits after its pagination its numbering (it goes on to draw
        and write), or the real pages of its foreign anchors (it paginates again)."""
        worker.conn.send(answer)
        if isinstance(answer, Retarget):
            worker.paginated = None

    def receive(self, worker: Worker, expected: str) -> Any:
        """The worker's next message, which must be of kind ``expected``."""
        try:
            kind, value = worker.conn.recv()
        except EOFError:
            worker.process.join()
            raise RuntimeError(
                f"the process rendering part {worker.part.index + 1} ended without a result"
                f" (exit code {worker.process.exitcode}); it may have run out of memory"
            ) from None
        if kind == "error":
            raise RuntimeError(f"rendering part {worker.part.index + 1} failed:\n{value}")
        if kind != expected:
            raise RuntimeError(f"part {worker.part.index + 1}: expected {expected}, got {kind}")
        return value

    def stop(self, index: int, *, abort: bool = False) -> None:
        """End the worker of part ``index``; with ``abort``, tell it first that its part is
        not needed (its timings come back with the word)."""
        worker = self.live.pop(index)
        if abort and worker.process.is_alive():
            try:
                worker.conn.send(None)
                kind, value = worker.conn.recv()
                if kind == "aborted" and isinstance(value, list):
                    self.timings.extend(value)  # the laid-out pass that was not needed
            except (EOFError, OSError, BrokenPipeError):
                pass
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def stop_all(self) -> None:
        for index in list(self.live):
            self.stop(index)
