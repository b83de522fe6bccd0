"""What the person changed in a returned workbook, as edits to the plan's activities.

A row's cells are compared with its cells as ntsplan wrote them (the provenance sheet),
not with the YAML of now: so a cell nobody touched is never an edit, even when the YAML
changed since. A row with edits whose YAML changed since (its hash differs) is a conflict
and is left out, unless ``force``. Rows are found by their hidden key, so sorting,
filtering and moving rows changes nothing.

Editable columns (``ACTIVITY_EDITABLE``, ``KPI_EDITABLE``): an activity's period (four
cells), status, amount, budget status and funding source; a KPI's indicator, unit,
baseline, target and year; and new KPI rows. An edit elsewhere is a warning
(``read-only-cell``); a new activity row is listed (``activity-added``), never written; a
deleted row is named (``row-deleted``), never deleted from the YAML.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ntsplan.importing import cells as parse
from ntsplan.importing.cells import CellError
from ntsplan.importing.workbook import ReadCell, ReturnedRow, ReturnedSheet, ReturnedWorkbook
from ntsplan.link.model import Plan
from ntsplan.plan.labels import load_labels
from ntsplan.problems import Problem, Severity
from ntsplan.schema import Activity, ActivityStatus, BudgetStatus
from ntsplan.schema.base import Quarter
from ntsplan.workbook.activities import KEY_COLUMN
from ntsplan.workbook.provenance import activity_hash, kpi_hash

PERIOD_COLUMNS = ("start_year", "start_quarter", "end_year", "end_quarter")
BUDGET_COLUMNS = ("amount", "budget_status", "funding")
ACTIVITY_EDITABLE = frozenset({*PERIOD_COLUMNS, "status", *BUDGET_COLUMNS})
KPI_FIELDS = ("indicator", "unit", "baseline", "target", "year")
KPI_EDITABLE = frozenset(KPI_FIELDS)
_IDS = {"chain_id", "id", "activity_id"}
REMOVE = object()
"""The value of an ``Edit`` that removes the key at its path."""
APPEND = "+"
"""The last step of an ``Edit`` path that appends an item to the list before it."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to an activity: the path inside the activity (``("budget", "amount")``,
    ``("kpis", 0, "target")``, ``("kpis", "+")`` to append a KPI), the new value (a
    mapping for a new part; ``REMOVE`` to remove it) and the cell it comes from."""

    path: tuple[str | int, ...]
    value: Any
    sheet: str
    cell: ReadCell


@dataclass(slots=True)
class Changes:
    """The edits per activity (by chain id and activity id) and the problems found."""

    edits: dict[tuple[str, str], list[Edit]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, chain_id: str, activity_id: str, edit: Edit) -> None:
        self.edits.setdefault((chain_id, activity_id), []).append(edit)


def _choices(kind: str, values: list[str]) -> tuple[dict[str, str], list[str]]:
    words: dict[str, str] = {}
    shown: list[str] = []
    for language in ("nl", "en"):
        labels = load_labels(language)
        for value in values:
            word = labels.text(f"{kind}.{value}")
            words.setdefault(word.casefold(), value)
            if language == "nl":
                shown.append(word)
    for value in values:
        words.setdefault(value.casefold(), value)
    return words, shown


def _same(read: ReadCell, written: Any) -> bool:
    """Whether a cell still holds what ntsplan wrote."""
    if read.formula:
        return False
    value = read.value
    if read.empty:
        return written is None or written == ""
    if isinstance(value, bool) or isinstance(written, bool):
        return bool(value == written)
    if isinstance(value, int | float) and isinstance(written, int | float):
        return math.isclose(value, written, rel_tol=1e-12, abs_tol=1e-9)
    if isinstance(value, str) and isinstance(written, str):
        return value.strip() == written.strip()
    return False


class _Finder:
    def __init__(self, book: ReturnedWorkbook, plan: Plan, *, force: bool) -> None:
        self.book = book
        self.plan = plan
        self.force = force
        self.changes = Changes()
        self.status = _choices("activity_status", [s.value for s in ActivityStatus])
        self.budget_status = _choices("budget_status", [s.value for s in BudgetStatus])

    # -- problems ---------------------------------------------------------------------

    def problem(
        self, sheet: str, cell: ReadCell, code: str, message: str, *, warning: bool = False
    ) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.changes.problems.append(
            Problem(self.book.file, cell.row, cell.column, code, message, severity, sheet=sheet)
        )

    def at_row(
        self, sheet: ReturnedSheet, row: int, code: str, message: str, *, warning: bool
    ) -> None:
        severity = Severity.WARNING if warning else Severity.ERROR
        self.changes.problems.append(
            Problem(self.book.file, row, 1, code, message, severity, sheet=sheet.name)
        )

    # -- rows -------------------------------------------------------------------------

    def grouped(self, sheet: ReturnedSheet) -> Iterator[tuple[ReturnedRow, bool]]:
        """Each row with whether it is the row ntsplan wrote for its key (False: a new
        row, or a changed copy of a row whose original is also there)."""
        by_key: dict[str, list[ReturnedRow]] = {}
        for row in sheet.rows:
            if row.key is not None and row.key in self.book.written:
                by_key.setdefault(row.key, []).append(row)
        for row in sheet.rows:
            if row.key is None or row.key not in self.book.written:
                yield row, False
                continue
            group = by_key[row.key]
            if len(group) == 1:
                yield row, True
                continue
            written = self.book.written[row.key].cells
            unchanged = [r for r in group if not self.edited_columns(r, written)]
            if not unchanged:
                if row is not group[0]:
                    first = group[0].row
                    self.at_row(
                        sheet,
                        row.row,
                        "row-duplicate",
                        f"this row and row {first} are both the row of {row.key}, and both "
                        "were changed; delete one of them (a new row is typed into an empty "
                        "row)",
                        warning=False,
                    )
                continue
            if row is unchanged[0]:
                yield row, True
            elif row in unchanged:
                continue  # an unchanged copy of the row: no edit either way
            else:
                yield row, False  # a changed copy: a new row

    def edited_columns(self, row: ReturnedRow, written: dict[str, Any]) -> list[str]:
        return [
            key
            for key, cell in row.cells.items()
            if key != KEY_COLUMN and not _same(cell, written.get(key))
        ]

    def activity_of(self, chain_id: str, activity_id: str) -> Activity | None:
        chain = self.plan.valuechains.get(chain_id)
        if chain is None:
            return None
        return next((a for a in chain.activities if a.id == activity_id), None)

    def check_row(
        self, sheet: ReturnedSheet, row: ReturnedRow, edited: list[str], editable: frozenset[str]
    ) -> bool:
        """Report formulas, changed ids and edits of read-only columns; False when the
        row cannot be imported."""
        ok = True
        for key in edited:
            cell = row.cell(key)
            try:
                parse.check_not_formula(cell)
            except CellError as error:
                self.problem(sheet.name, cell, error.code, error.message)
                ok = False
                continue
            if key in _IDS:
                written = self.book.written[row.key or ""].cells.get(key)
                self.problem(
                    sheet.name,
                    cell,
                    "id-changed",
                    f"the id was changed from '{written}' to '{cell.value}'; ids are changed "
                    f"in the YAML, not here: write '{written}' back",
                )
                ok = False
            elif key not in editable:
                header = sheet.headers.get(key, key)
                self.problem(
                    sheet.name,
                    cell,
                    "read-only-cell",
                    f"the column '{header}' is not imported; make this change in the YAML "
                    "(the row's File column says where)",
                    warning=True,
                )
        return ok

    def header_words(self, sheet: ReturnedSheet) -> dict[str, str]:
        """The headers of the sheet's columns by key, as ntsplan wrote them."""
        return sheet.headers

    def parsed(self, sheet: ReturnedSheet, row: ReturnedRow, key: str, parser: Any) -> Any:
        """A cell through ``parser``; a problem (and ``_BAD``) when it does not parse."""
        cell = row.cell(key)
        try:
            return parser(cell)
        except CellError as error:
            self.problem(sheet.name, cell, error.code, error.message)
            return _BAD

    # -- activities -------------------------------------------------------------------

    def activities(self) -> None:
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

    def conflict(self, sheet: ReturnedSheet, row: ReturnedRow, key: str, wanted: list[str]) -> None:
        words = self.header_words(sheet)
        columns = ", ".join(words.get(k, k) for k in wanted)
        location = self.plan.locations.get(tuple(key.split("#", maxsplit=1)[0].split("/", 1)))  # type: ignore[arg-type]
        where = f" ({location})" if location else ""
        self.at_row(
            sheet,
            row.row,
            "row-conflict",
            f"{key} changed in the YAML{where} since the workbook was made; its edits "
            f"({columns}) are not written: carry them over by hand, or use --force to write "
            "them over the YAML's values",
            warning=True,
        )

    def deleted(self, sheet: ReturnedSheet, key: str, what: str) -> None:
        location = self.plan.locations.get(tuple(key.split("#", maxsplit=1)[0].split("/", 1)))  # type: ignore[arg-type]
        where = f" ({location})" if location else ""
        self.at_row(
            sheet,
            sheet.header_row,
            "row-deleted",
            f"the row of {what} {key} was deleted from the workbook; it stays in the "
            f"YAML{where}: delete it there if it should go",
            warning=True,
        )

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
            elif status is not _BAD and status != activity.status.value:
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
        if any(v is _BAD for v in values.values()):
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
        if _BAD in (amount, status, source):
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

    def kpis(self) -> None:
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
                if new == old:
                    continue
                edit_value = REMOVE if new is None else new
                path: tuple[str | int, ...] = ("kpis", place - 1, key)
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
            if value is _BAD:
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


_BAD = object()


def _target_year(cell: ReadCell) -> int | None:
    try:
        return parse.year(cell, "the year")
    except CellError as error:
        raise CellError("cell-bad-number", error.message) from error


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


def find_changes(book: ReturnedWorkbook, plan: Plan, *, force: bool = False) -> Changes:
    """The edits the workbook asks for, and the problems with it."""
    finder = _Finder(book, plan, force=force)
    finder.activities()
    finder.kpis()
    return finder.changes
