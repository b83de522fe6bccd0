"""A real client: LibreOffice (Debian's libreoffice-calc, headless) opens the workbook,
recalculates every formula and converts each sheet to CSV; the Budgets totals it computes
equal the document's figures.

One LibreOffice run for the whole module (it takes a few seconds). The profile is fresh
(LibreOffice refuses to share one, and as root it needs its own) and tells Calc to
recalculate OOXML files on load; the workbook converted for the check has its stored formula
results replaced by -1, so the values can only come from LibreOffice's own calculation.
"""

from __future__ import annotations

import csv
import dataclasses
import html as html_lib
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import TESTS
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.metadata import plan_metadata
from ntsplan.plan.rollup import rollup, spread_by_year
from ntsplan.render import render_html
from ntsplan.workbook import workbook_bytes, workbook_content
from ntsplan.workbook.cells import Formula
from ntsplan.workbook.model import WorkbookContent
from ntsplan.workbook.xlsx import write_xlsx

FIXTURE = TESTS / "fixtures" / "workbook-plan"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SHEETS = ["Activiteiten", "Begrotingen", "KPI's", "Partijen", "Volledigheid"]

# Calc's setting "recalculation on file load" for Excel 2007 and newer: 0 = always.
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# Comma-separated, double quotes, UTF-8 (76), from row 1; then: formatted "as shown" (the
# 9th token) and every sheet to its own file (the 12th, -1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="needs LibreOffice Calc (scripts/system-packages.sh test)"
)


def _without_results(content: WorkbookContent) -> WorkbookContent:
    """The same workbook with every stored formula result wrong (-1)."""
    sheets = tuple(
        dataclasses.replace(
            sheet,
            rows=tuple(
                tuple(
                    dataclasses.replace(c, value=-1.0) if isinstance(c, Formula) else c for c in row
                )
                for row in sheet.rows
            ),
        )
        for sheet in content.sheets
    )
    return dataclasses.replace(content, sheets=sheets)


@pytest.fixture(scope="module")
def plan() -> Plan:
    result = check_folder(FIXTURE).plan
    assert result is not None
    return result


@pytest.fixture(scope="module")
def converted(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both workbooks (as built, and with wrong stored results) converted by LibreOffice."""
    assert SOFFICE is not None
    root = tmp_path_factory.mktemp("libreoffice")
    metadata = plan_metadata(plan, language="nl")
    (root / "built.xlsx").write_bytes(workbook_bytes(plan, metadata, language="nl"))
    content = workbook_content(plan, metadata, language="nl")
    (root / "recalc.xlsx").write_bytes(write_xlsx(_without_results(content)))
    profile = root / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(root / "csv"),
            str(root / "built.xlsx"),
            str(root / "recalc.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Error" not in done.stderr and "error" not in done.stdout.lower(), done
    return root / "csv"


def _sheet(folder: Path, book: str, sheet: str) -> list[list[str]]:
    with (folder / f"{book}-{sheet}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _euros(text: str) -> float:
    """'€ 1.250.001' (LibreOffice shows the Dutch euro format in whole euros) as a number;
    '–' (nothing budgeted) as 0."""
    if text == "–":
        return 0.0
    match = re.fullmatch(r"€ (\d{1,3}(?:\.\d{3})*)", text)
    assert match, f"not a Dutch euro amount in whole euros: {text!r}"
    return float(match.group(1).replace(".", ""))


def _whole(value: float) -> float:
    """An amount as the workbook shows it: whole euros, half away from zero."""
    return float(math.floor(value + 0.5))


def test_every_sheet_converts(converted: Path, plan: Plan) -> None:
    for book in ("built", "recalc"):
        for sheet in SHEETS:
            rows = _sheet(converted, book, sheet)
            assert rows, (book, sheet)
    activities = _sheet(converted, "built", "Activiteiten")
    assert len(activities) == 1 + len(plan.activities()) + 1  # header, rows, total row


def test_budgets_computed_by_libreoffice_equal_the_documents(converted: Path, plan: Plan) -> None:
    budget = rollup(plan)
    rows = _sheet(converted, "recalc", "Begrotingen")[2:]  # the note, the header
    expected = [(row.key, row.amounts) for _, view in budget.views() for row in view.rows]
    expected.append((None, budget.total))
    assert len(rows) == len(expected)
    for cells, (key, amounts) in zip(rows, expected, strict=True):
        assert cells[1] == ("" if key is None else str(key))
        indicative, committed, total = (_euros(c) for c in cells[3:6])
        assert indicative == _whole(amounts.indicative), cells
        assert committed == _whole(amounts.committed), cells
        assert total == _whole(amounts.total), cells
    # The document prints the same figures: its budget tables, view by view, and the
    # summary's totals by status (rows with no money may be left out of either).
    html = render_html(plan, Edition(language="nl"))
    views = {label: [] for label in ("Waardeketen", "ROM (trekker)", "Sleuteltechnologie", "Jaar")}
    for cells in rows:
        if cells[0] in views:
            views[cells[0]].append(tuple(round(_euros(c), 2) for c in cells[3:6]))
    whole = tuple(round(_euros(c), 2) for c in rows[-1][3:6])
    for name, label in zip(("valuechain", "rom", "technology", "year"), views, strict=True):
        printed = _document_table(html, f"budget-overview budget-{name}")
        assert printed[-1] == whole, name  # the table's total: each activity counted once
        assert _with_money(printed[:-1]) == _with_money(views[label]), name
    summary = _document_table(html, "budget-table", columns=1)
    assert summary == [(whole[0],), (whole[1],), (whole[2],)]


def _money(text: str) -> float:
    """'€ 1.250.000' or '€ 300.000,50', as the document prints Dutch amounts."""
    match = re.fullmatch(r"€\s(\d{1,3}(?:\.\d{3})*)(?:,(\d{2}))?", html_lib.unescape(text))
    assert match, f"not an amount as the document prints it: {text!r}"
    return float(match.group(1).replace(".", "") + "." + (match.group(2) or "00"))


def _document_table(html: str, css_class: str, columns: int = 3) -> list[tuple[float, ...]]:
    """The amounts of a table in the document, row by row (body and foot)."""
    start = html.index(f'class="{css_class}"')
    table = html[start : html.index("</table>", start)]
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S):
        amounts = re.findall(r'<span class="(?:money|not-budgeted)">(.*?)</span>', row)
        if amounts:
            assert len(amounts) == columns, row
            found.append(tuple(0.0 if a == "–" else _whole(_money(a)) for a in amounts))
    return found


def _with_money(rows: list[tuple[float, ...]]) -> list[tuple[float, ...]]:
    return sorted(row for row in rows if any(row))


def test_the_yearly_spread_and_the_filtered_total(converted: Path, plan: Plan) -> None:
    rows = _sheet(converted, "recalc", "Activiteiten")
    header, data, total = rows[0], rows[1:-1], rows[-1]
    years = {
        int(h.rsplit(" ", 1)[1]): header.index(h) for h in header if h.startswith("Begroting 2")
    }
    for cells, (_, activity) in zip(data, plan.activities(), strict=True):
        spread = (
            dict(spread_by_year(activity.budget.amount, activity.period))
            if activity.budget and activity.period
            else {}
        )
        for year, column in years.items():
            assert _euros(cells[column]) == _whole(spread.get(year, 0.0)), (activity.id, year)
    amount = header.index("Bedrag")
    assert _euros(total[amount]) == _whole(rollup(plan).total.total)
