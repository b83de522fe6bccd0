"""``ntsplan import``: a returned workbook's edits go into the YAML, and nothing else.

Round trips on the fixture's slice for the ROM 'noord': every editable column changed
(with openpyxl, and in LibreOffice Calc as a person would), imported with --write, and
the YAML compared with the expected text: only those values change, comments and layout
stay, validate passes and ``ntsplan diff`` shows exactly the edits. Sorted and filtered
rows import the same. Conflicts, bad cells, and workbooks that are not ntsplan's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import RunCli
from import_helpers import FIXTURE, build_workbook, edited, git, where
from libreoffice_helpers import SOFFICE, edit_in_libreoffice

ACTS, KPIS = "Activiteiten", "KPI's"
CHAIN = "data/valuechains/quantum-keten.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose data/ is the import fixture, committed."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root / "data")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "plan")
    return root


@pytest.fixture(scope="session")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture's workbooks, built once: the whole plan (Dutch), in English, and the
    slice for the ROM 'noord'."""
    root = tmp_path_factory.mktemp("import-books")
    return {
        "nl": build_workbook(FIXTURE, root / "nl"),
        "en": build_workbook(FIXTURE, root / "en", "--lang", "en"),
        "noord": build_workbook(FIXTURE, root / "noord", "--rom", "noord"),
    }


# Every editable column of the slice, as (sheet, row key, header, new value); None as the
# key is the first empty row of the sheet (a new KPI). The expected YAML is below.
EDITS: list[tuple[str, str | None, str, Any]] = [
    (ACTS, "quantum-keten/verkenning", "Bedrag", 40000),
    (ACTS, "quantum-keten/verkenning", "Begrotingsstatus", "indicatief"),
    (ACTS, "quantum-keten/verkenning", "Financiering", "ROM, provincie"),
    (ACTS, "quantum-keten/testbed", "Startjaar", 2026),
    (ACTS, "quantum-keten/testbed", "Startkwartaal", 1),
    (ACTS, "quantum-keten/testbed", "Eindkwartaal", 4),
    (ACTS, "quantum-keten/testbed", "Status", "lopend"),
    (ACTS, "quantum-keten/zonder-geld", "Bedrag", 5000),
    (ACTS, "quantum-keten/zonder-geld", "Begrotingsstatus", "indicatief"),
    (ACTS, "quantum-keten/zonder-geld", "Eindjaar", 2027),
    (KPIS, "quantum-keten/testbed#1", "Nulmeting", 3),
    (KPIS, "quantum-keten/testbed#1", "Doel", 30),
    (KPIS, "quantum-keten/testbed#1", "Doeljaar", 2028),
    (KPIS, None, "Keten-id", "quantum-keten"),
    (KPIS, None, "Activiteit-id", "zonder-geld"),
    (KPIS, None, "Indicator", "Deelnemers"),
    (KPIS, None, "Eenheid", "personen"),
    (KPIS, None, "Doel", 40),
    (KPIS, None, "Doeljaar", 2026),
]
REPLACED = [
    (
        "    budget: {amount: 33333.33, status: committed, source: ROM}\n",
        '    budget: {amount: 40000, status: indicative, source: "ROM, provincie"}\n',
    ),
    (
        "      start: 2025-Q2   # na de aanbesteding\n",
        "      start: 2026-Q1   # na de aanbesteding\n",
    ),
    ("      end: 2027-Q1\n    status: planned\n", "      end: 2027-Q4\n    status: running\n"),
    (
        "        baseline: 2\n        target: 25\n        year: 2027\n",
        "        baseline: 3\n        target: 30\n        year: 2028\n",
    ),
    (
        "    period: {start: 2026, end: 2026}\n    status: planned\n",
        "    period: {start: 2026, end: 2027}\n    status: planned\n"
        "    budget: {amount: 5000, status: indicative}\n"
        "    kpis:\n"
        "      - indicator: Deelnemers\n"
        "        unit: personen\n"
        "        target: 40\n"
        "        year: 2026\n",
    ),
]


