"""Write a ``WorkbookContent`` as an .xlsx file with XlsxWriter. The only module that
imports XlsxWriter, and only ``ntsplan build`` imports this one.

Why XlsxWriter: it writes every feature the workbook needs (defined tables with total rows,
formulas with cached results, frozen panes, data validation, number formats with a
language, the quote prefix that keeps text from turning into a formula) and it is
reproducible: zip entries carry a fixed 1980 date and the document dates are the ones we
set (the edition date), so the same content gives the same bytes.

Text is always written with ``write_string`` (the workbook is opened with every automatic
conversion of strings switched off), never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # no type information published
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from ntsplan.workbook.cells import (
    Formula,
    Kind,
    Link,
    clip,
    column_letter,
    is_formula_like,
    quote_sheet,
    safe_url,
)
from ntsplan.workbook.model import PrintSetup, Sheet, WorkbookContent
from ntsplan.workbook.provenance import HEADER_ROW, MARKER, SHEET, Provenance, cells_json

# Number formats. The language tag makes LibreOffice use Dutch or English separators
# (1.250.000,00 or 1,250,000.00); Excel shows the separators of the computer's settings.
# Whole euros: the plan's amounts are indicative, and the spread per year is rounded to
# whole euros or to plan.yaml's coarser unit (ntsplan.plan.rollup), so cents would only
# suggest a precision there is not.
MONEY = {"nl": '[$-413]"€" #,##0', "en": '[$-809]"€"#,##0'}
NUMBER_FORMATS = {
    Kind.NUMBER: "General",
    Kind.INTEGER: "0",
    Kind.YEAR: "0",
    Kind.QUARTER: '"Q"0',
    Kind.PERCENT: "0%",
}
TABLE_STYLE = "Table Style Light 9"
PRINT_WIDTH = 260  # characters of column width that still read well on one A4 width
LINE_HEIGHT = 15  # points per line of wrapped text (Calibri 11, the default font)
MAX_LINES = 20  # a row taller than this many lines is cut off rather than fill a page


# The functions ntsplan's formulas use: all in Excel since 2007, none needing the "_xlfn."
# prefix that XlsxWriter adds to newer ones.
CLASSIC_FUNCTIONS = frozenset(
    {"AND", "COUNTIFS", "IF", "INT", "MAX", "MIN", "N", "OR", "ROUND", "SUBTOTAL", "SUMIFS"}
)
_FUNCTION = re.compile(r"\b([A-Z][A-Z0-9.]*)\(")


class _Worksheet(Worksheet):  # type: ignore[misc]
    """XlsxWriter's worksheet, minus 60 regular-expression passes per formula that look for
    Excel 365 functions: for a large plan they took most of the time. Only formulas made of
    ``CLASSIC_FUNCTIONS`` take the short way; any other goes through XlsxWriter's own."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if set(_FUNCTION.findall(formula)) <= CLASSIC_FUNCTIONS and not formula.startswith("{"):
            return formula.removeprefix("=")
        prepared: str = super()._prepare_formula(formula, expand_future_functions)
        return prepared


