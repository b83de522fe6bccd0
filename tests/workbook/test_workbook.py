"""The coordinators' workbook, read back with openpyxl: sheets, headers, rows, types,
formulas and their stored results, tables, panes, properties, slices, languages,
determinism across processes, the cache, and untrusted text kept inert."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import math
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from conftest import REPO, TESTS, RunCli
from ntsplan.check import check_folder
from ntsplan.link.model import Plan
from ntsplan.plan.completeness import assess
from ntsplan.plan.edition import Edition
from ntsplan.plan.formatting import format_money
from ntsplan.plan.labels import load_labels
from ntsplan.plan.metadata import plan_metadata
from ntsplan.plan.rollup import involving_rom, rollup, spread_by_year
from ntsplan.render import render_html
from ntsplan.schema import Stakeholder
from ntsplan.workbook import workbook_content
from ntsplan.workbook.cells import safe_url
from ntsplan.workbook.register import parties
from ntsplan.workbook.xlsx import write_xlsx

FIXTURE = TESTS / "fixtures" / "workbook-plan"
SHEETS_NL = ["Activiteiten", "Begrotingen", "KPI's", "Partijen", "Volledigheid"]
SHEETS_EN = ["Activities", "Budgets", "KPIs", "Parties", "Completeness"]
CENT = 0.005


def _plan(folder: Path = FIXTURE) -> Plan:
    plan = check_folder(folder).plan
    assert plan is not None
    return plan


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture plan's workbooks, each from its own process: Dutch twice (for the
    byte comparison), English, and the slice for one ROM."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from conftest import clean_env  # noqa: PLC0415

    root = tmp_path_factory.mktemp("workbooks")
    runs = {
        "nl": [],
        "nl-again": [],
        "en": ["--lang", "en"],
        "rom": ["--rom", "noord"],
        "chain": ["--valuechain", "fotonica-chips"],
    }
    stems = {"rom": "versterkingsplan-noord", "chain": "versterkingsplan-fotonica-chips"}
    paths = {}
    for name, extra in runs.items():
        out = root / name
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "ntsplan",
                "build",
                "--data",
                FIXTURE,
                "--out",
                out,
                "--only",
                "xlsx",
                *extra,
            ],
            cwd=REPO,
            env=clean_env(),
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert completed.returncode == 0, completed.stderr.decode()
        assert b"warning" not in completed.stderr, completed.stderr.decode()
        stem = stems.get(name, "versterkingsplan")
        assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
            f"{stem}.xlsx"
        ]
        paths[name] = out / f"{stem}.xlsx"
    return paths


def _rows(ws: Worksheet, header_row: int = 1) -> list[dict[str, Any]]:
    header = [c.value for c in ws[header_row]]
    result = []
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in row):
            continue
        result.append(dict(zip(header, row, strict=True)))
    return result


def _book(path: Path, *, data_only: bool = False) -> Any:
    return openpyxl.load_workbook(path, data_only=data_only)


# The file --------------------------------------------------------------------------------


def test_byte_identical_across_processes_and_no_clock(built: dict[str, Path]) -> None:
    data = built["nl"].read_bytes()
    assert data == built["nl-again"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2025-05-02T00:00:00Z" in core  # the edition date from plan.yaml
    assert dt.datetime.now(tz=dt.UTC).date().isoformat() not in core


def test_document_properties(built: dict[str, Path]) -> None:
    plan = _plan()
    props = _book(built["nl"]).properties
    assert props.title == plan.info.title
    roms = [plan.roms[r].name for r in plan.info.publishers]
    assert props.creator == ", ".join(roms)
    assert props.created == dt.datetime(2025, 5, 2)
    assert props.subject == f"Editie {plan.info.edition}"
    rom = _book(built["rom"]).properties
    assert rom.title == f"{plan.info.title} — {plan.roms['noord'].short}"


def test_sheets_tables_panes_filters_widths(built: dict[str, Path]) -> None:
    book = _book(built["nl"])
    assert book.sheetnames == [*SHEETS_NL, "ntsplan"]  # the very hidden provenance last
    assert book["ntsplan"].sheet_state == "veryHidden"
    tables = {}
    for ws in book.worksheets[:-1]:
        assert len(ws.tables) == 1, ws.title
        (table,) = ws.tables.values()
        tables[table.name] = ws.title
        assert table.autoFilter is not None, ws.title
        header_row = 2 if ws.title == "Begrotingen" else 1
        assert ws.freeze_panes == f"A{header_row + 1}", ws.title
        assert table.ref.startswith(f"A{header_row}:")
        assert ws.column_dimensions["A"].width > 10
    assert tables == dict(
        zip(["Activities", "Budgets", "KPIs", "Parties", "Completeness"], SHEETS_NL, strict=True)
    )
    assert "OverallCompleteness" in book.defined_names


def test_plan_yaml_chooses_the_rounding_of_the_years(tmp_path: Path, run_cli: RunCli) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    with (data / "plan.yaml").open("a", encoding="utf-8") as plan_file:
        plan_file.write("budgets:\n  round_years_to: 1000\n")
    result = run_cli("build", "--data", data, "--out", tmp_path / "out", "--only", "xlsx")
    assert result.exit_code == 0, result
    path = tmp_path / "out" / "versterkingsplan.xlsx"
    formulas = {r["Id"]: r for r in _rows(_book(path)["Activiteiten"])}
    stored = {r["Id"]: r for r in _rows(_book(path, data_only=True)["Activiteiten"])}
    # 300000.5 over 2026 and 2027: 300 thousands, 150 a year; the 0.50 below a thousand
    # falls in the first year (at unit 1 each year had 150000.25).
    onderzoek = stored["onderzoek"]
    assert (onderzoek["Begroting 2026"], onderzoek["Begroting 2027"]) == (150000.5, 150000)
    assert "INT($O" in formulas["onderzoek"]["Begroting 2026"]
    assert "/1000)" in formulas["onderzoek"]["Begroting 2026"]
    note = _book(path)["Begrotingen"]["A1"].value
    assert (
        "de kwartalen van de periode van de activiteit verdeeld en per jaar afgerond op € 1.000, zo"
        in note
    )
    assert "Het deel van een bedrag onder € 1.000 valt in één jaar." in note


def test_activities_rows_types_and_spread(built: dict[str, Path]) -> None:
    plan = _plan()
    labels = load_labels("nl")
    ws = _book(built["nl"])["Activiteiten"]
    cached = _rows(_book(built["nl"], data_only=True)["Activiteiten"])
    rows = _rows(ws)
    activities = plan.activities()
    assert len(rows) == len(activities) + 1  # and the total row
    total = rows.pop()
    assert total["Waardeketen"] == "Totaal (zichtbare rijen)"
    assert total["Bedrag"] == f"=SUBTOTAL(109,O2:O{len(activities) + 1})"
    years = [f"Begroting {y}" for y in (2025, 2026, 2027)]
    for row, stored, (chain_id, activity) in zip(rows, cached, activities, strict=False):
        assert (row["Keten-id"], row["Id"], row["Titel"]) == (chain_id, activity.id, activity.title)
        assert row["Bestand"] == plan.locations[(chain_id, activity.id)]
        assert row["Bestand"].startswith(f"valuechains/{chain_id}.yaml:")
        if activity.budget:
            assert row["Bedrag"] == activity.budget.amount
            assert isinstance(row["Bedrag"], int | float)
            assert row["Begrotingsstatus"] == labels.text(
                f"budget_status.{activity.budget.status.value}"
            )
        else:
            assert row["Bedrag"] is None
        if activity.period:
            assert isinstance(row["Startjaar"], int)
            assert row["Startkwartaal"] in (1, 2, 3, 4)
            assert (row["Eindjaar"], row["Eindkwartaal"]) == activity.period.end.last
        spread = (
            dict(spread_by_year(activity.budget.amount, activity.period))
            if activity.budget and activity.period
            else {}
        )
        for year, column in zip((2025, 2026, 2027), years, strict=True):
            assert str(row[column]).startswith("=IF(")
            if activity.budget:
                assert stored[column] == pytest.approx(spread.get(year, 0.0))
            else:  # not budgeted reads "–", as in the document, never € 0
                assert stored[column] == "–"
        assert stored["Begroting zonder periode"] == (
            "–"
            if activity.budget is None
            else pytest.approx(activity.budget.amount if activity.period is None else 0.0)
        )
    testbed = next(r for r in rows if r["Id"] == "testbed")
    assert testbed["Trekker"] == "Quantumlab Noord"
    assert testbed["Soort trekker"] == "kennisinstelling"
    assert testbed["Partners"] == "NTM"
    assert testbed["KPI's"] == "Sensoren getest: 2 → 25 sensoren in 2027"
    pilot = next(r for r in rows if r["Id"] == "pilotlijn")
    assert pilot["Sleuteltechnologieën"] == "photonics, ai-data"
    assert pilot["Soort taak"] == "ROM-taak"
    fmt = ws.cell(row=2, column=list(rows[0]).index("Bedrag") + 1).number_format
    assert fmt == '[$-413]"€" #,##0'
    assert ws.cell(row=2, column=list(rows[0]).index("Startkwartaal") + 1).number_format == '"Q"0'


def test_budgets_are_formulas_whose_stored_results_are_the_rollup(
    built: dict[str, Path],
) -> None:
    plan = _plan()
    r = rollup(plan)
    formulas = _rows(_book(built["nl"])["Begrotingen"], header_row=2)
    values = _rows(_book(built["nl"], data_only=True)["Begrotingen"], header_row=2)
    expected = [
        (view, row.key, row.amounts, row.activities) for view, v in r.views() for row in v.rows
    ] + [("plan", None, r.total, r.budgeted)]
    assert len(values) == len(expected)
    rows = zip(formulas, values, expected, strict=True)
    for n, (formula, value, (view, key, amounts, budgeted)) in enumerate(rows, start=3):
        assert value["Sleutel"] == key, view
        assert formula["Totaal"] == f'=IF(AND(D{n}="–",E{n}="–"),"–",N(D{n})+N(E{n}))'
        if not budgeted:
            # Not budgeted yet reads "–", as in the document, not 0.
            assert (value["Indicatief"], value["Toegezegd"], value["Totaal"]) == ("–",) * 3
            assert "COUNTIFS(" in str(formula["Indicatief"])
            continue
        amount_formulas = str(formula["Indicatief"]) + str(formula["Toegezegd"])
        assert "SUMIFS('Activiteiten'!" in amount_formulas, (view, key)
        if view != "year":
            assert "SUMIFS('Activiteiten'!$O:$O" in amount_formulas, (view, key)
        assert value["Indicatief"] == pytest.approx(amounts.indicative)
        assert value["Toegezegd"] == pytest.approx(amounts.committed)
        assert value["Totaal"] == pytest.approx(amounts.total)
    views = [row["Indeling"] for row in values]
    assert views[0] == "Waardeketen" and views[-1] == "Heel het plan"


def test_kpis_parties_completeness(built: dict[str, Path]) -> None:
    plan = _plan()
    book = _book(built["nl"])
    kpis = _rows(book["KPI's"])
    assert len(kpis) == sum(len(a.kpis) for _, a in plan.activities())
    sensors = next(k for k in kpis if k["Indicator"] == "Sensoren getest")
    assert (sensors["Nulmeting"], sensors["Doel"], sensors["Doeljaar"]) == (2, 25, 2027)
    register = _rows(book["Partijen"])
    assert len(register) == len(parties(plan))
    chipfab = next(p for p in register if p["Naam"] == "Chipfab B.V.")
    assert (chipfab["Soort"], chipfab["Mkb"], chipfab["Waardeketens"]) == (
        "bedrijf",
        "ja",
        "Fotonische chips",
    )
    ws = book["Partijen"]
    links = {c.hyperlink.target for row in ws.iter_rows() for c in row if c.hyperlink}
    assert "https://example.org/chipfab" in links
    figures = assess(plan)
    chains = _rows(book["Volledigheid"])
    chains = [c for c in chains if c["Keten-id"] is not None]
    assert [c["Keten-id"] for c in chains] == [c.chain_id for c in figures.chains]
    for row, chain in zip(chains, figures.chains, strict=True):
        assert round(row["Percentage"] * 100) == chain.percent
    assert book["Volledigheid"].cell(row=2, column=4).number_format == "0%"


def test_english_labels_and_format(built: dict[str, Path]) -> None:
    book = _book(built["en"])
    assert book.sheetnames == [*SHEETS_EN, "ntsplan"]
    header = [c.value for c in book["Activities"][1]]
    assert header[:4] == ["Value chain", "Chain id", "Id", "Title"]
    assert book["Activities"].cell(row=2, column=15).number_format == '[$-809]"€"#,##0'
    budgets = _rows(book["Budgets"], header_row=2)
    assert budgets[-1]["Breakdown"] == "Whole plan"
    assert "SUMIFS('Activities'!$O:$O" in str(budgets[-1]["Indicative"])
    assert '"indicative"' in str(budgets[-1]["Indicative"])


def test_a_rom_slice_has_its_own_workbook(built: dict[str, Path]) -> None:
    """The activities the ROM owns or joins, in the chains it takes part in; the totals
    are those of the document's slice for that ROM."""
    plan = _plan()
    book = _book(built["rom"], data_only=True)
    rows = _rows(book["Activiteiten"])[:-1]
    expected = [
        (c, a.id) for c, a in plan.activities() if a.owner == "noord" or "noord" in a.partners
    ]
    assert [(r["Keten-id"], r["Id"]) for r in rows] == expected
    assert {c for c, _ in expected} == {"quantum-keten"}
    total = _rows(book["Begrotingen"], header_row=2)[-1]
    sliced = rollup(plan, where=involving_rom("noord"))
    assert (total["Indicatief"], total["Toegezegd"]) == pytest.approx(
        (sliced.total.indicative, sliced.total.committed)
    )
    html = render_html(plan, Edition(language="nl", rom="noord"))
    start = html.index('class="budget-table"')
    printed = re.findall(
        r'<span class="money">(.*?)</span>', html[start : html.index("</table>", start)]
    )
    # A status no activity of the slice has reads "–" (not budgeted), not "€ 0".
    assert printed == [
        format_money(row.amounts.total, "nl") for row in sliced.by_status.rows if row.activities
    ] + [format_money(sliced.total.total, "nl")]
    assert len(_rows(book["KPI's"])) == sum(
        len(a.kpis) for c, a in plan.activities() if (c, a.id) in expected
    )
    # The overall completeness is for the whole plan only.
    assert "OverallCompleteness" not in _book(built["rom"]).defined_names