def expected_chain() -> str:
    text = (FIXTURE / "valuechains" / "quantum-keten.yaml").read_text("utf-8")
    for old, new in REPLACED:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _cells(book: Any) -> list[tuple[str, str, Any]]:
    """EDITS as (sheet, cell name, value) for ``book``."""
    empty = book[KPIS].max_row + 1
    found = []
    for sheet, key, header, value in EDITS:
        if key is None:
            letter = next(c.column_letter for c in book[sheet][1] if c.value == header)
            found.append((sheet, f"{letter}{empty}", value))
        else:
            found.append((sheet, where(book, sheet, key, header), value))
    return found


def _openpyxl_edit(book: Any) -> None:
    for sheet, cell, value in _cells(book):
        book[sheet][cell] = value


def _libreoffice_edits(source: Path) -> list[str]:
    book = openpyxl.load_workbook(source)
    return [
        f"{sheet}~{cell}~{'n' if isinstance(value, int | float) else 's'}~{value}"
        for sheet, cell, value in _cells(book)
    ]


def _import(run_cli: RunCli, repo: Path, book: Path, *extra: str) -> Any:
    return run_cli("import", book, "--data", "data", *extra, cwd=repo, env={"NO_COLOR": "1"})


def _codes(done: Any) -> set[str]:
    """The problem codes in a text report."""
    return set(re.findall(r"\[([a-z0-9-]+)\]$", done.stdout, re.MULTILINE))


def _unchanged(repo: Path) -> None:
    assert git(repo, "status", "--porcelain") == ""


# Round trips -----------------------------------------------------------------------------


def _round_trip(run_cli: RunCli, repo: Path, book: Path) -> None:
    dry = _import(run_cli, repo, book)
    assert dry.exit_code == 0, dry.stdout + dry.stderr
    _unchanged(repo)  # without --write nothing is written
    assert "Nothing written (a dry run); with --write this changes 1 file" in dry.stdout
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout + done.stderr
    assert (repo / CHAIN).read_text("utf-8") == expected_chain()
    assert git(repo, "status", "--porcelain").split() == ["M", CHAIN]
    assert run_cli("validate", "--data", "data", cwd=repo).exit_code == 0
    diff = run_cli("diff", "HEAD", "--data", "data", cwd=repo, env={"NO_COLOR": "1"})
    assert diff.exit_code == 0
    body = dry.stdout.split("\n", 1)[1].split("\nNothing written")[0]
    assert diff.stdout.split("\n", 1)[1].rstrip("\n") == body.rstrip("\n")
    assert diff.stdout.splitlines()[1] == "1 value chain changed; 3 activities changed"
    lines = diff.stdout.splitlines()
    assert (
        "    ~ activity verkenning (Verkenning met het mkb): budget.amount: €33,333.33 → "
        "€40,000; budget.source: ROM → ROM, provincie; budget.status: committed → indicative"
    ) in lines
    assert (
        "    ~ activity testbed (Testbed voor quantumsensoren): period.start: 2025-Q2 → 2026-Q1; "
        "period.end: 2027-Q1 → 2027-Q4; status: planned → running; kpis"
    ) in lines
    assert (
        "    ~ activity zonder-geld (Kennissessies): period.end: 2026 → 2027; budget added; kpis"
    ) in lines
    assert "quantum-keten" in diff.stdout and "fotonica-chips" not in diff.stdout


def test_round_trip_with_openpyxl(
    run_cli: RunCli, repo: Path, books: dict[str, Path], tmp_path: Path
) -> None:
    book = edited(books["noord"], repo / "book.xlsx", _openpyxl_edit)
    git(repo, "add", "book.xlsx")
    git(repo, "commit", "-qm", "book")
    _round_trip(run_cli, repo, book)


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice Calc")
def test_round_trip_through_libreoffice(
    run_cli: RunCli, repo: Path, books: dict[str, Path], tmp_path: Path
) -> None:
    book = repo / "book.xlsx"
    edit_in_libreoffice(books["noord"], book, _libreoffice_edits(books["noord"]))
    git(repo, "add", "book.xlsx")
    git(repo, "commit", "-qm", "book")
    _round_trip(run_cli, repo, book)


