"""Read a returned workbook: the provenance ntsplan wrote into it, and the rows of the
Activities and KPIs sheets as typed cells, or problems at ``file.xlsx:Sheet!C12``.

The only module that imports openpyxl (a runtime dependency of ``ntsplan import`` alone),
and only when a workbook is read. openpyxl reads in its streaming (read-only) mode, with
formulas as formulas (never evaluated) and no external links. It does not report merged
cells in that mode: ``package`` reads them from the file itself.

Before openpyxl sees the file, ``package`` tells a password-protected workbook, an old
.xls and a damaged file from a workbook.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntsplan.importing.package import merged_ranges, not_a_workbook
from ntsplan.problems import Problem, cell_name
from ntsplan.workbook.activities import KEY_COLUMN
from ntsplan.workbook.provenance import FORMAT, HEADER_ROW, MARKER, SHEET

_HEADER_SEARCH = 5  # rows at the top of a sheet in which to look for the header

Value = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class ReadCell:
    """One cell as read: its value, whether it holds a formula (``value`` is then the
    formula's text, never its result), and where it is (1-based row and column)."""

    value: Value
    row: int
    column: int
    formula: bool = False

    @property
    def empty(self) -> bool:
        """No value, or only spaces."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True, slots=True)
class ReturnedRow:
    """A data row: its cells by column key (the key column's text in ``key``)."""

    row: int
    cells: dict[str, ReadCell]
    key: str | None

    def cell(self, column: str) -> ReadCell:
        return self.cells[column]


@dataclass(frozen=True, slots=True)
class ReturnedSheet:
    """One data sheet as read: its name, its header row, the column of each key
    (1-based) and its data rows."""

    name: str
    header_row: int
    columns: dict[str, int]
    rows: tuple[ReturnedRow, ...]
    headers: dict[str, str] = field(default_factory=dict)
    """The header of each column by key, as ntsplan wrote it."""


@dataclass(frozen=True, slots=True)
class Written:
    """What the provenance sheet says ntsplan wrote for one row key."""

    hash: str
    cells: dict[str, Value]


@dataclass(slots=True)
class ReturnedWorkbook:
    """A returned workbook, read: its language and edition, the two data sheets, and
    what ntsplan wrote per row key (in the order written)."""

    file: Path
    language: str
    edition: str
    activities: ReturnedSheet
    kpis: ReturnedSheet
    written: dict[str, Written] = field(default_factory=dict)


class _Problems:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.found: list[Problem] = []

    def add(self, sheet: str | None, row: int, column: int, code: str, message: str) -> None:
        self.found.append(
            Problem(self.file, row, column, code, message, sheet=sheet if sheet else None)
        )


def read_workbook(file: Path) -> tuple[ReturnedWorkbook | None, list[Problem]]:
    """Read ``file``; None and the problems when it cannot be imported at all."""
    problems = _Problems(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problems.add(None, 1, 1, "workbook-unreadable", f"cannot read the file: {reason}")
        return None, problems.found
    refused = not_a_workbook(raw)
    if refused is not None:
        problems.add(None, 1, 1, *refused)
        return None, problems.found
    return _read(file, raw, problems)


def _open(raw: bytes) -> Any:
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - only import reads .xlsx

    return openpyxl.load_workbook(
        io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
    )


def _read(
    file: Path, raw: bytes, problems: _Problems
) -> tuple[ReturnedWorkbook | None, list[Problem]]:
    try:
        book = _open(raw)
    except Exception as error:
        problems.add(
            None,
            1,
            1,
            "workbook-unreadable",
            f"the workbook is damaged ({type(error).__name__}); open it in Excel or "
            "LibreOffice and save it again as .xlsx",
        )
        return None, problems.found
    try:
        manifest, written = _provenance(book, problems)
        if manifest is None:
            return None, problems.found
        merges = merged_ranges(raw)
        sheets = manifest["sheets"]
        names = {SHEET, *(n for n in manifest.get("names", ()) if isinstance(n, str))}
        activities = _data_sheet(book, sheets["activities"], merges, names, problems)
        kpis = _data_sheet(book, sheets["kpis"], merges, names, problems)
    finally:
        book.close()
    if activities is None or kpis is None or problems.found:
        return None, problems.found
    returned = ReturnedWorkbook(
        file,
        str(manifest.get("language", "nl")),
        str(manifest.get("edition", "plan")),
        activities,
        kpis,
        written,
    )
    return returned, []


def _provenance(book: Any, problems: _Problems) -> tuple[dict[str, Any] | None, dict[str, Written]]:
    """The manifest and the written rows of the provenance sheet, or a problem."""
    foreign = (
        "this workbook was not written by ntsplan (it has no provenance sheet); make one with "
        "'ntsplan build --only xlsx', copy the values into it, and import that"
    )
    if SHEET not in book.sheetnames:
        problems.add(None, 1, 1, "workbook-foreign", foreign)
        return None, {}
    sheet = book[SHEET]
    rows = sheet.iter_rows(values_only=True)
    first: tuple[Any, ...] = next(rows, ())
    manifest: Any = None
    if len(first) >= 2 and first[0] == MARKER and isinstance(first[1], str):
        try:
            manifest = json.loads(first[1])
        except ValueError:
            manifest = None
    if not isinstance(manifest, dict) or not _manifest_ok(manifest):
        problems.add(SHEET, 1, 1, "workbook-foreign", foreign)
        return None, {}
    if manifest["format"] > FORMAT:
        problems.add(
            SHEET,
            1,
            1,
            "workbook-foreign",
            "this workbook was written by a newer ntsplan; update ntsplan to import it",
        )
        return None, {}
    written: dict[str, Written] = {}
    for number, values in enumerate(rows, start=2):
        if number < HEADER_ROW + 1 or len(values) < 3 or not isinstance(values[0], str):
            continue
        try:
            cells = json.loads(values[2]) if isinstance(values[2], str) else None
        except ValueError:
            cells = None
        if not isinstance(cells, dict) or not isinstance(values[1], str):
            problems.add(SHEET, number, 1, "workbook-foreign", foreign)
            return None, {}
        written[values[0]] = Written(values[1], cells)
    return manifest, written


def _manifest_ok(manifest: dict[str, Any]) -> bool:
    sheets = manifest.get("sheets")
    if not isinstance(manifest.get("format"), int) or not isinstance(sheets, dict):
        return False
    for name in ("activities", "kpis"):
        sheet = sheets.get(name)
        if not isinstance(sheet, dict) or not isinstance(sheet.get("name"), str):
            return False
        columns = sheet.get("columns")
        if not isinstance(columns, dict) or KEY_COLUMN not in columns:
            return False
    return True


def _data_sheet(
    book: Any,
    spec: dict[str, Any],
    merges: dict[str, list[tuple[int, int, int, int]]],
    written: set[str],
    problems: _Problems,
) -> ReturnedSheet | None:
    """One data sheet's rows by column key, or None after a problem."""
    name: str = spec["name"]
    headers: dict[str, str] = spec["columns"]
    if name not in book.sheetnames:
        others = [s for s in book.sheetnames if s not in written]
        guess = f" Was '{others[0]}' renamed? " if len(others) == 1 else " "
        at = others[0] if len(others) == 1 else None
        problems.add(
            at,
            1,
            1,
            "sheet-missing",
            f"the sheet '{name}' is missing.{guess}Rename the sheet back to '{name}'",
        )
        return None
    sheet = book[name]
    sheet.reset_dimensions()  # every row in the file, whatever its <dimension> claims
    rows = list(sheet.iter_rows())
    header_row = _find_header(rows, headers[KEY_COLUMN])
    if header_row is None:
        problems.add(
            name,
            1,
            1,
            "column-missing",
            f"no header row with the hidden column '{headers[KEY_COLUMN]}' in the first "
            f"{_HEADER_SEARCH} rows; undo the change to the header row (or the column's "
            "deletion)",
        )
        return None
    where: dict[str, int] = {}
    for cell in rows[header_row - 1]:
        value = _value(cell)
        if isinstance(value, str):
            for key, header in headers.items():
                if header == value.strip() and key not in where:
                    where[key] = cell.column
    for key, header in headers.items():
        if key not in where:
            problems.add(
                name,
                header_row,
                1,
                "column-missing",
                f"no column '{header}' on this sheet; write the header back as '{header}' "
                "(a moved column is fine, a renamed one is not)",
            )
    for top, left, bottom, right in merges.get(name, []):
        if bottom > header_row:
            span = f"{cell_name(top, left)}:{cell_name(bottom, right)}"
            problems.add(
                name,
                top,
                left,
                "merged-cell",
                f"the cells {span} are merged; unmerge them and give each cell its own value",
            )
    if len(where) < len(headers):
        return None
    total = spec.get("total")
    data: list[ReturnedRow] = []
    for number, cells in enumerate(rows[header_row:], start=header_row + 1):
        by_column = {cell.column: cell for cell in cells if hasattr(cell, "column")}
        read = {
            key: _read_cell(by_column.get(column), number, column) for key, column in where.items()
        }
        if all(c.empty for c in read.values()):
            continue
        key_cell = read[KEY_COLUMN]
        first = min(where.values())
        first_value = _value(by_column.get(first)) if first in by_column else None
        if key_cell.empty and total is not None and first_value == total:
            continue
        key_text = key_cell.value.strip() if isinstance(key_cell.value, str) else ""
        data.append(ReturnedRow(number, read, key_text or None))
    return ReturnedSheet(name, header_row, where, tuple(data), headers)


def _find_header(rows: list[Any], key_header: str) -> int | None:
    for number, cells in enumerate(rows[:_HEADER_SEARCH], start=1):
        if any(_value(c) == key_header for c in cells):
            return number
    return None


def _value(cell: Any) -> Value:
    value = getattr(cell, "value", None)
    return value if isinstance(value, str | int | float | bool) else None


def _read_cell(cell: Any, row: int, column: int) -> ReadCell:
    if cell is None:
        return ReadCell(None, row, column)
    value = cell.value
    formula = getattr(cell, "data_type", None) == "f"
    if isinstance(value, str) and not formula:
        value = value.replace("\r\n", "\n")
    elif value is not None and not isinstance(value, str | int | float | bool):
        value = str(value)  # a date or time typed into a cell: text to the checks
    return ReadCell(value, row, column, formula)