def test_a_value_chain_slice_has_its_own_workbook(built: dict[str, Path]) -> None:
    plan = _plan()
    book = _book(built["chain"], data_only=True)
    rows = _rows(book["Activiteiten"])[:-1]
    assert [r["Id"] for r in rows] == [a.id for a in plan.valuechains["fotonica-chips"].activities]
    budgets = _rows(book["Begrotingen"], header_row=2)
    assert [r["Sleutel"] for r in budgets if r["Indeling"] == "Waardeketen"] == ["fotonica-chips"]
    total = budgets[-1]["Totaal"]
    chain = rollup(plan).by_valuechain.row("fotonica-chips")
    assert chain is not None and total == pytest.approx(chain.amounts.total)


def test_the_workbook_is_cached_and_follows_moved_lines(invoke: RunCli, tmp_path: Path) -> None:
    import shutil  # noqa: PLC0415

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    out = tmp_path / "build"
    assert invoke("build", "--data", data, "--out", out, "--only", "xlsx").exit_code == 0
    again = invoke("build", "--data", data, "--out", out, "--only", "xlsx")
    assert "versterkingsplan.xlsx unchanged" in again.stderr
    chain = data / "valuechains" / "quantum-keten.yaml"
    chain.write_text("# a comment moves every line\n" + chain.read_text(encoding="utf-8"))
    moved = invoke("build", "--data", data, "--out", out, "--only", "xlsx")
    assert "wrote" in moved.stderr
    rows = _rows(_book(out / "versterkingsplan.xlsx")["Activiteiten"])
    netwerk = next(r for r in rows if r["Id"] == "netwerk")
    assert netwerk["Bestand"] == "valuechains/quantum-keten.yaml:25"


