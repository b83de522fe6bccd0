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
import random
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
from ntsplan.schema import Activity
from ntsplan.schema.plan import BudgetSettings
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
    metadata = plan_metadata(plan, language="nl")
    content = workbook_content(plan, metadata, language="nl")
    books = {
        "built": workbook_bytes(plan, metadata, language="nl"),
        "recalc": write_xlsx(_without_results(content)),
    }
    return _convert(tmp_path_factory.mktemp("libreoffice"), books, CSV_FILTER)


def _convert(root: Path, books: dict[str, bytes], csv_filter: str) -> Path:
    """Each workbook (by name) recalculated and converted by LibreOffice, in one run: the
    folder of their CSV files, ``<name>-<sheet>.csv``."""
    assert SOFFICE is not None
    for name, data in books.items():
        (root / f"{name}.xlsx").write_bytes(data)
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
            csv_filter,
            "--outdir",
            str(root / "csv"),
            *(str(root / f"{name}.xlsx") for name in books),
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


# Largest remainder in the spreadsheet: the year formulas against spread_by_year ----------

# The same CSV, but numbers as stored (not "as shown" in whole euros): cents are compared too.
RAW_CSV_FILTER = CSV_FILTER.replace(
    ",false,true,true,false,false,-1", ",false,true,false,false,false,-1"
)
UNITS = (1, 1000)


def _generated_activities(count: int, seed: int) -> list[Activity]:
    """Amounts of every kind (thousands, whole euros, cents, a few euros) over periods of
    one to five years starting and ending in any quarter."""
    rng = random.Random(seed)
    activities = []
    for n in range(count):
        start, span = rng.randint(2025, 2028), rng.choice([0, 1, 1, 2, 3, 4])
        first, last = rng.randint(1, 4), rng.randint(1, 4)
        if span == 0 and last < first:
            first, last = last, first
        amount = rng.choice(
            [
                rng.randint(1, 3000) * 1000.0,
                float(rng.randint(1, 2_000_000)),
                round(rng.uniform(0, 500_000), 2),
                float(rng.randint(1, 40)),
            ]
        )
        activities.append(
            Activity.model_validate(
                {
                    "id": f"spread-{n}",
                    "title": f"Spreiding {n}",
                    "kind": "rom",
                    "owner": "noord",
                    "status": "planned",
                    "budget": {"amount": amount, "status": rng.choice(["indicative", "committed"])},
                    "period": {"start": f"{start}-Q{first}", "end": f"{start + span}-Q{last}"},
                }
            )
        )
    # Where rounded running totals and largest remainder differ (test_rollup has more).
    for n, (amount, start, end) in enumerate(
        [(20000.0, "2025-Q2", "2027"), (10000.0, "2025-Q4", "2027-Q1"), (22222.0, "2026", "2028")]
    ):
        activities.append(
            Activity.model_validate(
                {
                    "id": f"known-{n}",
                    "title": f"Bekend {n}",
                    "kind": "rom",
                    "owner": "noord",
                    "status": "planned",
                    "budget": {"amount": amount, "status": "indicative"},
                    "period": {"start": start, "end": end},
                }
            )
        )
    return activities


@pytest.fixture(scope="module")
def spread_plans(plan: Plan) -> dict[int, Plan]:
    """The workbook fixture with 120 more activities, its years rounded to each unit."""
    chain_id = next(iter(plan.valuechains))
    chain = plan.valuechains[chain_id]
    chains = {
        **plan.valuechains,
        chain_id: chain.model_copy(
            update={"activities": [*chain.activities, *_generated_activities(120, seed=17)]}
        ),
    }
    return {
        unit: dataclasses.replace(
            plan,
            valuechains=chains,
            info=plan.info.model_copy(update={"budgets": BudgetSettings(round_years_to=unit)}),
        )
        for unit in UNITS
    }


@pytest.fixture(scope="module")
def spread_converted(
    spread_plans: dict[int, Plan], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """For each unit, the workbook as built and with wrong stored results, in one run."""
    books = {}
    for unit, spread_plan in spread_plans.items():
        content = workbook_content(
            spread_plan, plan_metadata(spread_plan, language="nl"), language="nl"
        )
        books[f"built{unit}"] = write_xlsx(content)
        books[f"recalc{unit}"] = write_xlsx(_without_results(content))
    return _convert(tmp_path_factory.mktemp("spread"), books, RAW_CSV_FILTER)


def _number(text: str) -> float:
    """A number as stored, which the Dutch sheets write with a decimal comma ('150000,25')."""
    return float(text.replace(",", ".")) if text else 0.0


@pytest.mark.parametrize("unit", UNITS)
def test_libreoffice_computes_the_largest_remainder_spread_ntsplan_stored(
    spread_converted: Path, spread_plans: dict[int, Plan], unit: int
) -> None:
    spread_plan = spread_plans[unit]
    recalculated = _sheet(spread_converted, f"recalc{unit}", "Activiteiten")
    stored = _sheet(spread_converted, f"built{unit}", "Activiteiten")
    header = recalculated[0]
    years = {
        int(h.rsplit(" ", 1)[1]): header.index(h) for h in header if h.startswith("Begroting 2")
    }
    checked = 0
    for cells, kept, (_, activity) in zip(
        recalculated[1:-1], stored[1:-1], spread_plan.activities(), strict=True
    ):
        budget, period = activity.budget, activity.period
        spread = dict(spread_by_year(budget.amount, period, unit)) if budget and period else {}
        for year, column in years.items():
            if budget is None:  # not budgeted: "–" recalculated and stored alike, never 0
                assert cells[column] == kept[column] == "–", (activity.id, year)
                continue
            expected = spread.get(year, 0.0)
            assert _number(cells[column]) == pytest.approx(expected, abs=1e-6), (activity.id, year)
            assert _number(kept[column]) == pytest.approx(expected, abs=1e-6), (activity.id, year)
            checked += 1
    assert checked >= 120 * len(years)
    known = {row[header.index("Id")]: row for row in recalculated[1:-1]}["known-0"]
    assert [_number(known[years[y]]) for y in (2025, 2026, 2027)] == (
        [5454, 7273, 7273] if unit == 1 else [6000, 7000, 7000]
    )


@pytest.mark.parametrize("unit", UNITS)
def test_the_budgets_years_recalculated_equal_the_documents(
    spread_converted: Path, spread_plans: dict[int, Plan], unit: int
) -> None:
    spread_plan = spread_plans[unit]
    budgets = _sheet(spread_converted, f"recalc{unit}", "Begrotingen")
    by_year = {
        cells[1]: tuple(_number(c) for c in cells[3:6])
        for cells in budgets
        if cells[0] == "Jaar" and cells[1]
    }
    expected = {
        str(row.key): (row.amounts.indicative, row.amounts.committed, row.amounts.total)
        for row in rollup(spread_plan).by_year.rows
        if row.key is not None
    }
    assert by_year.keys() == expected.keys()
    for year, amounts in expected.items():
        assert by_year[year] == pytest.approx(amounts, abs=1e-6), year
    html = render_html(spread_plan, Edition(language="nl"))
    printed = _document_table(html, "budget-overview budget-year")  # years, no period, total
    assert printed[: len(expected)] == [tuple(_whole(a) for a in by_year[y]) for y in expected]
    rounding = "hele euro's" if unit == 1 else "€ 1.000"
    assert f"per jaar afgerond op {rounding}" in budgets[0][0]
    assert f"per jaar afgerond op {rounding}" in html_lib.unescape(html)