class _Formats:
    """One XlsxWriter format per (kind, quote prefix), made on first use."""

    def __init__(self, workbook: Any, language: str) -> None:
        self.workbook = workbook
        self.language = language
        self.made: dict[tuple[Kind, bool], Any] = {}
        self.extra: dict[str, Any] = {}

    def header(self) -> Any:
        """Bold with a rule below: readable also where table styles are not shown."""
        if "header" not in self.extra:
            spec = {"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}
            self.extra["header"] = self.workbook.add_format(spec)
        return self.extra["header"]

    def __call__(self, kind: Kind, *, quote: bool = False) -> Any:
        key = (kind, quote)
        if key not in self.made:
            spec: dict[str, Any] = {"valign": "top"}
            if kind is Kind.MONEY:
                spec["num_format"] = MONEY.get(self.language, MONEY["en"])
                spec["align"] = "right"  # "–" (not budgeted) where the amounts stand, too
            elif kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
            if kind in (Kind.WRAPPED, Kind.TEXT):
                # Wrapped, with the row as tall as its text (_row_lines): printed, a long
                # text is never cut off at the column's edge.
                spec["text_wrap"] = True
            if kind is Kind.LINK:
                spec.update(font_color="#0563C1", underline=1)
            if quote:
                spec["quote_prefix"] = True
            self.made[key] = self.workbook.add_format(spec)
        return self.made[key]


class _Cells:
    """Writes cells of one worksheet: text always as text, numbers as numbers."""

    def __init__(self, ws: Any, formats: _Formats) -> None:
        self.ws = ws
        self.formats = formats

    def text(self, row: int, col: int, text: str, kind: Kind = Kind.TEXT) -> None:
        text = clip(text)
        self.ws.write_string(row, col, text, self.formats(kind, quote=is_formula_like(text)))

    def write(self, row: int, col: int, value: object, kind: Kind) -> None:
        ws, formats = self.ws, self.formats
        if value is None:
            return
        if isinstance(value, Formula):
            cached = "–" if value.value is None else value.value
            ws.write_formula(row, col, value.formula, formats(kind), cached)
        elif isinstance(value, Link):
            url = safe_url(value.url)
            if url is None:
                self.text(row, col, value.text)
            else:
                ws.write_url(row, col, url, formats(Kind.LINK), clip(value.text))
        elif isinstance(value, bool):  # not a number in a spreadsheet
            self.text(row, col, str(value).lower())
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, formats(kind))
        elif isinstance(value, str):
            self.text(row, col, value, kind if kind is Kind.WRAPPED else Kind.TEXT)
        else:  # pragma: no cover - the sheet builders make only the types above
            raise TypeError(f"cannot write {type(value).__name__} to a cell")


def _write_sheet(workbook: Any, sheet: Sheet, formats: _Formats, content_print: PrintSetup) -> None:
    ws = workbook.add_worksheet(sheet.name, worksheet_class=_Worksheet)
    cells_out = _Cells(ws, formats)
    last_col = len(sheet.columns) - 1
    top = sheet.header_row
    if sheet.note:
        ws.merge_range(0, 0, 0, last_col, "", formats(Kind.WRAPPED))
        cells_out.text(0, 0, sheet.note, Kind.WRAPPED)
        ws.set_row(0, 60)
    for r, cells in enumerate(sheet.rows, start=top + 1):
        for c, (value, column) in enumerate(zip(cells, sheet.columns, strict=True)):
            cells_out.write(r, c, value, column.kind)
    data_rows = max(len(sheet.rows), 1)  # a table needs one data row, even an empty one
    last_row = top + data_rows + (1 if sheet.total_label else 0)
    columns: list[dict[str, Any]] = []
    for index, column in enumerate(sheet.columns):
        spec: dict[str, Any] = {
            "header": column.header,
            "format": formats(column.kind),
            "header_format": formats.header(),
        }
        if sheet.total_label and index == 0:
            spec["total_string"] = sheet.total_label
        elif sheet.total_label and column.total:
            # SUBTOTAL 109 sums the rows a filter leaves visible. A plain range, not
            # XlsxWriter's structured reference ([Amount]), which LibreOffice cannot resolve.
            letter = column_letter(index)
            span = f"{letter}{top + 2}:{letter}{top + 1 + data_rows}"
            spec["total_function"] = f"=SUBTOTAL(109,{span})"
            spec["total_value"] = _column_sum(sheet, index)
        columns.append(spec)
    ws.add_table(
        top,
        0,
        last_row,
        last_col,
        {
            "name": sheet.table,
            "style": TABLE_STYLE,
            "columns": columns,
            "total_row": bool(sheet.total_label),
        },
    )
    widths = [max(c.width, len(c.header) * 1.2 + 3) for c in sheet.columns]
    for index, (width, column) in enumerate(zip(widths, sheet.columns, strict=True)):
        # Wide enough for the header too (bold, and followed by the filter button).
        ws.set_column(index, index, width, None, {"hidden": True} if column.hidden else None)
    # The hidden column (each row's provenance key) is neither printed nor wrapped.
    shown = [not c.hidden for c in sheet.columns]
    widths = [w for w, visible in zip(widths, shown, strict=True) if visible]
    for index, choices in sheet.choices.items():
        ws.data_validation(
            top + 1, index, top + data_rows, index, {"validate": "list", "source": list(choices)}
        )
    for r, cells in enumerate(sheet.rows, start=top + 1):
        visible = tuple(v for v, keep in zip(cells, shown, strict=True) if keep)
        ws.set_row(r, LINE_HEIGHT * _row_lines(visible, widths))
    headers = tuple(c.header for c, keep in zip(sheet.columns, shown, strict=True) if keep)
    ws.set_row(top, LINE_HEIGHT * _row_lines(headers, widths))
    ws.freeze_panes(top + 1, 0)
    _print_setup(ws, sheet, content_print, widths, last_row)
    if sheet.summary is not None:
        row = last_row + 2
        cells_out.text(row, 0, sheet.summary.label)
        col = sheet.summary.column
        ws.write_number(row, col, sheet.summary.value, formats(sheet.summary.kind))
        where = f"${column_letter(col)}${row + 1}"
        workbook.define_name(sheet.summary.name, f"={quote_sheet(sheet.name)}!{where}")


