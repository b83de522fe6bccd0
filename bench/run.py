"""``make bench``: how fast ntsplan validates and builds, against its floors and targets.

    .venv/bin/python bench/run.py [--quick | --full]
                                  [--only validate|build|serve|lsp|editable|import]
                                  [--data DIR]

Prints tables and one PASS/FAIL line per target; exits 0 whatever the verdicts (the
numbers are for people to read, not a gate), 2 on a usage error. Synthetic plans go to
the git-ignored folder .bench/.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))  # the sibling modules, also when imported from elsewhere

import build_bench  # noqa: E402
import editable_bench  # noqa: E402
import import_bench  # noqa: E402
import lsp_bench  # noqa: E402
import serve_bench  # noqa: E402
import validate_bench  # noqa: E402

ROOT = BENCH.parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark halves asked for; always 0 unless the arguments are wrong."""
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions; skip 100x and the 10x PDF"
    )
    parser.add_argument(
        "--full", action="store_true", help="repeat the 10x PDF and WeasyPrint alone (minutes)"
    )
    parser.add_argument(
        "--only",
        choices=["validate", "build", "serve", "lsp", "editable", "import"],
        help="run one part only",
    )
    parser.add_argument(
        "--data", type=Path, default=ROOT / "data", help="the plan to scale (default: data/)"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / ".bench", help="where generated plans go"
    )
    args = parser.parse_args(argv)
    ntsplan = Path(sys.executable).parent / "ntsplan"
    if not ntsplan.exists():
        parser.error(f"{ntsplan} not found; run 'make build' first")
    if not (args.data / "plan.yaml").is_file():
        parser.error(f"{args.data} holds no plan.yaml")
    args.work.mkdir(parents=True, exist_ok=True)
    data = args.data.resolve()
    work = args.work.resolve()

    started = time.perf_counter()
    results: dict[str, bool] = {}
    if args.only in (None, "validate"):
        results["validate"] = validate_bench.run(data, work, ntsplan, quick=args.quick)
        print()
    if args.only in (None, "serve"):
        served = serve_bench.run(data, work, ntsplan, quick=args.quick)
        if served is not None:
            results["serve"] = served
        print()
    if args.only in (None, "lsp"):
        results["lsp"] = lsp_bench.run(data, work, quick=args.quick)
        print()
    if args.only in (None, "build"):
        outcome = build_bench.run(data, work, ntsplan, quick=args.quick, full=args.full)
        if outcome is not None:
            results["build"] = outcome
        print()
    if args.only in (None, "editable"):
        results["editable"] = editable_bench.run(data, work, reps=1 if args.quick else 3)
        print()
    if args.only in (None, "import"):
        # a 100x workbook: with --quick, a 10x one and a single pair of runs
        quick = args.quick
        results["import"] = import_bench.run(
            data, factor=10 if quick else 100, repeat=1 if quick else 3
        )
        print()
    summary = ", ".join(f"{k}: {'all PASS' if v else 'some FAIL'}" for k, v in results.items())
    print(f"bench done in {time.perf_counter() - started:.0f} s ({summary or 'nothing run'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
