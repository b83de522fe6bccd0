"""The Activities sheet's rows: status, period and budget edits of each activity, new
activity rows listed (never written), deleted rows named."""

from __future__ import annotations

import math
from typing import Any

from ntsplan.importing import cells as parse
from ntsplan.importing.changes import (
    ACTIVITY_EDITABLE,
    BAD,
    BUDGET_COLUMNS,
    PERIOD_COLUMNS,
    REMOVE,
    Edit,
    RowReader,
)
from ntsplan.importing.workbook import ReturnedRow, ReturnedSheet
from ntsplan.schema import Activity
from ntsplan.schema.base import Quarter
from ntsplan.workbook.provenance import activity_hash


class ActivityRows(RowReader):
    """Reads the Activities sheet."""

    def read(self) -> None:
        """Every row's edits, and the problems with them."""
        sheet = self.book.activities
        seen = {row.key for row in sheet.rows if row.key is not None}
        for row, original in self.grouped(sheet):
            if not original:
                self.new_activity(sheet, row)
                continue
            assert row.key is not None
            written = self.book.written[row.key]
            edited = self.edited_columns(row, written.cells)
            if not edited or not self.check_row(sheet, row, edited, ACTIVITY_EDITABLE):
                continue
            wanted = [k for k in edited if k in ACTIVITY_EDITABLE]
            if not wanted:
                continue
            chain_id, _, activity_id = row.key.partition("/")
            activity = self.activity_of(chain_id, activity_id)
            if activity is None:
                self.at_row(
                    sheet,
                    row.row,
                    "row-gone",
                    f"{row.key} is no longer in the YAML (removed or renamed since the "
                    "workbook was made); carry this row's edits over by hand",
                    warning=True,
                )
                continue
            if activity_hash(activity) != written.hash and not self.force:
                self.conflict(sheet, row, row.key, wanted)
                continue
            self.activity_edits(sheet, row, chain_id, activity, wanted)
        for key in self.book.written:
            if "#" not in key and key not in seen:
                self.deleted(sheet, key, "activity")

    def new_activity(self, sheet: ReturnedSheet, row: ReturnedRow) -> None:
        chain = row.cell("chain_id").value or row.cell("chain").value or "?"
        title = row.cell("title").value or row.cell("id").value or "(no title)"
        self.at_row(
            sheet,
            row.row,
            "activity-added",
            f"a new activity ('{title}', value chain {chain}) is not written into the YAML; "
            f"write it into valuechains/{chain}.yaml, then build a new workbook",
            warning=True,
        )

    def activity_edits(
        self,
        sheet: ReturnedSheet,
        row: ReturnedRow,
        chain_id: str,
        activity: Activity,
        wanted: list[str],
    ) -> None:
        add = self.changes.add
        name = sheet.name
        if "status" in wanted:
            status = self.parsed(
                sheet, row, "status", lambda c: parse.choice(c, "the status", *self.status)
            )
            if status is None:
                self.problem(
                    name,
                    row.cell("status"),
                    "cell-required",
                    f"the status is empty; write one of: {', '.join(self.status[1])}",
                )
            elif status is not BAD and status != activity.status.value:
                add(chain_id, activity.id, Edit(("status",), status, name, row.cell("status")))
        if any(k in wanted for k in PERIOD_COLUMNS):
            self.period(sheet, row, chain_id, activity)
        if any(k in wanted for k in BUDGET_COLUMNS):
            self.budget(sheet, row, chain_id, activity, wanted)

    def period(
        self, sheet: ReturnedSheet, row: ReturnedRow, chain_id: str, activity: Activity
    ) -> None:
        name = sheet.name
        words = {
            "start_year": "the start year",
            "start_quarter": "the start quarter",
            "end_year": "the end year",
            "end_quarter": "the end quarter",
        }
        values = {
            key: self.parsed(
                sheet,
                row,
                key,
                (lambda c, w=words[key]: parse.year(c, w))
                if key.endswith("year")
                else (lambda c, w=words[key]: parse.quarter(c, w)),
            )
            for key in PERIOD_COLUMNS
        }
        if any(v is BAD for v in values.values()):
            return
        sy, sq, ey, eq = (values[k] for k in PERIOD_COLUMNS)
        current = activity.period
        if sy is None and ey is None and sq is None and eq is None:
            if current is not None:
                self.problem(
                    name,
                    row.cell("start_year"),
                    "cell-required",
                    f"the period's cells were cleared; clearing does not remove the period "
                    f"({current.start} to {current.end}) from the YAML: write the years back, "
                    "or remove the period in the YAML",
                )
            return
        for key, value in (("start_year", sy), ("end_year", ey)):
            if value is None:
                self.problem(
                    name,
                    row.cell(key),
                    "cell-bad-period",
                    f"{words[key]} is empty; a period needs a start year and an end year "
                    "(quarters may be empty)",
                )
                return
        start = _start(sy, sq, current.start if current else None)
        end = _end(ey, eq, current.end if current else None)
        if end.last < start.first:
            self.problem(
                name,
                row.cell("end_year"),
                "cell-bad-period",
                f"the period ends ({end}) before it starts ({start}); write an end that is "
                "the same as or later than the start",
            )
            return
        add = self.changes.add
        if current is None:
            value = {"start": _quarter_value(start), "end": _quarter_value(end)}
            add(chain_id, activity.id, Edit(("period",), value, name, row.cell("start_year")))
            return
        if start.first != current.start.first:
            cell = row.cell("start_year" if start.year != current.start.year else "start_quarter")
            add(chain_id, activity.id, Edit(("period", "start"), _quarter_value(start), name, cell))
        if end.last != current.end.last:
            cell = row.cell("end_year" if end.year != current.end.year else "end_quarter")
            add(chain_id, activity.id, Edit(("period", "end"), _quarter_value(end), name, cell))

    def budget(
        self,
        sheet: ReturnedSheet,
        row: ReturnedRow,
        chain_id: str,
        activity: Activity,
        wanted: list[str],
    ) -> None:
        name = sheet.name
        amount = self.parsed(
            sheet, row, "amount", lambda c: parse.number(c, "the amount", minimum=0)
        )
        status = self.parsed(
            sheet,
            row,
            "budget_status",
            lambda c: parse.choice(c, "the budget status", *self.budget_status),
        )
        source = self.parsed(sheet, row, "funding", parse.text)
        if BAD in (amount, status, source):
            return
        budget = activity.budget
        add = self.changes.add
        statuses = ", ".join(self.budget_status[1])
        if budget is None:
            if amount is None and status is None and source is None:
                return
            if amount is None:
                self.problem(
                    name,
                    row.cell("amount"),
                    "cell-required",
                    "the activity has no budget yet; write its amount here too",
                )
                return
            if status is None:
                self.problem(
                    name,
                    row.cell("budget_status"),
                    "cell-required",
                    f"a new budget needs a budget status; write one of: {statuses}",
                )
                return
            value: dict[str, Any] = {"amount": amount, "status": status}
            if source is not None:
                value["source"] = source
            add(chain_id, activity.id, Edit(("budget",), value, name, row.cell("amount")))
            return
        if "amount" in wanted:
            if amount is None:
                self.problem(
                    name,
                    row.cell("amount"),
                    "cell-required",
                    f"the amount was cleared; clearing does not remove the budget from the "
                    f"YAML: write an amount (it was {budget.amount:g}), or remove the budget "
                    "in the YAML",
                )
            elif not math.isclose(amount, budget.amount, rel_tol=0, abs_tol=1e-9):
                add(
                    chain_id,
                    activity.id,
                    Edit(("budget", "amount"), amount, name, row.cell("amount")),
                )
        if "budget_status" in wanted:
            if status is None:
                self.problem(
                    name,
                    row.cell("budget_status"),
                    "cell-required",
                    f"the budget status is empty; write one of: {statuses}",
                )
            elif status != budget.status.value:
                add(
                    chain_id,
                    activity.id,
                    Edit(("budget", "status"), status, name, row.cell("budget_status")),
                )
        if "funding" in wanted and source != budget.source:
            value_or_remove = REMOVE if source is None else source
            add(
                chain_id,
                activity.id,
                Edit(("budget", "source"), value_or_remove, name, row.cell("funding")),
            )

    # -- KPIs -------------------------------------------------------------------------


def _start(year: int, quarter: int | None, current: Quarter | None) -> Quarter:
    """The start as the YAML should say it: a year alone where the quarter is empty, or
    is the first and the YAML said a year alone."""
    if quarter is None or (quarter == 1 and (current is None or current.quarter is None)):
        return Quarter(year)
    return Quarter(year, quarter)


def _end(year: int, quarter: int | None, current: Quarter | None) -> Quarter:
    """The end as the YAML should say it (the last quarter stands for the year alone)."""
    if quarter is None or (quarter == 4 and (current is None or current.quarter is None)):
        return Quarter(year)
    return Quarter(year, quarter)


def _quarter_value(value: Quarter) -> int | str:
    """A period's end as YAML holds it: 2026 or '2026-Q3'."""
    return value.year if value.quarter is None else str(value)
