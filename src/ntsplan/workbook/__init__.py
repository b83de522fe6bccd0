"""The coordinators' workbook: the plan's activities, budgets and KPIs as an .xlsx file.

``workbook_content`` gathers the sheets from the linked plan (or a slice of it) and the
budget roll-up (``ntsplan.plan.rollup``, the computation the document uses too); ``write_xlsx``
in ``xlsx`` turns them into bytes with XlsxWriter, imported only when a workbook is written.

Sheets: Activities (one row per activity, with the budget spread per year as formulas),
Budgets (the roll-up's views as formulas over Activities), KPIs, Parties, Completeness,
and the very hidden ``ntsplan`` sheet of ``provenance`` that ``ntsplan import`` reads.
"""

from __future__ import annotations

import dataclasses

from ntsplan.link.model import Plan
from ntsplan.plan.formatting import format_date
from ntsplan.plan.labels import Labels, load_labels
from ntsplan.plan.metadata import DocumentMetadata
from ntsplan.plan.rollup import ActivityFilter, rollup
from ntsplan.schema import Activity, Status
from ntsplan.workbook.activities import (
    FIXED_COLUMNS,
    KEY_COLUMN,
    KPI_COLUMNS,
    activities_sheet,
    kpis_sheet,
    layout,
)
from ntsplan.workbook.budgets import budgets_sheet
from ntsplan.workbook.model import PrintSetup, Properties, Sheet, WorkbookContent
from ntsplan.workbook.provenance import (
    Provenance,
    ProvenanceRow,
    SheetManifest,
    activity_hash,
    kpi_hash,
    written_cells,
)
from ntsplan.workbook.register import completeness_sheet, parties_sheet

__all__ = ["WorkbookContent", "workbook_bytes", "workbook_content"]


def _scope(plan: Plan, edition: str, labels: Labels) -> str | None:
    """What a slice's workbook covers, in words; None for the whole plan."""
    kind, _, ident = edition.partition(":")
    if kind == "rom" and ident in plan.roms:
        return labels.text("workbook.budgets.scope_rom").format(name=plan.roms[ident].short)
    if kind == "valuechain" and ident in plan.valuechains:
        title = plan.valuechains[ident].title
        shown = title.pick(labels.language, plan.info.language.value)[0]
        return labels.text("workbook.budgets.scope_valuechain").format(name=shown)
    return None


def workbook_content(
    plan: Plan,
    metadata: DocumentMetadata,
    *,
    language: str,
    whole_plan: bool = True,
    where: ActivityFilter | None = None,
    edition: str = "plan",
) -> WorkbookContent:
    """The workbook of ``plan`` (the whole plan, or a slice's plan with ``whole_plan``
    False), with labels in ``language`` and the document properties of ``metadata``.

    ``where`` chooses the activities of the Activities, Budgets and KPIs sheets, as it does
    for the document's roll-up (a ROM's slice: ``involving_rom``, the activities it owns
    or joins); Parties and Completeness cover the plan's value chains whole. ``edition``
    names the edition in the provenance sheet ('plan', 'rom:noord', 'valuechain:medtech').
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
    activities = activities_sheet(plan, lay, labels)
    kpis = kpis_sheet(plan, lay, labels)
    sheets = (
        activities,
        budgets_sheet(plan, rollup(plan, where), lay, labels, _scope(plan, edition, labels)),
        kpis,
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
    provenance = _provenance(lay.activities, activities, kpis, language, edition)
    provenance = dataclasses.replace(provenance, names=tuple(sheet.name for sheet in sheets))
    return WorkbookContent(properties, sheets, labels, print_setup, provenance)


def _manifest(sheet: Sheet, keys: list[str]) -> SheetManifest:
    """The sheet's name and the headers of the columns the import reads (and the key's)."""
    columns = {key: column.header for key, column in zip(keys, sheet.columns, strict=False)}
    key = {KEY_COLUMN: sheet.columns[-1].header}
    return SheetManifest(sheet.name, {**columns, **key}, sheet.total_label)


def _provenance(
    shown: tuple[tuple[str, Activity], ...],
    activities: Sheet,
    kpis: Sheet,
    language: str,
    edition: str,
) -> Provenance:
    """The provenance of the Activities and KPIs rows: key, hash of the YAML data, cells."""
    activity_keys = [key for key, _, _ in FIXED_COLUMNS]
    kpi_keys = [key for key, _, _ in KPI_COLUMNS]
    rows: list[ProvenanceRow] = []
    for (_, activity), cells in zip(shown, activities.rows, strict=True):
        key = cells[-1]
        assert isinstance(key, str)
        rows.append(
            ProvenanceRow(key, activity_hash(activity), written_cells(activity_keys, cells))
        )
    all_kpis = [kpi for _, activity in shown for kpi in activity.kpis]
    for kpi, cells in zip(all_kpis, kpis.rows, strict=True):
        key = cells[-1]
        assert isinstance(key, str)
        rows.append(ProvenanceRow(key, kpi_hash(kpi), written_cells(kpi_keys, cells)))
    return Provenance(
        language=language,
        edition=edition,
        activities=_manifest(activities, activity_keys),
        kpis=_manifest(kpis, kpi_keys),
        rows=tuple(rows),
    )


def workbook_bytes(
    plan: Plan,
    metadata: DocumentMetadata,
    *,
    language: str,
    whole_plan: bool = True,
    where: ActivityFilter | None = None,
    edition: str = "plan",
) -> bytes:
    """The .xlsx file of ``workbook_content`` as bytes."""
    from ntsplan.workbook.xlsx import write_xlsx  # noqa: PLC0415 - imports XlsxWriter

    content = workbook_content(
        plan, metadata, language=language, whole_plan=whole_plan, where=where, edition=edition
    )
    return write_xlsx(content)
