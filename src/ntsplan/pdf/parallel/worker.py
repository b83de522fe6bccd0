"""The worker process that renders one part of the document to a PDF of its own.

It runs in a process forked from the build, so the part's HTML and the options are
inherited, not copied. It talks to the build over a pipe: after pagination it sends the
part's page count and anchors and waits for its page numbering (or for "not needed"),
then writes the PDF and sends it back. See ``pipeline`` for the build's side.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import weasyprint  # type: ignore[import-untyped]

from ntsplan.pdf.weasy.document import apply_metadata, collect_messages, drop_attachments
from ntsplan.pdf.weasy.fetcher import AssetFetcher
from ntsplan.pdf.weasy.layout import Aborted, Numbering, Paginated, patched_weasyprint
from ntsplan.pdf.weasy.tags import mark_languages
from ntsplan.plan.metadata import DocumentMetadata

AfterLayout = Callable[[Any, "PartInfo"], Sequence[Any]]
"""A check that inspects a part's laid-out WeasyPrint ``Document`` (its pages and boxes)
before the PDF is written, and returns messages for the user (the preflight)."""


@dataclass(frozen=True, slots=True)
class PartInfo:
    """Where a part sits in the whole document, for checks that report page numbers."""

    index: int
    parts: int
    first_page: int
    """The number the part's first page has in the whole document (1 for the first)."""
    chapters: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PartJob:
    """Everything a worker needs to render its part."""

    index: int
    parts: int
    html: str
    chapters: tuple[str, ...]
    first_id: str | None
    """The id of the part's first chapter: pages before it (the repeated cover) are dropped."""
    known_targets: dict[str, int]
    """The page numbers of anchors in other parts that this part links to."""
    metadata: DocumentMetadata
    base_dir: Path
    asset_roots: tuple[Path, ...]
    variant: str | None
    numbering: Numbering | None = None
    """Set when the numbering is known in advance: the worker then does not ask."""
    after_layout: tuple[AfterLayout, ...] = ()


@dataclass(slots=True)
class PartPdf:
    """A rendered part."""

    data: bytes
    pages: int
    messages: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    checks: list[Any] = field(default_factory=list)


def run(job: PartJob, conn: Connection, inherited: Sequence[Connection] = ()) -> None:
    """The worker's entry point: render, and report the outcome over ``conn``.

    ``inherited`` are the build's ends of the pipes (this worker's and the others'),
    copied into this process by the fork: they are closed, so that each pipe reports its
    end when the build goes away, and the worker is told to end with the build.
    """
    # Ctrl-C reaches every process of the terminal's group: the build stops its workers
    # itself (it kills them), so a worker ignores it rather than print a traceback of its
    # own. The build blocked SIGINT around the fork (see pipeline), so none arrives before
    # this line; it is unblocked right after.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for other in inherited:
        other.close()
    _end_with_parent()
    try:
        result = render_part(job, lambda paginated: _ask(conn, paginated))
    except Aborted:
        conn.send(("aborted", None))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    else:
        conn.send(("done", result))
    finally:
        conn.close()


def _end_with_parent() -> None:
    """Ask Linux to kill this process when the build that forked it dies (a killed build
    must not leave workers behind); elsewhere the closed pipe ends the worker instead."""
    try:
        import ctypes  # noqa: PLC0415

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig, sigkill = 1, 9
        libc.prctl(pr_set_pdeathsig, sigkill)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() == 1:  # the build died before the request took effect
        os._exit(1)


def _ask(conn: Connection, paginated: Paginated) -> Numbering | None:
    conn.send(("paginated", paginated))
    answer = conn.recv()
    assert answer is None or isinstance(answer, Numbering)
    return answer


def render_part(job: PartJob, ask: Callable[[Paginated], Numbering | None]) -> PartPdf:
    """Lay out the part, number its pages, write its PDF."""
    known = job.numbering

    def exchange(paginated: Paginated) -> Numbering | None:
        if known is not None:
            return known
        return ask(paginated)

    fetcher = AssetFetcher(job.asset_roots)
    with (
        collect_messages() as messages,
        patched_weasyprint(
            first_id=job.first_id, exchange=exchange, known_targets=job.known_targets
        ) as plan,
    ):
        source = weasyprint.HTML(
            string=job.html, base_url=str(job.base_dir) + "/", url_fetcher=fetcher
        )
        whole = source.render(pdf_variant=job.variant)
        document = whole.copy(whole.pages[plan.skip :]) if plan.skip else whole
        first_page = plan.numbering.first if plan.numbering else 1
        info = PartInfo(job.index, job.parts, first_page, job.chapters)
        checks = [message for check in job.after_layout for message in check(document, info)]
        apply_metadata(document, job.metadata)
        drop_attachments(document)
        _add_stub_anchors(document)  # the build knows which anchors are stubs (pipeline)
        finisher = _IdPrefix(f"p{job.index}-") if job.parts > 1 else None
        mark_languages()
        data = document.write_pdf(pdf_variant=job.variant, attachments=None, finisher=finisher)
    assert isinstance(data, bytes)
    return PartPdf(
        data=data,
        pages=len(document.pages),
        messages=messages,
        refused=list(fetcher.refused),
        checks=checks,
    )


def _add_stub_anchors(document: Any) -> frozenset[str]:
    """Give every link into another part a stand-in anchor, so that WeasyPrint keeps the
    link (it drops links to anchors it does not know); the joiner points the link at the
    real anchor in the other part and drops the stand-ins."""
    if not document.pages:
        return frozenset()
    own = {name for page in document.pages for name in page.anchors}
    wanted = {
        target
        for page in document.pages
        for kind, target, _, _ in page.links
        if kind == "internal" and target not in own
    }
    last = document.pages[-1]
    for name in sorted(wanted):
        last.anchors[name] = (0, 0, 0, 0)
    return frozenset(wanted)


class _IdPrefix:
    """A WeasyPrint finisher: make the table-header ids of the tag tree unique across parts
    (WeasyPrint derives them from object numbers, which every part starts afresh)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, document: Any, pdf: Any) -> None:
        import pydyf  # type: ignore[import-untyped]  # noqa: PLC0415 - WeasyPrint's writer

        for obj in pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Type") != "/StructElem":
                continue
            if "ID" in obj:
                obj["ID"] = pydyf.String(self.prefix + _text(obj["ID"]))
            attributes = obj.get("A")
            if isinstance(attributes, pydyf.Dictionary) and "Headers" in attributes:
                attributes["Headers"] = pydyf.Array(
                    pydyf.String(self.prefix + _text(header)) for header in attributes["Headers"]
                )


def _text(value: Any) -> str:
    string = getattr(value, "string", value)
    return str(string)
