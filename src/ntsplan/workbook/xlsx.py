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
from ntsplan.workbook.model import Sheet, WorkbookContent

# Number formats. The language tag makes LibreOffice use Dutch or English separators
# (1.250.000,00 or 1,250,000.00); Excel shows the separators of the computer's settings.
MONEY = {"nl": '[$-413]"€" #,##0.00', "en": '[$-809]"€"#,##0.00'}
NUMBER_FORMATS = {
    Kind.NUMBER: "General",
    Kind.INTEGER: "0",
    Kind.YEAR: "0",
    Kind.QUARTER: '"Q"0',
    Kind.PERCENT: "0%",
}
TABLE_STYLE = "Table Style Light 9"
PRINT_WIDTH = 260  # characters of column width that still read well on one A4 width


# The functions ntsplan's formulas use: all in Excel since 2007, none needing the "_xlfn."
# prefix that XlsxWriter adds to newer ones.
CLASSIC_FUNCTIONS = frozenset({"AND", "IF", "MAX", "MIN", "OR", "SUBTOTAL", "SUMIFS"})
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
            elif kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
            if kind is Kind.WRAPPED:
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
            ws.write_formula(row, col, value.formula, formats(kind), value.value)
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


def _write_sheet(workbook: Any, sheet: Sheet, formats: _Formats) -> None:
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
    for index, width in enumerate(widths):
        # Wide enough for the header too (bold, and followed by the filter button).
        ws.set_column(index, index, width)
    for index, choices in sheet.choices.items():
        ws.data_validation(
            top + 1, index, top + data_rows, index, {"validate": "list", "source": list(choices)}
        )
    ws.freeze_panes(top + 1, 0)
    # Printed: A4 landscape with the header on every page; a narrow sheet one page wide,
    # a wide one (Activities) across pages with its first columns repeated.
    ws.set_paper(9)
    ws.set_landscape()
    ws.repeat_rows(top)
    if sum(widths) <= PRINT_WIDTH:
        ws.fit_to_pages(1, 0)
    else:
        ws.repeat_columns(0, 2)
    if sheet.summary is not None:
        row = last_row + 2
        cells_out.text(row, 0, sheet.summary.label)
        col = sheet.summary.column
        ws.write_number(row, col, sheet.summary.value, formats(sheet.summary.kind))
        where = f"${column_letter(col)}${row + 1}"
        workbook.define_name(sheet.summary.name, f"={quote_sheet(sheet.name)}!{where}")


def _column_sum(sheet: Sheet, index: int) -> float:
    values: list[float] = []
    for cells in sheet.rows:
        value = cells[index]
        if isinstance(value, Formula):
            values.append(value.value)
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
        _write_sheet(workbook, sheet, formats)
    workbook.close()
    return buffer.getvalue()
