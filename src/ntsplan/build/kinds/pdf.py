"""The PDF: the HTML typeset for print and laid out by WeasyPrint, in one process or in
parts on several (``pdf.parallel``), with the preflight's findings of the laid-out pages.

WeasyPrint is imported only inside ``make`` and ``check``, so a rebuild with nothing
changed stays fast.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import IO

from ntsplan.build.kinds.base import BuildInputs, Made, OutputKind
from ntsplan.build.stamps import settings_key
from ntsplan.pdf.progress import Progress
from ntsplan.pdf.result import PdfResult
from ntsplan.pdf.weasy import parallel_refusal
from ntsplan.plan.metadata import DocumentMetadata, ensure_source_date_epoch

DEFAULT_VARIANT = "pdf/ua-1"
"""Tagged PDF (PDF/UA-1) unless ``--pdf-variant`` asks for another: Dutch government
publications must be accessible (WCAG 2.1 through EN 301 549), which for a PDF means PDF/UA."""


def pdf_options(metadata: DocumentMetadata, variant: str | None, base_dir: Path) -> dict[str, str]:
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


class PdfOutput(OutputKind):
    """The printable, tagged PDF that goes to the ministry."""

    name = "pdf"
    description = "the PDF"

    def check(self, inputs: BuildInputs) -> None:
        if inputs.pdf_variant != DEFAULT_VARIANT:
            from ntsplan.pdf.weasy.document import check_variant  # noqa: PLC0415 - WeasyPrint

            check_variant(inputs.pdf_variant)

    def make(self, inputs: BuildInputs, target: Path) -> Made:
        ensure_source_date_epoch(inputs.metadata.date)
        started = time.monotonic()
        stream = inputs.progress or io.StringIO()  # StringIO: no display
        from ntsplan.pdf.preflight.chapter_end import short_chapters  # noqa: PLC0415
        from ntsplan.pdf.typeset import tighten  # noqa: PLC0415

        refusal = parallel_refusal() if inputs.jobs > 1 else None

        def render(html: str) -> PdfResult:
            parallel = inputs.jobs > 1 and not refusal
            result = _render_parallel(inputs, html, target, stream) if parallel else None
            if result is None:
                result = _render_whole(inputs, html, stream)
                if refusal:
                    result.messages.insert(0, refusal)
            return result

        html = inputs.html()
        result = render(html)
        # The rule for short chapter endings: the chapters that end with an almost empty
        # page are set tighter and the document laid out once more (one process and
        # parallel parts choose the same chapters: see pdf/preflight/chapter_end.py).
        short = short_chapters(result.findings)
        if short:
            result = render(tighten(html, short))
            # Still short when set tight (a chapter of tables, whose rows tight spacing
            # barely moves): smaller table text too, and one more layout.
            still = short_chapters(result.findings) & short
            if still:
                result = render(tighten(html, short, tighter=still))
        result.path = target
        result.seconds = time.monotonic() - started
        return Made(result.data, pdf=result)


def _render_whole(inputs: BuildInputs, html: str, stream: IO[str]) -> PdfResult:
    """The PDF rendered in this process, as one document."""
    with inputs.timings.phase("import WeasyPrint"):
        from ntsplan.pdf.weasy.document import render_pdf  # noqa: PLC0415 - imports WeasyPrint
        from ntsplan.pdf.weasy.fetcher import AssetFetcher  # noqa: PLC0415

    with Progress(stream) as progress:
        return render_pdf(
            html,
            metadata=inputs.metadata,
            fetcher=AssetFetcher((inputs.templates, inputs.assets)),
            base_dir=inputs.templates,
            variant=inputs.pdf_variant,
            progress=progress,
            timings=inputs.timings,
        )


def _render_parallel(
    inputs: BuildInputs, html: str, target: Path, stream: IO[str]
) -> PdfResult | None:
    """The PDF rendered in parts on ``inputs.jobs`` processes; None when it cannot be cut
    (or when the installed WeasyPrint is not the one the parallel layout was checked
    against: see ``pdf.weasy``)."""
    timings = inputs.timings
    with timings.phase("import WeasyPrint"):
        from ntsplan.pdf.parallel.cache import PartCache  # noqa: PLC0415 - imports WeasyPrint
        from ntsplan.pdf.parallel.pipeline import RenderSettings, render_parallel  # noqa: PLC0415
        from ntsplan.pdf.preflight.registry import after_layout  # noqa: PLC0415
        from ntsplan.pdf.typeset import prepare_for_print  # noqa: PLC0415

    cache = PartCache.for_output(target.parent, inputs.edition.stem or target.stem)
    settings = RenderSettings(
        metadata=inputs.metadata,
        base_dir=inputs.templates,
        asset_roots=(inputs.templates, inputs.assets),
        variant=inputs.pdf_variant,
        key=settings_key(inputs.options, (inputs.templates,)),
        after_layout=(after_layout,),
    )
    # No drawing thread while the workers are forked (see Progress.ticking).
    with Progress(stream, ticking=False) as progress:
        with timings.phase("typeset"):
            printable = prepare_for_print(html)
        done = render_parallel(
            printable,
            settings,
            jobs=inputs.jobs,
            cache=cache,
            progress=progress.stage,
            timings=timings,
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
        renumbered=done.renumbered,
        on_commit=cache.flush,
        findings=sorted(done.checks, key=lambda finding: finding.page),
    )
