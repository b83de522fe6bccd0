"""The workbook as it prints: each sheet's print area, one page wide, the header row on
every page, wrapped text in rows tall enough to show it, whole euros, and a header and
footer with the title, the edition's status and "pagina X van Y". Read with openpyxl,
as a spreadsheet program reads the page set-up."""

from __future__ import annotations

import io
import math
from typing import Any

import openpyxl
import pytest

from conftest import REPO
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.metadata import plan_metadata
from ntsplan.workbook import workbook_content
from ntsplan.workbook.xlsx import write_xlsx


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    plan: Plan | None = check_folder(REPO / "data").plan
    assert plan is not None
    content = workbook_content(plan, plan_metadata(plan, language="nl"), language="nl")
    return openpyxl.load_workbook(io.BytesIO(write_xlsx(content)))


def _shown(book: openpyxl.Workbook) -> list[Any]:
    """The sheets a reader sees (not the very hidden provenance sheet of ntsplan import)."""
    return [ws for ws in book.worksheets if ws.sheet_state == "visible"]


def test_every_sheet_prints_one_page_wide_with_its_header_row(book: openpyxl.Workbook) -> None:
    assert len(_shown(book)) == 5
    for ws in _shown(book):
        assert ws.print_area, ws.title
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # fitToWidth is left out of the file when it is 1, its default.
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0), ws.title
        header_row = 2 if ws.title == "Begrotingen" else 1
        assert ws.print_title_rows == f"${header_row}:${header_row}", ws.title


def test_header_and_footer_name_the_plan_its_status_and_the_page(
    book: openpyxl.Workbook,
) -> None:
    for ws in _shown(book):
        header, footer = ws.oddHeader, ws.oddFooter
        assert header.left.text == "Regionaal Versterkingsplan NTS"
        assert header.center.text == "Concept – editie 0.1, niet vastgesteld"
        assert header.right.text == ws.title
        assert footer.right.text == "pagina &P van &N"
        assert footer.left.text.startswith("Editie 0.1 · 1 mei 2025")


def test_amounts_are_whole_euros(book: openpyxl.Workbook) -> None:
    money = [
        cell.number_format
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if "€" in cell.number_format
    ]
    assert money
    assert all(".00" not in f and ",00" not in f for f in money)


def test_wrapped_cells_have_rows_tall_enough_for_their_text(book: openpyxl.Workbook) -> None:
    ws = book["Volledigheid"]
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    checked = 0
    (table,) = ws.tables.values()
    last = openpyxl.utils.cell.range_boundaries(table.ref)[3]
    for row in ws.iter_rows(min_row=2, max_row=last):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            width = widths.get(cell.column_letter) or 10
            lines = sum(
                max(1, math.ceil(len(part) / max(width - 1, 1))) for part in cell.value.split("\n")
            )
            height = ws.row_dimensions[cell.row].height
            assert height is not None and height >= 15 * min(lines, 20), (cell.coordinate, lines)
            checked += lines > 1
    assert checked, "the completeness sheet has cells of several lines"