def _reorder(book: Any) -> None:
    """Sort the data rows of both sheets backwards and hide one, as a filter would."""
    for name in (ACTS, KPIS):
        ws = book[name]
        rows = [
            [c.value for c in row]
            for row in ws.iter_rows(min_row=2)
            if any(c.value is not None for c in row)
            and not str(row[0].value or "").startswith("Totaal")
        ]
        for offset, values in enumerate(reversed(rows)):
            for column, value in enumerate(values, start=1):
                ws.cell(row=2 + offset, column=column).value = value
        ws.row_dimensions[2].hidden = True


def test_sorted_and_filtered_rows_import_the_same(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        _openpyxl_edit(book)
        _reorder(book)

    book = edited(books["noord"], repo.parent / "sorted.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    assert (repo / CHAIN).read_text("utf-8") == expected_chain()


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice Calc")
def test_sorted_and_filtered_in_libreoffice_import_the_same(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    source = books["noord"]
    ws = openpyxl.load_workbook(source)[ACTS]
    data_rows = sum(1 for row in ws.iter_rows(min_row=2) if row[0].value is not None) - 1
    last = openpyxl.utils.get_column_letter(ws.max_column)
    edits = [
        *_libreoffice_edits(source),
        f"{ACTS}~A2:{last}{1 + data_rows}~sort~3",  # by title, Z to A
        f"{ACTS}~2~hide~",
    ]
    book = repo.parent / "lo-sorted.xlsx"
    edit_in_libreoffice(source, book, edits)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    assert (repo / CHAIN).read_text("utf-8") == expected_chain()


def test_english_workbook_takes_english_words(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        ws = book["Activities"]
        ws[where(book, "Activities", "quantum-keten/netwerk", "Status")] = "running"
        ws[where(book, "Activities", "quantum-keten/netwerk", "Budget status")] = "Committed"

    book = edited(books["en"], repo.parent / "en.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    text = (repo / CHAIN).read_text("utf-8")
    assert '    status: "running"\n    budget: {amount: 75000, status: committed}\n' in text


def test_text_in_two_languages_changes_in_the_workbooks_language(
    run_cli: RunCli, repo: Path, tmp_path: Path
) -> None:
    chain = repo / CHAIN
    old = "      - indicator: Sensoren getest\n"
    new = "      - indicator:\n          nl: Sensoren getest\n          en: Sensors tested\n"
    chain.write_text(chain.read_text("utf-8").replace(old, new), "utf-8")
    git(repo, "commit", "-qam", "in two languages")
    source = build_workbook(repo / "data", tmp_path / "out", "--rom", "noord")

    def edit(book: Any) -> None:
        book[KPIS][where(book, KPIS, "quantum-keten/testbed#1", "Indicator")] = "Sensoren gemeten"

    book = edited(source, tmp_path / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    assert "          nl: Sensoren gemeten\n          en: Sensors tested\n" in chain.read_text(
        "utf-8"
    )
    assert git(repo, "diff", "--numstat").split()[:2] == ["1", "1"]


# Conflicts, added and deleted rows -------------------------------------------------------


def test_a_row_whose_yaml_changed_is_a_conflict(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        book[ACTS][where(book, ACTS, "quantum-keten/verkenning", "Bedrag")] = 45000
        book[ACTS][where(book, ACTS, "quantum-keten/testbed", "Status")] = "afgerond"

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    chain = repo / CHAIN
    changed = chain.read_text("utf-8").replace(
        "    status: proposed  # besproken", "    status: planned  # besproken"
    )
    chain.write_text(changed, "utf-8")
    row = openpyxl.load_workbook(book)[ACTS]
    verkenning = next(c.row for c in row["C"] if c.value == "verkenning")
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 1
    assert (
        f"../book.xlsx:Activiteiten!A{verkenning}: warning: quantum-keten/verkenning changed in "
        "the YAML (valuechains/quantum-keten.yaml:16) since the workbook was made; its edits "
        "(Bedrag) are not written" in done.stdout
    )
    assert _codes(done) == {"row-conflict"}
    assert "1 row with conflicts left out (--force writes them)." in done.stdout
    text = chain.read_text("utf-8")
    assert "amount: 33333.33" in text and "status: planned  # besproken" in text
    assert "      end: 2027-Q1\n    status: completed\n" in text  # the other row is written
    forced = _import(run_cli, repo, book, "--write", "--force")
    assert forced.exit_code == 0, forced.stdout
    text = chain.read_text("utf-8")
    assert "{amount: 45000, status: committed, source: ROM}" in text
    assert "status: planned  # besproken" in text  # --force writes the edited cells only


def test_added_deleted_and_read_only_rows_are_named_not_written(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        ws = book[ACTS]
        testbed = int(where(book, ACTS, "quantum-keten/testbed", "Titel")[1:])
        ws[where(book, ACTS, "quantum-keten/verkenning", "Titel")] = "Andere titel"
        ws.delete_rows(testbed)
        total = next(c.row for c in ws["A"] if str(c.value).startswith("Totaal"))
        ws.insert_rows(total)
        ws[f"A{total}"], ws[f"B{total}"] = "Quantumketen", "quantum-keten"
        ws[f"C{total}"], ws[f"D{total}"] = "nieuw", "Nieuwe activiteit"
        book[KPIS].delete_rows(2)

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    out = done.stdout
    assert "warning: the column 'Titel' is not imported; make this change in the YAML" in out
    assert "[read-only-cell]" in out
    assert (
        "warning: the row of activity quantum-keten/testbed was deleted from the workbook; "
        "it stays in the YAML (valuechains/quantum-keten.yaml:" in out
    )
    assert "the row of KPI quantum-keten/testbed#1 was deleted" in out
    assert "[row-deleted]" in out
    assert (
        "warning: a new activity ('Nieuwe activiteit', value chain quantum-keten) is not "
        "written into the YAML; write it into valuechains/quantum-keten.yaml" in out
    )
    assert _codes(done) == {"activity-added", "row-deleted", "read-only-cell"}
    assert "Nothing to write" in out
    _unchanged(repo)


def test_a_changed_copy_of_a_kpi_row_is_a_new_kpi(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        ws = book[KPIS]
        source = int(where(book, KPIS, "quantum-keten/testbed#1", "Doel")[1:])
        target = ws.max_row + 1
        for column in range(1, ws.max_column + 1):
            ws.cell(target, column, ws.cell(source, column).value)
        ws.cell(target, 6, "Sensoren gekalibreerd")

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 0, done.stdout
    assert (
        "        year: 2027\n"
        "      - indicator: Sensoren gekalibreerd\n"
        "        unit: sensoren\n"
        "        baseline: 2\n"
        "        target: 25\n"
        "        year: 2027\n\n"
    ) in (repo / CHAIN).read_text("utf-8")


def test_two_changed_copies_of_a_row_are_a_problem(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        ws = book[ACTS]
        source = int(where(book, ACTS, "quantum-keten/testbed", "Bedrag")[1:])
        amount = where(book, ACTS, "quantum-keten/testbed", "Bedrag")[0]
        ws.insert_rows(source + 1)
        for column in range(1, ws.max_column + 1):
            ws.cell(source + 1, column).value = ws.cell(source, column).value
        ws[f"{amount}{source}"], ws[f"{amount}{source + 1}"] = 1, 2

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 1
    assert _codes(done) == {"row-duplicate"}
    assert "are both the row of quantum-keten/testbed, and both were changed" in done.stdout
    _unchanged(repo)


def test_a_new_kpi_for_an_unknown_activity(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    def edit(book: Any) -> None:
        ws = book[KPIS]
        row = ws.max_row + 1
        for column, value in zip(
            "BCFGIJ", ["quantum-keten", "bestaat-niet", "X", "Y", 1, 2026], strict=True
        ):
            ws[f"{column}{row}"] = value

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 1
    assert _codes(done) == {"kpi-unknown-activity"}
    assert "names the activity 'quantum-keten/bestaat-niet', which the plan does not have" in (
        done.stdout
    )


def test_a_row_whose_activity_left_the_yaml(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    book = edited(
        books["nl"],
        repo.parent / "book.xlsx",
        lambda b: b[ACTS].__setitem__(where(b, ACTS, "quantum-keten/netwerk", "Bedrag"), 1),
    )
    chain = repo / CHAIN
    text = chain.read_text("utf-8")
    start = text.index("  - id: netwerk")
    chain.write_text(text[:start] + text[text.index("  # Het testbed") :], "utf-8")
    done = _import(run_cli, repo, book, "--write")
    assert _codes(done) == {"row-gone"}
    assert "quantum-keten/netwerk is no longer in the YAML" in done.stdout


def test_a_value_that_cannot_be_placed_is_a_problem(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    chain = repo / CHAIN
    text = chain.read_text("utf-8")
    old = "      - indicator: Sensoren getest\n        unit: sensoren\n        baseline: 2\n"
    new = "      - baseline: 2\n        indicator: Sensoren getest\n        unit: sensoren\n"
    chain.write_text(text.replace(old, new), "utf-8")
    git(repo, "commit", "-qam", "baseline first")
    book = edited(
        books["noord"],
        repo.parent / "book.xlsx",
        lambda b: b[KPIS].__setitem__(where(b, KPIS, "quantum-keten/testbed#1", "Nulmeting"), None),
    )
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 1
    assert _codes(done) == {"edit-not-placed"}
    assert "('baseline' shares its line with another key); write it into the YAML by hand" in (
        done.stdout
    )
    _unchanged(repo)


# Bad input ------------------------------------------------------------------------------

BAD_CELLS: list[tuple[str, str, str, Any, str, str]] = [
    # (sheet, key, header, value, code, words in the message)
    (
        ACTS,
        "quantum-keten/testbed",
        "Bedrag",
        "250000",
        "cell-not-number",
        "the amount is the text '250000', not a number; format the cell as a number and type "
        "250000",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Bedrag",
        "1.250.000,00",
        "cell-not-number",
        "the amount is the text '1.250.000,00' in Dutch number format; type the number 1250000",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Bedrag",
        "=O2*2",
        "cell-formula",
        "the cell holds the formula =O2*2, which is never evaluated",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Financiering",
        '=HYPERLINK("x")',
        "cell-formula",
        "never evaluated",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Status",
        "bezig",
        "cell-unknown-choice",
        "the status 'bezig' is not one of the choices; write one of: voorgesteld, gepland",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Begrotingsstatus",
        "zeker",
        "cell-unknown-choice",
        "write one of: indicatief, toegezegd",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Startkwartaal",
        5,
        "cell-bad-period",
        "the start quarter is 5; write a quarter 1 to 4",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Eindjaar",
        "2027-Q3",
        "cell-bad-period",
        "the end year is '2027-Q3'; write a year such as 2026",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Eindjaar",
        2024,
        "cell-bad-period",
        "the period ends (2024-Q1) before it starts (2025-Q2)",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Bedrag",
        None,
        "cell-required",
        "the amount was cleared; clearing does not remove the budget",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Bedrag",
        5e12,
        "edit-invalid",
        "5000000000000 is out of range: the value must be at most 1000000000000 (the "
        "workbook's value, written into data/valuechains/quantum-keten.yaml:",
    ),
    (
        ACTS,
        "quantum-keten/testbed",
        "Id",
        "proefbed",
        "id-changed",
        "the id was changed from 'testbed' to 'proefbed'",
    ),
    (
        KPIS,
        "quantum-keten/testbed#1",
        "Doel",
        "veel",
        "cell-not-number",
        "the target is the text 'veel'",
    ),
    (
        KPIS,
        "quantum-keten/testbed#1",
        "Doeljaar",
        1999,
        "cell-bad-number",
        "the year is 1999; write a whole year from 2000 to 2100",
    ),
]


@pytest.mark.parametrize(
    ("sheet", "key", "header", "value", "code", "words"),
    BAD_CELLS,
    ids=[f"{c[4]}-{c[2]}-{c[3]}" for c in BAD_CELLS],
)
def test_a_bad_cell_is_a_located_problem_and_nothing_is_written(  # noqa: PLR0917
    run_cli: RunCli,
    repo: Path,
    books: dict[str, Path],
    sheet: str,
    key: str,
    header: str,
    value: Any,
    code: str,
    words: str,
) -> None:
    cell = where(openpyxl.load_workbook(books["noord"]), sheet, key, header)

    def edit(book: Any) -> None:
        book[sheet][cell] = value
        book[ACTS][where(book, ACTS, "quantum-keten/verkenning", "Bedrag")] = 1  # a good edit

    book = edited(books["noord"], repo / "book.xlsx", edit)
    git(repo, "add", "book.xlsx")
    git(repo, "commit", "-qm", "book")
    done = _import(run_cli, repo, book, "--write")
    assert done.exit_code == 1, done.stdout
    line = next(x for x in done.stdout.splitlines() if f"[{code}]" in x)
    assert line.startswith(f"book.xlsx:{sheet}!{cell}: error: "), line
    assert words in line
    _unchanged(repo)


def _workbook_problem(
    run_cli: RunCli, repo: Path, book: Path, code: str, *, fmt: str = "text"
) -> str:
    done = _import(run_cli, repo, book, "--write", "--format", fmt)
    assert done.exit_code == 1, done.stdout
    assert f"[{code}]" in done.stdout or f'"code": "{code}"' in done.stdout, done.stdout
    _unchanged(repo)
    return done.stdout


def test_merged_cells_renamed_sheets_and_headers(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    merged = edited(books["noord"], repo.parent / "m.xlsx", lambda b: b[ACTS].merge_cells("N3:O4"))
    out = _workbook_problem(run_cli, repo, merged, "merged-cell")
    assert "../m.xlsx:Activiteiten!N3: error: the cells N3:O4 are merged; unmerge them" in out

    def rename(book: Any) -> None:
        book[ACTS].title = "Acts"

    renamed = edited(books["noord"], repo.parent / "r.xlsx", rename)
    out = _workbook_problem(run_cli, repo, renamed, "sheet-missing")
    assert (
        "../r.xlsx:Acts!A1: error: the sheet 'Activiteiten' is missing. Was 'Acts' renamed? "
        "Rename the sheet back to 'Activiteiten'" in out
    )

    def header(book: Any) -> None:
        book[ACTS][where(book, ACTS, "quantum-keten/testbed", "Bedrag")[0] + "1"] = "Bedrag (€)"

    headed = edited(books["noord"], repo.parent / "h.xlsx", header)
    out = _workbook_problem(run_cli, repo, headed, "column-missing")
    assert "error: no column 'Bedrag' on this sheet; write the header back as 'Bedrag'" in out


def test_foreign_corrupt_and_protected_workbooks(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    foreign = repo.parent / "foreign.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Bedrag"
    book.save(foreign)
    out = _workbook_problem(run_cli, repo, foreign, "workbook-foreign")
    assert "../foreign.xlsx:1:1: error: this workbook was not written by ntsplan" in out

    corrupt = repo.parent / "corrupt.xlsx"
    corrupt.write_bytes(books["noord"].read_bytes()[:5000])
    out = _workbook_problem(run_cli, repo, corrupt, "workbook-unreadable")
    assert "not an .xlsx workbook (the file is damaged or of another kind)" in out

    # An encrypted Office file is an OLE container holding an EncryptionInfo stream.
    protected = repo.parent / "protected.xlsx"
    protected.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    )
    out = _workbook_problem(run_cli, repo, protected, "workbook-encrypted", fmt="json")
    problem = json.loads(out)["problems"][0]
    assert problem["message"].startswith("the workbook is protected with a password")


# Report formats -------------------------------------------------------------------------


def test_json_and_markdown_reports(run_cli: RunCli, repo: Path, books: dict[str, Path]) -> None:
    def edit(book: Any) -> None:
        book[ACTS][where(book, ACTS, "quantum-keten/verkenning", "Bedrag")] = 40000
        book[ACTS][where(book, ACTS, "quantum-keten/verkenning", "Titel")] = "x"

    book = edited(books["noord"], repo.parent / "book.xlsx", edit)
    done = _import(run_cli, repo, book, "--format", "json")
    assert done.exit_code == 0
    document = json.loads(done.stdout)
    assert document["written"] is False
    assert document["files"] == ["data/valuechains/quantum-keten.yaml"]
    assert [p["code"] for p in document["problems"]] == ["read-only-cell"]
    assert document["problems"][0]["sheet"] == ACTS
    (chain,) = document["diff"]["valuechains"]
    (activity,) = chain["activities"]
    assert activity["fields"] == [{"field": "budget.amount", "before": 33333.33, "after": 40000.0}]
    markdown = _import(run_cli, repo, book, "--format", "markdown")
    assert markdown.stdout.startswith("### Plan changes: `the working tree` → `../book.xlsx`\n")
    assert "| budget.amount: €33,333.33 → €40,000 |" in markdown.stdout
    assert "\n#### Not imported\n" in markdown.stdout
    assert "read-only-cell" in markdown.stdout
    github = _import(run_cli, repo, book, "--format", "github")
    title = where(openpyxl.load_workbook(book), ACTS, "quantum-keten/verkenning", "Titel")
    row, column = int(title[1:]), openpyxl.utils.column_index_from_string(title[0])
    assert github.stdout.startswith(
        f"::warning file=../book.xlsx,line={row},col={column},title=ntsplan read-only-cell::"
        f"Activiteiten!{title}: the column 'Titel' is not imported"
    )
    assert "Changes to the plan between the working tree and ../book.xlsx" in github.stdout
    _unchanged(repo)


def test_the_workbook_carries_its_provenance(books: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(books["noord"])
    assert book["ntsplan"].sheet_state == "veryHidden"
    assert book["ntsplan"]["A1"].value == "ntsplan-workbook"
    manifest = json.loads(book["ntsplan"]["B1"].value)
    assert manifest["edition"] == "rom:noord" and manifest["language"] == "nl"
    ws = book[ACTS]
    key_letter = next(c.column_letter for c in ws[1] if c.value == "Herkomst (ntsplan)")
    assert ws.column_dimensions[key_letter].hidden
    keys = [c.value for c in ws[key_letter][1:] if c.value]
    assert keys == [
        "quantum-keten/verkenning",
        "quantum-keten/testbed",
        "quantum-keten/zonder-geld",
    ]
    recorded = {row[0].value: row[1].value for row in book["ntsplan"].iter_rows(min_row=3)}
    assert set(recorded) == {*keys, "quantum-keten/testbed#1"}
    assert all(len(h) == 16 for h in recorded.values())


def test_nothing_to_import_from_an_unchanged_workbook(
    run_cli: RunCli, repo: Path, books: dict[str, Path]
) -> None:
    done = _import(run_cli, repo, books["nl"], "--write")
    assert done.exit_code == 0, done.stdout
    assert "No changes to the plan" in done.stdout
    _unchanged(repo)
