"""The editable edition's cost (issue 20): what making the ODT and DOCX adds to a cold
``ntsplan build`` of all outputs, and that a rebuild with nothing changed makes neither.

Both are measured inside real builds, paired by construction: a child process runs the
command line's ``build`` (all outputs, from an empty folder, default jobs) with the
editable edition's steps timed (reading the HTML into the document, writing each
package); their time is set against the rest of the same build. Then the same build
again into the same folder: both files must be left as they were and the steps never run.

    .venv/bin/python bench/editable_bench.py [--reps N] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET = 0.20
"""Making the ODT and DOCX adds at most 20% to a cold build of all outputs."""

CHILD = """
import json, os, sys, time
import ntsplan.editable as editable
import ntsplan.editable.docx as docx
import ntsplan.editable.odt as odt

spent = {"editable": 0.0, "calls": 0}

def timed(module, name):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            spent["editable"] += time.perf_counter() - started
            spent["calls"] += 1
    setattr(module, name, wrapper)

timed(editable, "editable_document")
timed(odt, "write_odt")
timed(docx, "write_docx")
from ntsplan.cli import main
sys.argv = ["ntsplan", *sys.argv[1:]]
started = time.perf_counter()
try:
    main()
    code = 0
except SystemExit as stop:
    code = stop.code or 0
spent["total"] = time.perf_counter() - started
spent["code"] = code
with open(os.environ["EDITABLE_BENCH_OUT"], "w") as out:
    json.dump(spent, out)
"""


def _build(data: Path, out: Path, record: Path) -> dict[str, float]:
    env = {**os.environ, "EDITABLE_BENCH_OUT": str(record)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, "build", "--data", str(data), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    figures = json.loads(record.read_text())
    if figures["code"] != 0:
        raise SystemExit(f"build failed:\n{done.stderr}")
    figures["stderr"] = done.stderr  # type: ignore[assignment]
    return figures


def run(data: Path, work: Path, *, reps: int) -> bool:
    """Measure ``reps`` cold builds and one rebuild of each; print and return the verdict."""
    shares: list[float] = []
    totals: list[float] = []
    editables: list[float] = []
    rebuild_calls: list[float] = []
    rebuild_skipped = True
    for rep in range(reps):
        out = work / f"editable-{rep}"
        shutil.rmtree(out, ignore_errors=True)
        cold = _build(data, out, work / "editable-cold.json")
        totals.append(cold["total"])
        editables.append(cold["editable"])
        shares.append(cold["editable"] / (cold["total"] - cold["editable"]))
        again = _build(data, out, work / "editable-again.json")
        rebuild_calls.append(again["calls"])
        stderr = str(again["stderr"])
        rebuild_skipped = rebuild_skipped and all(
            f"skipped the {kind} render" in stderr for kind in ("ODT", "DOCX")
        )
    share = statistics.median(shares)
    print("editable edition (odt + docx) in a cold `ntsplan build` of all outputs")
    print(f"  data: {data}, {reps} cold build(s), each paired with its own rebuild")
    print(
        f"  cold build median {statistics.median(totals):.1f} s, of which odt + docx"
        f" {statistics.median(editables):.2f} s (read the HTML, write both packages)"
    )
    ok_share = share <= TARGET
    ok_rebuild = rebuild_skipped and not any(rebuild_calls)
    print(
        f"  [{'PASS' if ok_share else 'FAIL'}] odt + docx add at most {TARGET:.0%} to the rest"
        f" of the build: {share:.1%} (per run: {', '.join(f'{s:.1%}' for s in shares)})"
    )
    print(
        f"  [{'PASS' if ok_rebuild else 'FAIL'}] a rebuild with no change renders neither:"
        f" {'both left as they were' if rebuild_skipped else 'one was made again'},"
        f" editable steps run {int(max(rebuild_calls))} times"
    )
    return ok_share and ok_rebuild


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/editable_bench.py", description=__doc__)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="ntsplan-editable-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    run(args.data.resolve(), work.resolve(), reps=args.reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
