"""Write the plan's outputs: the HTML file, and the PDF unless it is up to date.

WeasyPrint is imported only when a PDF is actually rendered, so a rebuild with nothing
changed stays fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import IO

from ntsplan.export.atomic import atomic_write, write_if_changed
from ntsplan.export.cache import PdfStamp, cache_key
from ntsplan.export.metadata import PdfMetadata, ensure_source_date_epoch
from ntsplan.export.progress import Progress


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One PDF to make: from which HTML, where to, with what metadata and options."""

    html: str
    target: Path
    metadata: PdfMetadata
    base_dir: Path
    asset_roots: tuple[Path, ...]
    variant: str | None = None


@dataclass(slots=True)
class PdfOutcome:
    """What happened to one PDF."""

    path: Path
    skipped: bool
    pages: int = 0
    seconds: float = 0.0
    refused: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def write_html(html: str, target: Path) -> bool:
    """Write the HTML file atomically; return False when it already held this HTML."""
    return write_if_changed(target, html.encode("utf-8"))


def write_pdf(job: PdfJob, progress_stream: IO[str]) -> PdfOutcome:
    """Render and write ``job.target`` unless the PDF there was made from the same inputs."""
    key = cache_key(job.html, _options(job), job.asset_roots, version("weasyprint"))
    stamp = PdfStamp(job.target)
    if stamp.is_fresh(key):
        return PdfOutcome(path=job.target, skipped=True)

    from ntsplan.export.fetcher import AssetFetcher  # noqa: PLC0415 - imports WeasyPrint
    from ntsplan.export.pdf import render_pdf  # noqa: PLC0415

    ensure_source_date_epoch(job.metadata.date)
    started = time.monotonic()
    with Progress(progress_stream) as progress:
        result = render_pdf(
            job.html,
            metadata=job.metadata,
            fetcher=AssetFetcher(job.asset_roots),
            base_dir=job.base_dir,
            variant=job.variant,
            progress=progress,
        )
    atomic_write(job.target, result.data)
    stamp.record(key, result.data)
    return PdfOutcome(
        path=job.target,
        skipped=False,
        pages=result.pages,
        seconds=time.monotonic() - started,
        refused=result.refused,
        messages=result.messages,
    )


def _options(job: PdfJob) -> dict[str, str]:
    """Everything besides the HTML that changes the PDF's bytes."""
    meta = job.metadata
    return {
        "variant": job.variant or "",
        "title": meta.title,
        "authors": "\n".join(meta.authors),
        "language": meta.language,
        "date": meta.w3c_date,
        "generator": meta.generator,
        "base_dir": str(job.base_dir),
    }
