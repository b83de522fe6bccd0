"""The workbook as plain values: sheets of typed columns and rows, before any file format.

The sheet builders (``activities``, ``budgets``, ``register``) make these from the linked
plan; ``xlsx`` writes them with XlsxWriter. Keeping the two apart lets the tests check the
content without a spreadsheet library, and keeps XlsxWriter out of every other command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ntsplan.plan.labels import Labels
from ntsplan.workbook.cells import Cell, Kind
from ntsplan.workbook.provenance import Provenance


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its header, how its values are shown, its width in
    characters, whether the table's total row sums it (over the visible rows), and
    whether it is hidden (the provenance key of each row)."""

    header: str
    kind: Kind = Kind.TEXT
    width: float = 14
    total: bool = False
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Summary:
    """A single labelled figure below a sheet's table, in the table's ``column``, with
    a defined name."""

    label: str
    value: float
    kind: Kind
    name: str
    column: int


@dataclass(frozen=True, slots=True)
class Sheet:
    """A worksheet holding one table (an Excel "defined table" named ``table``).

    ``note`` is a line of explanation above the table; ``total_label`` adds a total row
    (Excel's SUBTOTAL, which leaves out rows hidden by a filter) to the columns marked
    ``total``; ``choices`` restricts a column to a list of values (by column index).
    """

    name: str
    table: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str | None = None
    total_label: str | None = None
    summary: Summary | None = None
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def header_row(self) -> int:
        """The 0-based row of the table's header."""
        return 1 if self.note else 0


@dataclass(frozen=True, slots=True)
class Properties:
    """The document properties: all from plan.yaml, none from the clock."""

    title: str
    author: str
    subject: str
    date: dt.date
    language: str
    comments: str


@dataclass(frozen=True, slots=True)
class PrintSetup:
    """What every printed page of the workbook says in its header and footer."""

    title: str
    edition: str
    """'Editie 0.1 · 1 mei 2025'."""
    status: str | None
    """The edition's status when it is not final ('Concept – editie 0.1, niet vastgesteld')."""
    page_of: str
    """'pagina {page} van {pages}': the spreadsheet fills in the page and the number of pages."""


@dataclass(frozen=True, slots=True)
class WorkbookContent:
    """Everything the workbook file holds."""

    properties: Properties
    sheets: tuple[Sheet, ...]
    labels: Labels
    print_setup: PrintSetup
    provenance: Provenance | None = None
    """Written as the very hidden sheet ``ntsplan``, for ``ntsplan import``."""
