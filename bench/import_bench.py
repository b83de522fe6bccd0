"""Benchmark of ``ntsplan import`` (issue 21): importing a 100x workbook against writing it.

The shipped plan is scaled 100 times (4,700 activities, 1,500 value chains). Its workbook
is built once and edited as a ROM would return it (amounts, statuses, a budget status, a
period, a KPI target, every 25th row or so); then, alternated run by run so that drift in
machine load hits both alike:

* write: ``ntsplan build --only xlsx`` into an empty folder (a cold build: load,
  validate, link and the workbook, no cache);
* import: ``ntsplan import returned.xlsx`` (a dry run: load, validate, link, read the
  workbook, find and place the edits, check the edited plan again, compare; only the
  final write of a few files is left out, so every run sees the same plan).

Target: import at most 2x the time of writing (the median of the paired ratios). One
``--write`` run at the end checks that the edits land and the plan still validates.

    .venv/bin/python bench/import_bench.py [--factor 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import alternate, fmt_s, load_note, paired_ratio, print_table, run_once, verdict
from synthetic import generate, schema_expects_max

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0
NTSPLAN = [sys.executable, "-m", "ntsplan"]


def _edit(book: Any) -> int:
    """Change cells as a returned workbook would have them; the number of cells changed."""
    ws = book["Activiteiten"]
    column = {cell.value: cell.column - 1 for cell in ws[1]}
    changed = 0
    for row in ws.iter_rows(min_row=2):
        number = row[0].row
        amount = row[column["Bedrag"]]
        if number % 25 == 0 and isinstance(amount.value, int | float):
            amount.value = amount.value + 1000
            changed += 1
        if number % 40 == 0 and row[column["Status"]].value == "voorgesteld":
            row[column["Status"]].value = "gepland"
            changed += 1
        if number % 97 == 0 and row[column["Begrotingsstatus"]].value == "indicatief":
            row[column["Begrotingsstatus"]].value = "toegezegd"
            changed += 1
        if number % 89 == 0 and isinstance(row[column["Eindjaar"]].value, int):
            row[column["Eindjaar"]].value += 1
            changed += 1
    kpis = book["KPI's"]
    target = next(c.column - 1 for c in kpis[1] if c.value == "Doel")
    for row in kpis.iter_rows(min_row=2, max_row=200):
        if row[0].row % 30 == 0 and isinstance(row[target].value, int | float):
            row[target].value += 5
            changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=100, help="how many times the plan")
    parser.add_argument("--repeat", type=int, default=3, help="paired runs")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the plan to scale")
    args = parser.parse_args(argv)
    return 0 if run(args.data, factor=args.factor, repeat=args.repeat) else 1


def run(data: Path, *, factor: int = 100, repeat: int = 3) -> bool:
    """The import benchmark (``make bench`` runs it too): True when every target holds."""
    import openpyxl  # noqa: PLC0415 - only this benchmark edits a workbook

    print("== ntsplan import: a returned 100x workbook against writing it (issue 21)")
    with tempfile.TemporaryDirectory(prefix="ntsplan-import-bench-") as tmp:
        root = Path(tmp)
        size = generate(data, root / "plan", factor, expects_max=schema_expects_max())
        print(f"plan: {factor}x, {size.valuechains} value chains, {size.activities} activities")
        build = [*NTSPLAN, "build", "--data", root / "plan", "--only", "xlsx"]
        subprocess.run([*build, "--out", root / "first"], check=True, capture_output=True)
        (written,) = (root / "first").glob("*.xlsx")
        book = openpyxl.load_workbook(written)
        changed = _edit(book)
        returned = root / "returned.xlsx"
        book.save(returned)
        print(f"returned workbook: {changed} cells changed; {load_note()}")
        out = root / "out"

        def write() -> Any:
            shutil.rmtree(out, ignore_errors=True)
            return run_once([*build, "--out", out])

        def dry_import() -> Any:
            return run_once([*NTSPLAN, "import", returned, "--data", root / "plan"])

        series = alternate({"write": write, "import": dry_import}, repeat)
        for s in series.values():
            assert s.exit_codes == {0}, f"{s.label} failed: {s.exit_codes}"
        rows = [
            [s.label, fmt_s(s.median), str(max(r.peak_kib for r in s.runs) // 1024)]
            for s in series.values()
        ]
        print_table(["command", "median s", "peak MiB"], rows)
        ratio = paired_ratio(series["import"], series["write"])
        print(f"import / write: {ratio:.2f} (target <= {TARGET}) {verdict(ratio <= TARGET)}")
        done = run_once([*NTSPLAN, "import", returned, "--data", root / "plan", "--write"])
        valid = run_once([*NTSPLAN, "validate", "--data", root / "plan"])
        print(
            f"import --write: {fmt_s(done.seconds)} s, exit {done.exit_code}; "
            f"validate after: exit {valid.exit_code}"
        )
        return ratio <= TARGET and done.exit_code == 0 and valid.exit_code == 0


if __name__ == "__main__":
    sys.exit(main())