# Status agrees ---------------------------------------------------------------------------


def test_status_json_and_the_workbook_agree_on_every_percentage(
    run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    assert run_cli("build", "--data", "data", "--out", out, "--only", "xlsx").exit_code == 0
    status = json.loads(run_cli("status", "--data", "data", "--format", "json").stdout)
    book = _book(out / "versterkingsplan.xlsx")
    ws = book["Volledigheid"]
    rows = {r["Keten-id"]: r for r in _rows(ws) if r["Keten-id"]}
    assert len(rows) == len(status["valuechains"]) > 0
    for chain in status["valuechains"]:
        row = rows[chain["id"]]
        assert round(row["Percentage"] * 100) == chain["percent"], chain["id"]
        assert row["Secties gevuld"] == chain["sections"]["filled"]
        assert row["Activiteiten compleet"] == chain["activities"]["complete"]
    name = book.defined_names["OverallCompleteness"]
    ((sheet, ref),) = name.destinations
    assert round(book[sheet][ref.replace("$", "")].value * 100) == status["overall"]["percent"]


# Untrusted text --------------------------------------------------------------------------

PAYLOADS = ("=1+1", "+SUM(1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")')


def _poisoned(plan: Plan) -> Plan:
    """The fixture plan with a formula-like payload in every text field the workbook shows
    (bypassing validation, as if a check had let one through)."""
    payloads = iter(PAYLOADS * 20)

    def text() -> str:
        return next(payloads)

    chains = {}
    for chain_id, chain in plan.valuechains.items():
        stakeholders = [
            s.model_copy(update={"name": text(), "url": "javascript:alert(1)"})
            for s in chain.stakeholders
        ]
        activities = []
        for a in chain.activities:
            budget = a.budget.model_copy(update={"source": text()}) if a.budget else None
            kpis = [k.model_copy(update={"indicator": text(), "unit": text()}) for k in a.kpis]
            activities.append(
                a.model_copy(update={"title": text(), "budget": budget, "kpis": kpis})
            )
        chains[chain_id] = chain.model_copy(
            update={"title": text(), "stakeholders": stakeholders, "activities": activities}
        )
    roms = {k: r.model_copy(update={"short": text(), "name": text()}) for k, r in plan.roms.items()}
    technologies = {
        k: t.model_copy(update={"name": t.name.model_copy(update={"nl": text(), "en": text()})})
        for k, t in plan.technologies.items()
    }
    return dataclasses.replace(plan, valuechains=chains, roms=roms, technologies=technologies)


def test_formula_like_text_is_inert_in_every_text_column(tmp_path: Path) -> None:
    plan = _poisoned(_plan())
    content = workbook_content(plan, plan_metadata(plan, language="nl"), language="nl")
    path = tmp_path / "poisoned.xlsx"
    path.write_bytes(write_xlsx(content))
    book = _book(path)
    seen = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str):  # openpyxl leaves OOXML's escape of CR as it is
                    value = value.replace("_x000D_", "\r")
                if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    if cell.data_type == "f":
                        # Only ntsplan's own formulas: the budgets and the yearly spread.
                        assert value.startswith(("=SUMIFS(", "=IF(", "=D", "=0", "=SUBTOTAL(")), (
                            value
                        )
                        assert not any(p in value for p in PAYLOADS[1:]), value
                    else:
                        assert cell.data_type == "s"
                        assert cell.quotePrefix, (ws.title, cell.coordinate, value)
                        seen.add(value)
                if cell.hyperlink is not None:
                    assert cell.hyperlink.target.startswith(("https://", "http://", "mailto:"))
    assert seen >= set(PAYLOADS)
    # Every text column that shows text from the data holds a payload (and it is inert).
    text_columns = {
        "Activiteiten": ("Waardeketen", "Titel", "Trekker", "Partners", "Financiering", "KPI's"),
        "Begrotingen": ("Naam",),
        "KPI's": ("Waardeketen", "Activiteit", "Trekker", "Indicator", "Eenheid"),
        "Partijen": ("Naam", "Waardeketens"),
        "Volledigheid": ("Waardeketen",),
    }
    for sheet, columns in text_columns.items():
        ws = book[sheet]
        header_row = 2 if sheet == "Begrotingen" else 1
        header = [c.value for c in ws[header_row]]
        for column in columns:
            cells = [row[header.index(column)] for row in ws.iter_rows(min_row=header_row + 1)]
            poisoned = [
                c
                for c in cells
                if isinstance(c.value, str)
                and c.value.startswith(("=", "+", "-", "@", "\t", "_x000D_"))
            ]
            assert poisoned, (sheet, column)
            assert all(c.data_type == "s" and c.quotePrefix for c in poisoned), (sheet, column)
    # The javascript: address stays text, without a link.
    names = {r["Website"] for r in _rows(book["Partijen"])}
    assert "javascript:alert(1)" in names


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("mailto:a@example.org", True),
        ("MAILTO:a@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("external:c:\\x.xlsx", False),
        ("internal:Sheet1!A1", False),
        ("https://exa mple.org", False),
        ("https:///nohost", False),
        ("https://example.org/" + "a" * 2100, False),
        ("data:text/html,x", False),
    ],
)
def test_only_http_https_and_mailto_become_links(url: str, allowed: bool) -> None:
    assert (safe_url(url) is not None) is allowed


