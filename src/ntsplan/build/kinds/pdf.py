"""Make the plan's outputs and stage each, with its stamp (see ``stamps``), in the build's
``OutputBatch``, which replaces them all together at the end (see ``commit``).

WeasyPrint is imported only when a PDF is actually rendered, so a rebuild with nothing
changed stays fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ntsplan.build.commit import OutputBatch
from ntsplan.pdf.progress import Progress
from ntsplan.pdf.result import PdfResult
from ntsplan.plan.metadata import PdfMetadata, ensure_source_date_epoch

DEFAULT_VARIANT = "pdf/ua-1"
"""Tagged PDF (PDF/UA-1) unless ``--pdf-variant`` asks for another: Dutch government
publications must be accessible (WCAG 2.1 through EN 301 549), which for a PDF means PDF/UA."""


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One PDF to make: from which HTML, where to, with what metadata and options."""

    html: str
    target: Path
    key: str
    metadata: PdfMetadata
    base_dir: Path
    asset_roots: tuple[Path, ...]
    variant: str | None = DEFAULT_VARIANT
    jobs: int = 1
    """Processes to render with; 1 renders the whole document in this process."""
    settings_key: str = ""
    """The hash of the options, templates and versions, for the per-part cache."""
    stem: str = ""
    """The edition's file stem, to keep its parts apart in the cache."""


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


def write_html(html: str, target: Path, key: str, batch: OutputBatch) -> None:
    """Stage the HTML file and its stamp (the key of its inputs) in ``batch``."""
    write_output(html.encode("utf-8"), target, key, batch)


def write_output(data: bytes, target: Path, key: str, batch: OutputBatch) -> None:
    """Stage an output file and its stamp in ``batch``, which replaces all the build's
    outputs together at the end (see ``commit``)."""
    batch.add(target, data, key)


def write_pdf(job: PdfJob, progress_stream: IO[str], batch: OutputBatch) -> PdfResult:
    """Render ``job.html`` and stage it for ``job.target``, with its stamp, in ``batch``."""
    from ntsplan.pdf.preflight.chapter_end import short_chapters  # noqa: PLC0415
    from ntsplan.pdf.typeset import tighten  # noqa: PLC0415
    from ntsplan.pdf.weasy.document import render_pdf  # noqa: PLC0415
    from ntsplan.pdf.weasy.fetcher import AssetFetcher  # noqa: PLC0415 - imports WeasyPrint

    def render(html: str) -> PdfResult:
        result = _render_parallel(job, html, progress_stream) if job.jobs > 1 else None
        if result is None:
            with Progress(progress_stream) as progress:
                result = render_pdf(
                    html,
                    metadata=job.metadata,
                    fetcher=AssetFetcher(job.asset_roots),
                    base_dir=job.base_dir,
                    variant=job.variant,
                    progress=progress,
                )
        return result

    ensure_source_date_epoch(job.metadata.date)
    started = time.monotonic()
    result = render(job.html)
    # The rule for short chapter endings: the chapters that end with an almost empty page
    # are set tighter and the document laid out once more (pdf/preflight/chapter_end.py).
    short = short_chapters(result.findings)
    if short:
        result = render(tighten(job.html, short))
    batch.add(job.target, result.data, job.key)  # replaced with the others at the end
    result.path = job.target
    result.seconds = time.monotonic() - started
    return result


def _render_parallel(job: PdfJob, html: str, progress_stream: IO[str]) -> PdfResult | None:
    """The PDF rendered in parts on ``job.jobs`` processes; None when it cannot be cut."""
    from ntsplan.pdf.parallel.cache import PartCache  # noqa: PLC0415
    from ntsplan.pdf.parallel.pipeline import RenderSettings, render_parallel  # noqa: PLC0415
    from ntsplan.pdf.preflight.registry import after_layout  # noqa: PLC0415
    from ntsplan.pdf.typeset import prepare_for_print  # noqa: PLC0415

    cache = PartCache.for_output(job.target.parent, job.stem or job.target.stem)
    settings = RenderSettings(
        metadata=job.metadata,
        base_dir=job.base_dir,
        asset_roots=job.asset_roots,
        variant=job.variant,
        key=job.settings_key,
        after_layout=(after_layout,),
    )
    # No drawing thread while the workers are forked (see Progress.ticking).
    with Progress(progress_stream, ticking=False) as progress:
        done = render_parallel(
            prepare_for_print(html),
            settings,
            jobs=job.jobs,
            cache=cache,
            progress=progress.stage,
        )
    if done is None:
        return None
    return PdfResult(
        data=done.data,
        pages=done.pages,
        refused=done.refused,
        messages=done.messages,
        parts=done.parts,
        rendered=done.rendered,
        second_passes=done.second_passes,
        cache=cache,
        findings=sorted(done.checks, key=lambda finding: finding.page),
    )
