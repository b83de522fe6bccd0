"""Benchmark of ``ntsplan lsp``: the re-check after a keystroke in one value chain (issue 11).

In process, as the server does it: a ``PlanSession`` over the plan folder with one value
chain open; each "keystroke" changes that buffer (a letter more in its Dutch title) and runs the
check (load with the per-file cache, validate the changed file, link the whole plan) and
turns the problems into diagnostics. Warm: after three keystrokes that fill the caches.
The reference in the same run is a cold ``check_folder``, what ``ntsplan validate`` runs.
Targets (the issue's): at most 50 ms at 1x and 250 ms at 100x, median.
"""

from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path

import lsp_session_bench
from measure import fmt_s, load_note, print_table, verdict
from synthetic import generate, measure_plan, schema_expects_max

from ntsplan.check import check_folder
from ntsplan.lsp.diagnostics import by_file, to_diagnostic
from ntsplan.lsp.session import PlanSession

TARGETS = {1: 0.050, 100: 0.250}
KEYSTROKES = 30
WARM_UP = 3


def _keystrokes(folder: Path, count: int) -> tuple[list[float], int, int]:
    """Timings of ``count`` warm keystrokes, the files parsed during them, and the problems."""
    root = folder.resolve()
    chain = sorted((root / "valuechains").glob("*.yaml"))[0]
    text = chain.read_text(encoding="utf-8")
    marker = "\n  nl: " if "\ntitle:\n  nl: " in text else "\ntitle: "
    assert marker in text, chain
    session = PlanSession(root)
    timings: list[float] = []
    problems = 0
    parsed_before = 0
    for stroke in range(WARM_UP + count):
        edited = text.replace(marker, marker + "x" * (stroke + 1), 1)
        started = time.perf_counter()
        session.set_buffer(chain, edited)
        result = session.check()
        assert result is not None
        lines = edited.split("\n")
        for path, listed in by_file(result.problems).items():
            for problem in listed:
                to_diagnostic(problem, lines if path == chain else [], _range)
        elapsed = time.perf_counter() - started
        if stroke == WARM_UP - 1:
            parsed_before = session.reader.parsed
        if stroke >= WARM_UP:
            timings.append(elapsed)
            problems = len(result.problems)
    return timings, session.reader.parsed - parsed_before, problems


def _range(row: int, start: int, end: int) -> object:
    return (row, start, end)


def _cold(folder: Path, repetitions: int) -> list[float]:
    timings = []
    for _ in range(repetitions):
        started = time.perf_counter()
        check_folder(folder.resolve())
        timings.append(time.perf_counter() - started)
    return timings


def run(data: Path, work: Path, *, quick: bool) -> bool:
    """Measure 1x and (unless quick) 100x; print the table and the targets."""
    factors = [1] if quick else [1, 100]
    gc.set_threshold(200_000, 30, 30)  # as the entry point does (ntsplan.cli.main)
    print("== ntsplan lsp: re-check after a keystroke in one value chain (warm) ==")
    print(load_note())
    rows = []
    ok = True
    verdicts = []
    folders: dict[int, Path] = {}
    for factor in factors:
        if factor == 1:
            folder, size = data, measure_plan(data)
        else:
            folder = work / f"plan-{factor}x"
            size = generate(data, folder, factor, expects_max=schema_expects_max())
        folders[factor] = folder
        timings, parsed, problems = _keystrokes(folder, KEYSTROKES)
        cold = _cold(folder, 3)
        median = statistics.median(timings)
        p90 = sorted(timings)[int(len(timings) * 0.9) - 1]
        rows.append(
            [
                f"{factor}x",
                str(size.valuechains),
                str(size.files),
                fmt_s(median),
                fmt_s(p90),
                fmt_s(min(timings)),
                fmt_s(statistics.median(cold)),
                f"{median / statistics.median(cold):.2f}",
                f"{parsed / KEYSTROKES:.1f}",
                str(problems),
            ]
        )
        target = TARGETS[factor]
        passed = median <= target
        ok = ok and passed
        verdicts.append(
            f"  [{verdict(passed)}] keystroke re-check at {factor}x at most "
            f"{target * 1000:.0f} ms: median {median * 1000:.1f} ms (p90 {p90 * 1000:.1f} ms)"
        )
    print_table(
        [
            "plan",
            "chains",
            "files",
            "keystroke med",
            "p90",
            "min",
            "cold check",
            "ratio",
            "parsed/stroke",
            "problems",
        ],
        rows,
    )
    print(
        f"{KEYSTROKES} keystrokes after {WARM_UP} warm-up ones; cold check = check_folder "
        "without caches (ntsplan validate's computation); ratio = keystroke / cold"
    )
    print()
    session_verdicts, session_ok = lsp_session_bench.run(folders, work, quick=quick)
    print("targets:")
    for line in [*verdicts, *session_verdicts]:
        print(line)
    return ok and session_ok
