"""The KPIs sheet's rows: edits of each KPI, new KPI rows appended to their activity,
deleted rows named."""

from __future__ import annotations

from typing import Any

from ntsplan.importing import cells as parse
from ntsplan.importing.cells import CellError
from ntsplan.importing.changes import APPEND, BAD, KPI_EDITABLE, KPI_FIELDS, REMOVE, Edit, RowReader
from ntsplan.importing.workbook import ReadCell, ReturnedRow, ReturnedSheet
from ntsplan.workbook.provenance import kpi_hash


class KpiRows(RowReader):
    """Reads the KPIs sheet."""

    def read(self) -> None:
        """Every row's edits, and the problems with them."""
        sheet = self.book.kpis
        seen = {row.key for row in sheet.rows if row.key is not None}
        for row, original in self.grouped(sheet):
            if not original:
                self.new_kpi(sheet, row)
                continue
            assert row.key is not None
            written = self.book.written[row.key]
            edited = self.edited_columns(row, written.cells)
            if not edited or not self.check_row(sheet, row, edited, KPI_EDITABLE):
                continue
            wanted = [k for k in edited if k in KPI_EDITABLE]
            if not wanted:
                continue
            owner, _, place_text = row.key.partition("#")
            chain_id, _, activity_id = owner.partition("/")
            activity = self.activity_of(chain_id, activity_id)
            place = int(place_text) if place_text.isdigit() else 0
            if activity is None or not 1 <= place <= len(activity.kpis):
                self.at_row(
                    sheet,
                    row.row,
                    "row-gone",
                    f"KPI {row.key} is no longer in the YAML (removed since the workbook was "
                    "made); carry this row's edits over by hand",
                    warning=True,
                )
                continue
            kpi = activity.kpis[place - 1]
            if kpi_hash(kpi) != written.hash and not self.force:
                self.conflict(sheet, row, row.key, wanted)
                continue
            values = self.kpi_values(sheet, row, wanted)
            if values is None:
                continue
            current = kpi.model_dump()
            for key in wanted:
                new, old = values.get(key), current.get(key)
                path: tuple[str | int, ...] = ("kpis", place - 1, key)
                if isinstance(old, dict):
                    # Text in both languages: the workbook shows (and changes) its own.
                    old = old.get(self.book.language)
                    path = (*path, self.book.language)
                if new == old:
                    continue
                edit_value = REMOVE if new is None else new
                self.changes.add(
                    chain_id, activity_id, Edit(path, edit_value, sheet.name, row.cell(key))
                )
        for key in self.book.written:
            if "#" in key and key not in seen:
                self.deleted(sheet, key, "KPI")

    def kpi_values(
        self, sheet: ReturnedSheet, row: ReturnedRow, wanted: list[str] | None
    ) -> dict[str, Any] | None:
        """The KPI's values from its row (every field for a new row), or None after a
        problem."""
        keys = list(KPI_FIELDS) if wanted is None else wanted
        values: dict[str, Any] = {}
        ok = True
        for key in keys:
            cell = row.cell(key)
            if key in {"indicator", "unit"}:
                value = self.parsed(sheet, row, key, parse.text)
            elif key == "year":
                value = self.parsed(sheet, row, key, _target_year)
            else:
                value = self.parsed(sheet, row, key, lambda c, k=key: parse.number(c, f"the {k}"))
            if value is BAD:
                ok = False
                continue
            if value is None and key != "baseline":
                what = self.header_words(sheet).get(key, key)
                self.problem(
                    sheet.name,
                    cell,
                    "cell-required",
                    f"a KPI needs a value in '{what}'; write it (to delete a KPI, delete it in "
                    "the YAML)",
                )
                ok = False
                continue
            values[key] = value
        return values if ok else None

    def new_kpi(self, sheet: ReturnedSheet, row: ReturnedRow) -> None:
        chain_id = parse.text(row.cell("chain_id")) if not row.cell("chain_id").formula else None
        activity_id = (
            parse.text(row.cell("activity_id")) if not row.cell("activity_id").formula else None
        )
        activity = self.activity_of(chain_id or "", activity_id or "")
        if activity is None or chain_id is None:
            self.problem(
                sheet.name,
                row.cell("activity_id" if chain_id else "chain_id"),
                "kpi-unknown-activity",
                f"a new KPI row names the activity '{chain_id or ''}/{activity_id or ''}', "
                "which the plan does not have; copy the value chain id and activity id from "
                "the activity's row on the Activities sheet",
            )
            return
        values = self.kpi_values(sheet, row, None)
        if values is None:
            return
        kpi = {k: values[k] for k in KPI_FIELDS if values.get(k) is not None}
        self.changes.add(
            chain_id, activity.id, Edit(("kpis", APPEND), kpi, sheet.name, row.cell("indicator"))
        )


def _target_year(cell: ReadCell) -> int | None:
    try:
        return parse.year(cell, "the year")
    except CellError as error:
        raise CellError("cell-bad-number", error.message) from error