def _row_lines(cells: tuple[object, ...], widths: list[float]) -> int:
    """How many lines the tallest cell of a row needs when its text wraps at the column's
    width (a character of Calibri 11 is about one unit of column width)."""
    lines = 1
    for value, width in zip(cells, widths, strict=True):
        text = value.text if isinstance(value, Link) else value
        if not isinstance(text, str):
            continue
        chars = max(int(width) - 1, 1)
        needed = sum(max(1, math.ceil(len(part) / chars)) for part in text.split("\n"))
        lines = max(lines, needed)
    return min(lines, MAX_LINES)


def _header_text(text: str) -> str:
    # "&" starts a code in a header or footer: a literal one is written twice.
    return text.replace("&", "&&")


def _print_setup(
    ws: Any, sheet: Sheet, page: PrintSetup, widths: list[float], last_row: int
) -> None:
    """Printed: the table only, A4 landscape (A3 for a sheet too wide for A4 to read),
    one page wide, the header row on every page, and a header and footer with the title,
    the edition's status and "page X of Y"."""
    ws.print_area(0, 0, last_row, len(sheet.columns) - 1)
    ws.set_paper(9 if sum(widths) <= PRINT_WIDTH else 8)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(sheet.header_row)
    ws.set_margins(left=0.5, right=0.5, top=0.9, bottom=0.8)
    left = _header_text(page.title)
    right = _header_text(f"{sheet.name}")
    status = f"&C{_header_text(page.status)}" if page.status else ""
    ws.set_header(f"&L{left}{status}&R{right}", {"margin": 0.4})
    page_of = _header_text(page.page_of).replace("{page}", "&P").replace("{pages}", "&N")
    ws.set_footer(f"&L{_header_text(page.edition)}&R{page_of}", {"margin": 0.4})


def _write_provenance(workbook: Any, provenance: Provenance) -> None:
    """The very hidden sheet that ``ntsplan import`` reads: the marker and the manifest
    in row 1, then a row per data row: key, hash, cells as written (JSON)."""
    ws = workbook.add_worksheet(SHEET)
    ws.very_hidden()
    ws.write_string(0, 0, MARKER)
    ws.write_string(0, 1, provenance.manifest_json())
    for col, header in enumerate(("key", "hash", "cells")):
        ws.write_string(HEADER_ROW - 1, col, header)
    for row, entry in enumerate(provenance.rows, start=HEADER_ROW):
        ws.write_string(row, 0, entry.key)
        ws.write_string(row, 1, entry.hash)
        ws.write_string(row, 2, clip(cells_json(entry.cells)))


def _column_sum(sheet: Sheet, index: int) -> float:
    values: list[float] = []
    for cells in sheet.rows:
        value = cells[index]
        if isinstance(value, Formula):
            values.append(value.value or 0.0)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values.append(value)
    return math.fsum(values)


def write_xlsx(content: WorkbookContent) -> bytes:
    """The workbook as the bytes of an .xlsx file; the same content gives the same bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    p = content.properties
    created = dt.datetime.combine(p.date, dt.time(), tzinfo=dt.UTC).replace(tzinfo=None)
    workbook.set_properties(
        {
            "title": p.title,
            "author": p.author,
            "subject": p.subject,
            "company": p.author,
            "comments": p.comments,
            "created": created,
        }
    )
    formats = _Formats(workbook, p.language)
    for sheet in content.sheets:
        _write_sheet(workbook, sheet, formats, content.print_setup)
    if content.provenance is not None:
        _write_provenance(workbook, content.provenance)
    workbook.close()
    return buffer.getvalue()
