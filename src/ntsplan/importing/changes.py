"""What the person changed in a returned workbook: the edits of the plan's activities, and
the row bookkeeping the two data sheets share.

A row's cells are compared with its cells as ntsplan wrote them (the provenance sheet),
not with the YAML of now: so a cell nobody touched is never an edit, even when the YAML
changed since. A row with edits whose YAML changed since (its hash differs) is a conflict
and is left out, unless ``force``. Rows are found by their hidden key, so sorting,
filtering and moving rows changes nothing; a changed copy of a row (the original is
still there) is a new row. ``activity_rows`` and ``kpi_rows`` read the two sheets.

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
from ntsplan.workbook.activities import KEY_COLUMN

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


class RowReader:
    """Reads the rows of one data sheet into ``changes``: the bookkeeping both sheets share
    (problems, copies of rows, edited cells, read-only cells, conflicts, deleted rows)."""

    def __init__(
        self, book: ReturnedWorkbook, plan: Plan, changes: Changes, *, force: bool
    ) -> None:
        self.book = book
        self.plan = plan
        self.force = force
        self.changes = changes
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
        """A cell through ``parser``; a problem (and ``BAD``) when it does not parse."""
        cell = row.cell(key)
        try:
            return parser(cell)
        except CellError as error:
            self.problem(sheet.name, cell, error.code, error.message)
            return BAD

    # -- activities -------------------------------------------------------------------

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


BAD = object()
"""What ``RowReader.parsed`` returns for a cell that does not parse (after its problem)."""
