"""The coordinators' workbook: the plan's activities, budgets and KPIs as an .xlsx file.

``workbook_content`` gathers the sheets from the linked plan (or a slice of it) and the
budget roll-up (``ntsplan.plan.rollup``, the computation the document uses too); ``write_xlsx``
in ``xlsx`` turns them into bytes with XlsxWriter, imported only when a workbook is written.

Sheets: Activities (one row per activity, with the budget spread per year as formulas),
Budgets (the roll-up's views as formulas over Activities), KPIs, Parties, Completeness.
"""

from __future__ import annotations

from ntsplan.link.model import Plan
from ntsplan.plan.formatting import format_date
from ntsplan.plan.labels import load_labels
from ntsplan.plan.metadata import PdfMetadata
from ntsplan.plan.rollup import ActivityFilter, rollup
from ntsplan.schema import Status
from ntsplan.workbook.activities import activities_sheet, kpis_sheet, layout
from ntsplan.workbook.budgets import budgets_sheet
from ntsplan.workbook.model import PrintSetup, Properties, WorkbookContent
from ntsplan.workbook.register import completeness_sheet, parties_sheet

__all__ = ["WorkbookContent", "workbook_bytes", "workbook_content"]


def workbook_content(
    plan: Plan,
    metadata: PdfMetadata,
    *,
    language: str,
    whole_plan: bool = True,
    where: ActivityFilter | None = None,
) -> WorkbookContent:
    """The workbook of ``plan`` (the whole plan, or a slice's plan with ``whole_plan``
    False), with labels in ``language`` and the document properties of ``metadata``.

    ``where`` chooses the activities of the Activities, Budgets and KPIs sheets, as it does
    for the document's roll-up (a ROM's slice: ``involving_rom``, the activities it owns
    or joins); Parties and Completeness cover the plan's value chains whole.
    """
    labels = load_labels(language)
    lay = layout(plan, labels, where)
    properties = Properties(
        title=metadata.title,
        author=", ".join(metadata.authors),
        subject=f"{labels.text('cover.edition')} {plan.info.edition}",
        date=metadata.date,
        language=language,
        comments=labels.text("document.generator"),
    )
    sheets = (
        activities_sheet(plan, lay, labels),
        budgets_sheet(plan, rollup(plan, where), lay, labels),
        kpis_sheet(plan, lay, labels),
        parties_sheet(plan, labels),
        completeness_sheet(plan, labels, whole_plan=whole_plan),
    )
    info = plan.info
    status = labels.text(f"status.{info.status.value}")
    running = labels.text("document.status_running").format(
        status=status[:1].upper() + status[1:], edition=info.edition
    )
    print_setup = PrintSetup(
        title=metadata.title,
        edition=f"{labels.text('cover.edition')} {info.edition} · {format_date(info.date, labels)}",
        status=None if info.status is Status.FINAL else running,
        page_of=" ".join(
            (labels.text("document.page"), "{page}", labels.text("document.page_of"), "{pages}")
        ),
    )
    return WorkbookContent(properties, sheets, labels, print_setup)


def workbook_bytes(
    plan: Plan,
    metadata: PdfMetadata,
    *,
    language: str,
    whole_plan: bool = True,
    where: ActivityFilter | None = None,
) -> bytes:
    """The .xlsx file of ``workbook_content`` as bytes."""
    from ntsplan.workbook.xlsx import write_xlsx  # noqa: PLC0415 - imports XlsxWriter

    content = workbook_content(
        plan, metadata, language=language, whole_plan=whole_plan, where=where
    )
    return write_xlsx(content)
