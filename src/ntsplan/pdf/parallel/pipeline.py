"""Render the PDF on every core: the document cut into parts, one process per part.

1. The HTML is cut at chapter boundaries (``parts``): the front matter up to and
   including the contents is a small part of its own, the rest is cut into parts by kind
   of chapter, the value chains in balanced pieces.
2. Every part is laid out at once in its own process (forked, so WeasyPrint is imported
   once: ``processes``). After pagination each reports its page count and anchors
   (``pdf.weasy.layout``).
3. The contents show the pages of chapters in other parts. They start from the numbers
   of the last build (or 0 without one). A part whose numbers turn out wrong is told the
   real ones and makes again, in the same process, only the pages that show them
   (*renumbered*: no second layout); a part whose pagination came from the cache and
   whose numbers moved is laid out afresh (a *second pass*). The figures are in the result.
4. With every count known, the build gives each part the number of its first page and
   the total, and the parts draw their pages and write their PDFs in parallel.
5. ``join`` makes one PDF of the parts.

With a ``PartCache``, a part whose pagination and PDF are kept from an earlier build with
the same key is not rendered at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ntsplan.pdf.parallel.cache import PartCache
from ntsplan.pdf.parallel.join import JoinPart, join_parts
from ntsplan.pdf.parallel.parts import Part, digest, plan_parts, split_document
from ntsplan.pdf.parallel.processes import RenderSettings, Workers
from ntsplan.pdf.parallel.worker import PartPdf
from ntsplan.pdf.weasy.fetcher import AssetFetcher
from ntsplan.pdf.weasy.layout import Numbering, Paginated, Retarget
from ntsplan.pdf.weasy.stylesheets import ParsedSheet, SheetKey, parse_stylesheets
from ntsplan.timings import Timings

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
    renumbered: int = 0
    """Parts paginated again in place, in their own process, for their page numbers."""
    messages: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    checks: list[Any] = field(default_factory=list)


def render_parallel(
    html: str,
    settings: RenderSettings,
    *,
    jobs: int,
    cache: PartCache | None = None,
    progress: Callable[[str], None] | None = None,
    timings: Timings | None = None,
) -> ParallelResult | None:
    """The PDF rendered in parts; None when the document cannot be cut (one chapter).
    The build's phases and every worker's go into ``timings``, when given."""
    timings = timings or Timings()
    with timings.phase("part plan"):
        split = split_document(html)
        if split is None or len(split.chapters) < 2:
            return None
        parts = []
        for index, chapters in enumerate(plan_parts(split, jobs)):
            part_html = split.part_html(chapters, first=index == 0)
            own = {i for chapter in chapters for i in chapter.ids} | split.front_ids
            foreign = frozenset(set(_HREF.findall(part_html)) - own)
            key = digest(settings.key, part_html)
            parts.append(Part(index, chapters, part_html, key, foreign))
    with timings.phase("parse stylesheets"):
        fetcher = AssetFetcher(settings.asset_roots)
        sheets = parse_stylesheets(split.before, str(settings.base_dir) + "/", fetcher)
    return _Run(parts, settings, cache, progress or _ignore, timings, stylesheets=sheets).run()


class _Run:
    """One parallel render: the rounds of pagination, then the PDFs, then the join."""

    def __init__(
        self,
        parts: list[Part],
        settings: RenderSettings,
        cache: PartCache | None,
        progress: Callable[[str], None],
        timings: Timings,
        *,
        stylesheets: Mapping[SheetKey, ParsedSheet],
    ) -> None:
        self.progress = progress
        self.timings = timings
        self.parts = parts
        self.cache = cache
        self.workers = Workers(settings, len(parts), timings, stylesheets=stylesheets)
        self.paginated: dict[int, Paginated] = {}
        self.second_passes = 0
        self.renumbered = 0
        self.outcomes: list[PartPdf] = []

    def run(self) -> ParallelResult:
        try:
            return self._run()
        except BaseException:
            # Ctrl-C or a failure: no worker is waited for, none is left running.
            for worker in self.workers.live.values():
                worker.process.kill()
            raise
        finally:
            self.workers.stop_all()

    def _run(self) -> ParallelResult:
        numbering, anchors = self._paginate_all()
        pdfs = self._write_all(numbering, anchors)
        if self.cache:
            self.cache.store_anchors(anchors)
        self.progress(f"joining {len(self.parts)} parts")
        with self.timings.phase("join"):
            stubs = [self._stubs(part, anchors) for part in self.parts]
            data = join_parts([JoinPart(pdfs[p.index], stubs[p.index]) for p in self.parts])
        return ParallelResult(
            data=data,
            pages=sum(p.pages for p in self.paginated.values()),
            parts=len(self.parts),
            rendered=self.workers.started,
            second_passes=self.second_passes,
            renumbered=self.renumbered,
            messages=_unique(m for o in self.outcomes for m in o.messages),
            refused=_unique(r for o in self.outcomes for r in o.refused),
            checks=[c for o in self.outcomes for c in o.checks],
        )

    def _paginate_all(self) -> tuple[list[Numbering], dict[str, int]]:
        """Rounds of pagination until the page numbers every part shows are the real ones;
        the numbering of each part and the page of every anchor."""
        guess = self.cache.anchors() if self.cache else {}
        live = self.workers.live
        for round_number in range(MAX_ROUNDS):
            for part in self.parts:
                self._paginate(part, guess)
            busy = sum(1 for worker in live.values() if worker.paginated is None)
            if busy:
                again = " again" if round_number else ""
                self.progress(f"laying out pages{again} ({busy} of {len(self.parts)} parts)")
            for worker in live.values():
                if worker.paginated is None:
                    with self.timings.phase("wait for pagination"):
                        worker.paginated = self.workers.receive(worker, "paginated")
                    self.paginated[worker.part.index] = worker.paginated
                    if self.cache:
                        self.cache.store_pagination(worker.part.base_key, worker.paginated)
            numbering, anchors = self._numbering()
            wrong = [p for p in self.parts if not _agrees(self.paginated[p.index], anchors)]
            if not wrong or round_number == MAX_ROUNDS - 1:
                break
            for part in wrong:
                del self.paginated[part.index]
                if part.index in live:  # it waits for its answer: renumber it in place
                    known = {name: anchors.get(name, 0) for name in part.foreign}
                    self.workers.answer(live[part.index], Retarget(known))
                    self.renumbered += 1
                else:  # its pagination came from the cache: lay it out with these numbers
                    self.second_passes += 1
            guess = anchors
        return numbering, anchors

    def _write_all(self, numbering: list[Numbering], anchors: dict[str, int]) -> dict[int, bytes]:
        """Each part's PDF: kept from the cache, or written by its worker."""
        pdfs: dict[int, bytes] = {}
        live = self.workers.live
        for part in self.parts:
            paginated = self.paginated[part.index]
            number = numbering[part.index]
            key = _pdf_key(part, paginated)
            cached = self.cache.pdf(key, number) if self.cache else None
            if cached is not None:
                pdfs[part.index] = cached
                if part.index in live:
                    self.workers.stop(part.index, abort=True)
            elif part.index in live:
                self.workers.answer(live[part.index], number)
            else:
                known = {name: anchors.get(name, 0) for name in part.foreign}
                self.workers.start(part, known, number)
        if live:
            self.progress(f"writing PDF ({len(live)} of {len(self.parts)} parts)")
        for index, worker in sorted(live.items()):
            with self.timings.phase("wait for PDFs"):
                outcome = self.workers.receive(worker, "done")
            assert isinstance(outcome, PartPdf)
            self.timings.extend(outcome.phases)
            self.outcomes.append(outcome)
            pdfs[index] = outcome.data
            if self.cache:
                self.cache.store_pdf(
                    _pdf_key(worker.part, self.paginated[index]), numbering[index], outcome.data
                )
        return pdfs

    def _paginate(self, part: Part, guess: dict[str, int]) -> None:
        """Make sure the part's pagination is known or under way."""
        if part.index in self.paginated or part.index in self.workers.live:
            return
        cached = self.cache.pagination(part.base_key) if self.cache else None
        if cached is not None and all(guess.get(n, 0) == v for n, v in cached.used.items()):
            self.paginated[part.index] = cached
            return
        known = {name: guess.get(name, 0) for name in part.foreign}
        self.workers.start(part, known, None)

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

    def _stubs(self, part: Part, anchors: dict[str, int]) -> frozenset[str]:
        own = self.paginated[part.index].anchors
        return frozenset(name for name in anchors if name not in own)


def _ignore(_: str) -> None:
    return None


def _agrees(paginated: Paginated, anchors: dict[str, int]) -> bool:
    """Whether the numbers the part's layout used are the real ones."""
    return all(anchors.get(name, 0) == page for name, page in paginated.used.items())


def _pdf_key(part: Part, paginated: Paginated) -> str:
    return digest(part.base_key, json.dumps(paginated.used, sort_keys=True))


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


__all__: Sequence[str] = ("ParallelResult", "RenderSettings", "plan_parts", "render_parallel")