def test_long_text_is_clipped_not_refused(tmp_path: Path) -> None:
    plan = _plan()
    chain_id, chain = next(iter(plan.valuechains.items()))
    long = "x" * 40_000
    stakeholder = Stakeholder.model_construct(id="long", name=long, kind=chain.stakeholders[0].kind)
    chain = chain.model_copy(update={"stakeholders": [*chain.stakeholders, stakeholder]})
    plan = dataclasses.replace(plan, valuechains={**plan.valuechains, chain_id: chain})
    content = workbook_content(plan, plan_metadata(plan, language="nl"), language="nl")
    path = tmp_path / "long.xlsx"
    path.write_bytes(write_xlsx(content))
    names = [r["Naam"] for r in _rows(_book(path)["Partijen"])]
    clipped = next(n for n in names if n.startswith("xxx"))
    assert len(clipped) == 32_767 and clipped.endswith("…")


def test_an_empty_plan_still_gives_valid_tables(tmp_path: Path) -> None:
    plan = _plan()
    empty = dataclasses.replace(
        plan,
        valuechains={
            c: chain.model_copy(update={"activities": []}) for c, chain in plan.valuechains.items()
        },
    )
    content = workbook_content(empty, plan_metadata(empty, language="nl"), language="nl")
    path = tmp_path / "empty.xlsx"
    path.write_bytes(write_xlsx(content))
    book = _book(path, data_only=True)
    assert _rows(book["KPI's"]) == []
    total = _rows(book["Begrotingen"], header_row=2)[-1]
    assert total["Totaal"] == "–"  # nothing budgeted: unknown, not zero
    assert math.isclose(rollup(empty).total.total, 0)


