"""Render the PDF on every core: the document cut into parts, one process per part.

1. The HTML is cut at chapter boundaries (``parts``): the front matter up to and
   including the contents is a small part of its own, the rest is cut into ``jobs``
   parts of near-equal size.
2. Every part is laid out at once in its own process (forked, so WeasyPrint is imported
   once). After pagination each reports its page count and anchors (``pdf.weasy.layout``).
3. With every count known, the build gives each part the number of its first page and
   the total, and the parts draw their pages and write their PDFs in parallel.
4. The contents show the pages of chapters in other parts. They start from the numbers
   of the last build (or 0 without one); a part whose numbers turn out wrong is laid out
   again with the right ones - a *second pass*, which a cold build needs for the contents
   part and a rebuild only when a page count changed. The figure is in the result.
5. ``join`` makes one PDF of the parts.

With a ``PartCache``, a part whose pagination and PDF are kept from an earlier build with
the same key is not rendered at all.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import re
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ntsplan.pdf.parallel.cache import PartCache
from ntsplan.pdf.parallel.join import JoinPart, join_parts
from ntsplan.pdf.parallel.parts import Chapter, digest, plan_parts, split_document
from ntsplan.pdf.parallel.worker import AfterLayout, PartJob, PartPdf
from ntsplan.pdf.parallel.worker import run as run_worker
from ntsplan.pdf.weasy.layout import Numbering, Paginated
from ntsplan.plan.metadata import DocumentMetadata

MAX_ROUNDS = 4
"""Layout rounds before the numbers are taken as they are (they settle in one or two)."""
_HREF = re.compile(r'href="#([^"]+)"')


@dataclass(slots=True)
class ParallelResult:
    """The joined PDF and how it was made."""

    data: bytes
    pages: int
    parts: int
    rendered: int
    """Part renders done (a part laid out twice counts twice; cached parts count 0)."""
    second_passes: int
    messages: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    checks: list[Any] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Part:
    index: int
    chapters: tuple[Chapter, ...]
    html: str
    base_key: str
    foreign: frozenset[str]


@dataclass(slots=True)
class _Worker:
    part: _Part
    process: Any
    conn: Connection
    paginated: Paginated | None = None


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


def render_parallel(
    html: str,
    settings: RenderSettings,
    *,
    jobs: int,
    cache: PartCache | None = None,
    progress: Callable[[str], None] | None = None,
) -> ParallelResult | None:
    """The PDF rendered in parts; None when the document cannot be cut (one chapter)."""
    split = split_document(html)
    if split is None or len(split.chapters) < 2:
        return None
    parts = []
    for index, chapters in enumerate(plan_parts(split, jobs)):
        part_html = split.part_html(chapters)
        own = {i for chapter in chapters for i in chapter.ids} | split.front_ids
        foreign = frozenset(set(_HREF.findall(part_html)) - own)
        parts.append(_Part(index, chapters, part_html, digest(settings.key, part_html), foreign))
    return _Run(parts, settings, cache, progress or _ignore).run()


class _Run:
    """One parallel render: the rounds of pagination, then the PDFs, then the join."""

    def __init__(
        self,
        parts: list[_Part],
        settings: RenderSettings,
        cache: PartCache | None,
        progress: Callable[[str], None],
    ) -> None:
        self.progress = progress
        self.parts = parts
        self.settings = settings
        self.cache = cache
        self.context = multiprocessing.get_context("fork")
        self.workers: dict[int, _Worker] = {}
        self.paginated: dict[int, Paginated] = {}
        self.rendered = 0
        self.second_passes = 0
        self.outcomes: list[PartPdf] = []

    def run(self) -> ParallelResult:
        try:
            return self._run()
        except BaseException:
            # Ctrl-C or a failure: no worker is waited for, none is left running.
            for worker in self.workers.values():
                worker.process.kill()
            raise
        finally:
            for worker in self.workers.values():
                self._stop(worker)

    def _run(self) -> ParallelResult:
        guess = self.cache.anchors() if self.cache else {}
        for round_number in range(MAX_ROUNDS):
            for part in self.parts:
                self._paginate(part, guess)
            busy = sum(1 for worker in self.workers.values() if worker.paginated is None)
            if busy:
                again = " again" if round_number else ""
                self.progress(f"laying out pages{again} ({busy} of {len(self.parts)} parts)")
            for worker in self.workers.values():
                if worker.paginated is None:
                    worker.paginated = self._receive(worker, "paginated")
                    self.paginated[worker.part.index] = worker.paginated
                    if self.cache:
                        self.cache.store_pagination(worker.part.base_key, worker.paginated)
            numbering, anchors = self._numbering()
            wrong = [p for p in self.parts if not _agrees(self.paginated[p.index], anchors)]
            if not wrong or round_number == MAX_ROUNDS - 1:
                break
            self.second_passes += len(wrong)
            for part in wrong:
                del self.paginated[part.index]
                if part.index in self.workers:
                    self._stop(self.workers.pop(part.index), abort=True)
            guess = anchors

        pdfs: dict[int, bytes] = {}
        for part in self.parts:
            paginated = self.paginated[part.index]
            number = numbering[part.index]
            key = _pdf_key(part, paginated)
            cached = self.cache.pdf(key, number) if self.cache else None
            live = self.workers.get(part.index)
            if cached is not None:
                pdfs[part.index] = cached
                if live is not None:
                    self._stop(self.workers.pop(part.index), abort=True)
            elif live is not None:
                live.conn.send(number)
            else:
                known = {name: anchors.get(name, 0) for name in part.foreign}
                self.workers[part.index] = self._start(part, known, number)
        if self.workers:
            self.progress(f"writing PDF ({len(self.workers)} of {len(self.parts)} parts)")
        for index, worker in sorted(self.workers.items()):
            outcome = self._receive(worker, "done")
            assert isinstance(outcome, PartPdf)
            self.outcomes.append(outcome)
            pdfs[index] = outcome.data
            if self.cache:
                part = worker.part
                self.cache.store_pdf(
                    _pdf_key(part, self.paginated[index]), numbering[index], outcome.data
                )
        if self.cache:
            self.cache.store_anchors(anchors)
        self.progress(f"joining {len(self.parts)} parts")
        stubs = [self._stubs(part, anchors) for part in self.parts]
        data = join_parts([JoinPart(pdfs[p.index], stubs[p.index]) for p in self.parts])
        return ParallelResult(
            data=data,
            pages=sum(p.pages for p in self.paginated.values()),
            parts=len(self.parts),
            rendered=self.rendered,
            second_passes=self.second_passes,
            messages=_unique(m for o in self.outcomes for m in o.messages),
            refused=_unique(r for o in self.outcomes for r in o.refused),
            checks=[c for o in self.outcomes for c in o.checks],
        )

    def _paginate(self, part: _Part, guess: dict[str, int]) -> None:
        """Make sure the part's pagination is known or under way."""
        if part.index in self.paginated or part.index in self.workers:
            return
        cached = self.cache.pagination(part.base_key) if self.cache else None
        if cached is not None and all(guess.get(n, 0) == v for n, v in cached.used.items()):
            self.paginated[part.index] = cached
            return
        known = {name: guess.get(name, 0) for name in part.foreign}
        self.workers[part.index] = self._start(part, known, None)

    def _numbering(self) -> tuple[list[Numbering], dict[str, int]]:
        total = sum(self.paginated[p.index].pages for p in self.parts)
        numbering = []
        anchors: dict[str, int] = {}
        first = 1
        for part in self.parts:
            paginated = self.paginated[part.index]
            numbering.append(Numbering(first, total))
            for name, local in paginated.anchors.items():
                anchors.setdefault(name, first + local)
            first += paginated.pages
        return numbering, anchors

    def _stubs(self, part: _Part, anchors: dict[str, int]) -> frozenset[str]:
        own = self.paginated[part.index].anchors
        return frozenset(name for name in anchors if name not in own)

    def _start(self, part: _Part, known: dict[str, int], numbering: Numbering | None) -> _Worker:
        job = PartJob(
            index=part.index,
            parts=len(self.parts),
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
        )
        # Objects the build holds (the plan, the HTML) stay untouched in the workers: without
        # this, their collector would visit them and copy every page of memory they are on.
        gc.freeze()
        parent, child = self.context.Pipe()
        inherited = [parent, *(worker.conn for worker in self.workers.values())]
        process = self.context.Process(target=run_worker, args=(job, child, inherited), daemon=True)
        # SIGINT is held back during the fork, so that the worker has set it aside (see
        # worker.run) before one can reach it; a Ctrl-C meanwhile reaches the build after.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        child.close()
        self.rendered += 1
        worker = _Worker(part, process, parent)
        if numbering is not None:
            worker.paginated = self.paginated.get(part.index)
        return worker

    def _receive(self, worker: _Worker, expected: str) -> Any:
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

    def _stop(self, worker: _Worker, *, abort: bool = False) -> None:
        if abort and worker.process.is_alive():
            try:
                worker.conn.send(None)
                worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                pass
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _ignore(_: str) -> None:
    return None


def _agrees(paginated: Paginated, anchors: dict[str, int]) -> bool:
    """Whether the numbers the part's layout used are the real ones."""
    return all(anchors.get(name, 0) == page for name, page in paginated.used.items())


def _pdf_key(part: _Part, paginated: Paginated) -> str:
    return digest(part.base_key, json.dumps(paginated.used, sort_keys=True))


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


__all__: Sequence[str] = ("ParallelResult", "RenderSettings", "plan_parts", "render_parallel")
