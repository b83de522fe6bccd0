"""Write the plan's outputs, each atomically and with its stamp (see ``cache``).

WeasyPrint is imported only when a PDF is actually rendered, so a rebuild with nothing
changed stays fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ntsplan.export.atomic import atomic_write, folder_lock
from ntsplan.export.cache import OutputStamp
from ntsplan.export.metadata import PdfMetadata, ensure_source_date_epoch
from ntsplan.export.progress import Progress
from ntsplan.export.result import PdfResult


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One PDF to make: from which HTML, where to, with what metadata and options."""

    html: str
    target: Path
    key: str
    metadata: PdfMetadata
    base_dir: Path
    asset_roots: tuple[Path, ...]
    variant: str | None = None


def pdf_options(metadata: PdfMetadata, variant: str | None, base_dir: Path) -> dict[str, str]:
    """Everything besides the plan and the templates that changes the PDF's bytes."""
    return {
        "variant": variant or "",
        "title": metadata.title,
        "authors": "\n".join(metadata.authors),
        "language": metadata.language,
        "date": metadata.w3c_date,
        "generator": metadata.generator,
        "base_dir": str(base_dir),
    }


def write_html(html: str, target: Path, key: str) -> None:
    """Write the HTML file atomically and stamp it with the key of its inputs."""
    write_output(html.encode("utf-8"), target, key)


def write_output(data: bytes, target: Path, key: str) -> None:
    """Write an output file atomically and stamp it with the key of its inputs."""
    with folder_lock(target.parent):  # the output and its stamp as one step
        atomic_write(target, data)
        OutputStamp(target).record(key, data)


def write_pdf(job: PdfJob, progress_stream: IO[str]) -> PdfResult:
    """Render ``job.html`` to ``job.target`` and stamp it."""
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
    with folder_lock(job.target.parent):  # the output and its stamp as one step
        atomic_write(job.target, result.data)
        OutputStamp(job.target).record(job.key, result.data)
    result.path = job.target
    result.seconds = time.monotonic() - started
    return result