def test_xlsxwriter_is_imported_only_to_write_a_workbook(run_cli: RunCli) -> None:
    code = (
        "import sys, ntsplan.cli, ntsplan.commands.build, ntsplan.workbook;"
        "print('xlsxwriter' in sys.modules)"
    )
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "False"


def test_workbook_builders_need_no_spreadsheet_library(
    plan_folder: Callable[..., Path],
) -> None:
    plan = _plan()
    content = workbook_content(plan, plan_metadata(plan, language="en"), language="en")
    assert [s.name for s in content.sheets] == SHEETS_EN
    activities = content.sheets[0]
    assert len(activities.rows) == len(plan.activities())


def test_the_formula_shortcut_changes_no_byte(
    monkeypatch: pytest.MonkeyPatch, built: dict[str, Path]
) -> None:
    """The worksheet class that skips XlsxWriter's search for Excel 365 functions writes
    exactly what XlsxWriter itself writes, because every formula uses classic functions."""
    import re  # noqa: PLC0415

    from xlsxwriter.worksheet import Worksheet  # noqa: PLC0415

    from ntsplan.workbook import xlsx  # noqa: PLC0415

    book = _book(built["nl"])
    functions = {
        name
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
        for name in re.findall(r"\b([A-Z][A-Z0-9.]*)\(", str(cell.value))
    }
    assert functions == xlsx.CLASSIC_FUNCTIONS
    plan = _plan()
    content = workbook_content(plan, plan_metadata(plan, language="nl"), language="nl")
    shortcut = write_xlsx(content)
    monkeypatch.setattr(xlsx, "_Worksheet", Worksheet)
    assert write_xlsx(content) == shortcut == built["nl"].read_bytes()
