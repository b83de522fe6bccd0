"""HTML to PDF with WeasyPrint: safe fetching, metadata from the plan, no attachments.

This module imports WeasyPrint, which takes a good second; only the build command's PDF
path imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import weasyprint  # type: ignore[import-untyped]  # WeasyPrint has no type hints
from weasyprint.pdf import VARIANTS  # type: ignore[import-untyped]

from ntsplan.errors import UsageError
from ntsplan.pdf.preflight.registry import preflight
from ntsplan.pdf.progress import Progress
from ntsplan.pdf.result import PdfResult
from ntsplan.pdf.typeset import prepare_for_print
from ntsplan.pdf.weasy.fetcher import AssetFetcher, RefusedURLError
from ntsplan.pdf.weasy.tags import mark_languages
from ntsplan.plan.metadata import DocumentMetadata


def pdf_variants() -> list[str]:
    """The values ``--pdf-variant`` accepts: WeasyPrint's PDF/A, PDF/UA and PDF/X variants."""
    return sorted(name for name in VARIANTS if name != "debug")


def check_variant(variant: str | None) -> None:
    """Raise a usage error listing the valid variants when ``variant`` is not one."""
    if variant is not None and variant not in pdf_variants():
        raise UsageError(
            f"unknown PDF variant '{variant}'",
            hint="valid variants: " + ", ".join(pdf_variants()),
        )


def render_pdf(
    html: str,
    *,
    metadata: DocumentMetadata,
    fetcher: AssetFetcher,
    base_dir: Path,
    variant: str | None = None,
    progress: Progress | None = None,
) -> PdfResult:
    """Lay out ``html`` and return the PDF's bytes.

    Relative URLs resolve against ``base_dir``; ``fetcher`` decides what may be read.
    The HTML is typeset for print first (``typeset``: suspended compounds kept together,
    no Dutch word split just before a trema). The preflight checks the laid-out pages;
    its findings come with the bytes.
    Metadata comes from ``metadata`` (the plan), overriding whatever the HTML says, and
    attachments are dropped whatever the HTML asks for.
    """
    check_variant(variant)
    stage = progress.stage if progress else _ignore
    with collect_messages() as messages:
        stage("parsing HTML")
        document = _lay_out(prepare_for_print(html), base_dir, fetcher, variant)
        apply_metadata(document, metadata)
        drop_attachments(document)
        pages = len(document.pages)
        stage(f"checking the layout ({pages} pages)")
        findings = preflight(document.pages)
        stage(f"writing PDF ({pages} pages)")
        mark_languages()
        data = document.write_pdf(pdf_variant=variant, attachments=None)
    assert isinstance(data, bytes)  # write_pdf without a target returns the bytes
    return PdfResult(
        data=data,
        pages=pages,
        refused=list(fetcher.refused),
        messages=messages,
        findings=findings,
    )


def _lay_out(
    html: str, base_dir: Path, fetcher: AssetFetcher, variant: str | None
) -> weasyprint.Document:
    source = weasyprint.HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher)
    return source.render(pdf_variant=variant)


def apply_metadata(document: weasyprint.Document, metadata: DocumentMetadata) -> None:
    info = document.metadata
    info.title = metadata.title
    info.authors = list(metadata.authors)
    info.lang = metadata.language
    info.created = metadata.w3c_date
    info.modified = metadata.w3c_date
    info.generator = metadata.generator
    info.description = None
    info.keywords = []
    info.custom = {}


def drop_attachments(document: weasyprint.Document) -> None:
    """Remove ``<link rel=attachment>`` and ``<a rel=attachment>`` files.

    The fetcher already refuses local files, but an attachment would also stamp the
    clock's time into the PDF; the plan never needs one.
    """
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


@contextmanager
def collect_messages() -> Iterator[list[str]]:
    """Gather WeasyPrint's errors (resources it could not load) for the build to report.

    Its warnings are about ntsplan's own stylesheets (a property WeasyPrint ignores), not
    about the user's data; they are left out so an editor sees only what matters.
    """
    messages: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR and not record.name.endswith(".progress"):
                text = record.getMessage()
                # Refused URLs are reported from the fetcher's own list, in plain words.
                if RefusedURLError.__name__ not in text and text not in messages:
                    messages.append(text)

    logger = logging.getLogger("weasyprint")
    handler = Collector(level=logging.ERROR)
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _ignore(_: str) -> None:
    return None
