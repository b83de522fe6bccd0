"""The build façade: a checked plan and an edition to the files of one document (HTML,
PDF, the coordinators' workbook and the editable ODT and DOCX).

    outputs = build(plan, edition, Path("build"), on_output=report_output)

Everything is checked before anything is written (the PDF variant, the output folder).
An output whose inputs are unchanged (same plan, options, templates and versions; see
``stamps``) is not rendered again; the others are staged and replaced all together, or none
(see ``commit``). Nothing here prints: each output is handed to ``on_output`` once it is
settled (an unchanged one at once, the written ones after the commit), and the PDF's
progress goes to ``progress``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ntsplan.atomic import ensure_folder
from ntsplan.build import OUTPUT_KINDS
from ntsplan.build.commit import OutputBatch, finish_unfinished
from ntsplan.build.kinds.editable import EDITABLE_KINDS, editable_bytes, editable_options
from ntsplan.build.kinds.pdf import (
    DEFAULT_VARIANT,
    PdfJob,
    pdf_options,
    write_html,
    write_output,
    write_pdf,
)
from ntsplan.build.kinds.xlsx import workbook_key, write_workbook
from ntsplan.build.stamps import OutputStamp, cache_key, settings_key
from ntsplan.errors import UsageError
from ntsplan.link.model import Plan
from ntsplan.pdf.result import PdfResult
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import plan_metadata

if TYPE_CHECKING:
    from ntsplan.editable.document import EditableDocument
    from ntsplan.editable.styles import StyleSheet


@dataclass(frozen=True, slots=True)
class Output:
    """One output file: its ``kind`` (a name in ``OUTPUT_KINDS``), whether it was ``written`` or
    left as it was (unchanged inputs), and for a written PDF what the layout gave."""

    kind: str
    path: Path
    written: bool
    pdf: PdfResult | None = None


def build(
    plan: Plan,
    edition: Edition,
    out: Path,
    *,
    only: str | None = None,
    pdf_variant: str | None = None,
    jobs: int = 1,
    progress: IO[str] | None = None,
    on_output: Callable[[Output], None] | None = None,
    strict: bool = False,
    house_style: Path | None = None,
) -> list[Output]:
    """Write the outputs of ``edition`` (all of ``KINDS``, or ``only`` one) into ``out``.

    The PDF is tagged PDF/UA-1 unless ``pdf_variant`` names another standard. Its preflight
    findings come back with the PDF's ``Output``; with ``strict``, a finding keeps every
    output as it was (nothing is committed, each ``Output`` says ``written=False``).
    The PDF is rendered on ``jobs`` processes (see ``pdf.parallel``). The editable editions
    (odt, docx) take the house style ``house_style`` (ntsplan's own when None)."""
    kinds = [kind for kind in OUTPUT_KINDS if only in (None, kind)]
    if pdf_variant is not None:
        if "pdf" not in kinds:
            raise UsageError(f"--pdf-variant applies to the PDF, but --only {only} builds none")
        from ntsplan.pdf.weasy.document import check_variant  # noqa: PLC0415 - imports WeasyPrint

        check_variant(pdf_variant)
    variant = pdf_variant or DEFAULT_VARIANT
    ensure_folder(out)
    finish_unfinished(out)  # a killed build's commit, before outputs are judged

    from ntsplan.resources import assets_dir, templates_dir  # noqa: PLC0415

    metadata = plan_metadata(plan, language=edition.language, title_suffix=edition.title_suffix)
    options = {
        "language": edition.language,
        "rom": edition.rom or "",
        "valuechain": edition.valuechain or "",
        **pdf_options(metadata, variant, templates_dir()),
    }
    key = cache_key(plan, options, (templates_dir(),))
    keys = {kind: _key(kind, key, plan, options, house_style) for kind in kinds}
    tell = on_output or _ignore
    outputs: list[Output] = []
    stale: list[tuple[str, Path]] = []
    for kind in kinds:
        target = out / f"{edition.stem}.{kind}"
        if OutputStamp(target).is_fresh(keys[kind]):
            outputs.append(Output(kind, target, written=False))
            tell(outputs[-1])
        else:
            stale.append((kind, target))
    if not stale:
        return outputs
    html = ""
    if any(kind != "xlsx" for kind, _ in stale):
        from ntsplan.render import render_html  # noqa: PLC0415 - Jinja, only when rendering

        html = render_html(plan, edition)
    editable = (
        _editable_document(plan, edition, html, house_style)
        if any(kind in EDITABLE_KINDS for kind, _ in stale)
        else None
    )
    # Every output of this build is staged, then all are replaced together, or none.
    written: list[Output] = []
    with OutputBatch(out) as batch:
        for kind, target in stale:
            if kind == "xlsx":
                write_workbook(plan, edition, metadata, target=target, key=keys[kind], batch=batch)
                written.append(Output(kind, target, written=True))
            elif kind in EDITABLE_KINDS and editable is not None:
                write_output(editable_bytes(kind, *editable), target, keys[kind], batch)
                written.append(Output(kind, target, written=True))
            elif kind == "html":
                write_html(html, target, keys[kind], batch)
                written.append(Output(kind, target, written=True))
            else:
                job = PdfJob(
                    html=html,
                    target=target,
                    key=keys[kind],
                    metadata=metadata,
                    base_dir=templates_dir(),
                    asset_roots=(templates_dir(), assets_dir()),
                    variant=variant,
                    jobs=jobs,
                    settings_key=settings_key(options, (templates_dir(),)),
                    stem=edition.stem,
                )
                result = write_pdf(job, progress or io.StringIO(), batch)  # StringIO: no display
                written.append(Output(kind, target, written=True, pdf=result))
        if strict and any(o.pdf is not None and o.pdf.findings for o in written):
            # A print fault under --strict: the batch is dropped, every output stays as it was.
            return [*outputs, *(replace(o, written=False) for o in written)]
        batch.commit()
    for output in written:
        if output.pdf is not None:
            output.pdf.committed()
        tell(output)
    return [*outputs, *written]


def _key(
    kind: str, document_key: str, plan: Plan, options: dict[str, str], house_style: Path | None
) -> str:
    """The cache key of one output: the document's, or the workbook's or an editable
    edition's own (each adds what else changes its bytes)."""
    from ntsplan.resources import templates_dir  # noqa: PLC0415

    if kind == "xlsx":
        return workbook_key(plan, options)
    if kind in EDITABLE_KINDS:
        extra = {"output": kind, **editable_options(house_style)}
        return cache_key(plan, {**options, **extra}, (templates_dir(),))
    return document_key


def _editable_document(
    plan: Plan, edition: Edition, html: str, house_style: Path | None
) -> tuple[EditableDocument, StyleSheet]:
    """The editable editions' document and house style, read before anything is staged
    (a house style that cannot be used stops the build with nothing written)."""
    from ntsplan.editable import editable_document  # noqa: PLC0415
    from ntsplan.editable.styles import load_style_sheet  # noqa: PLC0415

    styles = load_style_sheet(house_style)
    return editable_document(plan, edition, html), styles


def _ignore(_: Output) -> None:
    return None
