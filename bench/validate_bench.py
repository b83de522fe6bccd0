"""Benchmark of ``ntsplan validate`` against its floor (issues 2 and 12).

The floor is a Python process that imports pydantic and PyYAML and parses the same files
with CSafeLoader (bench/floor.py). Both run alternately, as subprocesses, on the shipped
data and on synthetic plans 10x and 100x larger. On the shipped data, check-jsonschema
with the exported schemas (schemas/) over the same files runs in the same alternation.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from measure import (
    Series,
    alternate,
    fmt_s,
    load_note,
    memory_note,
    paired_ratio,
    print_table,
    run_once,
    verdict,
)
from synthetic import PlanSize, generate, measure_plan, schema_expects_max

BENCH = Path(__file__).resolve().parent
SCHEMAS = BENCH.parent / "schemas"
TARGETS = {1: 1.8, 100: 1.45}
"""validate against its floor, per plan size (issue 12)."""
JSONSCHEMA_TARGET = 4.0
"""check-jsonschema over the same files takes at least this many times as long."""
NOISE = 0.10
"""Allowed excess of the 100x per-chain cost over the 10x one, for measurement noise."""


@dataclass(slots=True)
class Sample:
    """One plan size with its measurements."""

    label: str
    folder: Path
    size: PlanSize
    ntsplan: Series
    floor: Series
    jsonschema: Series | None = None


def check_valid(ntsplan: Path, folder: Path, *, expects_capped: bool) -> bool:
    """Run validate once and show whether the plan is clean; True when exit code 0."""
    done = subprocess.run(
        [str(ntsplan), "validate", "--format", "json", "--data", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(done.stdout)
        summary = report["summary"]
        problems = report["problems"]
    except (ValueError, KeyError):
        print(
            f"  {folder}: validate exit {done.returncode}, unreadable output: {done.stderr[-500:]}"
        )
        return False
    state = "OK" if done.returncode == 0 and summary["errors"] == 0 else "INVALID"
    print(
        f"  {folder}: validate exit {done.returncode}, {summary['errors']} errors, "
        f"{summary['warnings']} warnings [{state}]"
    )
    for problem in problems[:5]:
        print(
            f"    {problem['file']}:{problem['line']}: {problem['severity']}: {problem['message']}"
        )
    codes = {p["code"] for p in problems}
    if expects_capped and "count-mismatch" in codes:
        print("    (expected: plan.yaml's expects.valuechains is capped by the schema's maximum)")
    return done.returncode == 0


def _generate(data: Path, work: Path, factors: list[int]) -> dict[int, tuple[Path, PlanSize]]:
    """The plan folder and size of each factor; 1x is ``data`` itself."""
    cap = schema_expects_max()
    plans = {1: (data, measure_plan(data))}
    for factor in factors[1:]:
        folder = work / f"plan-{factor}x"
        plans[factor] = (folder, generate(data, folder, factor, expects_max=cap))
    return plans


def _print_table(samples: list[Sample]) -> None:
    header = ["plan", "chains", "files", "activ.", "KiB", "ntsplan med", "min"]
    header += ["floor med", "min", "ratio", "ntsplan MiB", "floor MiB"]
    rows = [
        [
            s.label,
            str(s.size.valuechains),
            str(s.size.files),
            str(s.size.activities),
            str(s.size.kib),
            fmt_s(s.ntsplan.median),
            fmt_s(s.ntsplan.best),
            fmt_s(s.floor.median),
            fmt_s(s.floor.best),
            f"{paired_ratio(s.ntsplan, s.floor):.2f}",
            f"{s.ntsplan.peak_mib:.0f}",
            f"{s.floor.peak_mib:.0f}",
        ]
        for s in samples
    ]
    print_table(header, rows)
    print(memory_note())
    print("ratio: median over the alternated pairs of t(ntsplan) / t(floor)")


def _per_chain_costs(samples: list[Sample]) -> dict[str, float]:
    """Print and return the marginal cost of a value chain at each size above 1x."""
    base = samples[0]
    costs: dict[str, float] = {}
    if len(samples) < 2:
        return costs
    print()
    print(
        "per-value-chain cost = (t(Nx) - t(1x)) / (chains(Nx) - chains(1x)): the marginal"
        " cost of one more value chain,\nfrom the best run of each size (the least noisy"
        " estimate; from medians in brackets)"
    )
    for s in samples[1:]:
        extra = s.size.valuechains - base.size.valuechains
        costs[s.label] = (s.ntsplan.best - base.ntsplan.best) / extra
        by_median = (s.ntsplan.median - base.ntsplan.median) / extra
        floor_cost = (s.floor.best - base.floor.best) / extra
        floor_median = (s.floor.median - base.floor.median) / extra
        by_cpu = (s.ntsplan.cpu_best - base.ntsplan.cpu_best) / extra
        print(
            f"  {s.label:>4}: ntsplan {costs[s.label] * 1000:.2f} ms/chain "
            f"({by_median * 1000:.2f}; CPU time {by_cpu * 1000:.2f}), "
            f"floor {floor_cost * 1000:.2f} ms/chain ({floor_median * 1000:.2f})"
        )
    return costs


def _check_jsonschema(ntsplan: Path) -> Path | None:
    found = ntsplan.parent / "check-jsonschema"
    return found if found.exists() and SCHEMAS.is_dir() else None


def _jsonschema_command(checker: Path, folder: Path) -> list[str]:
    """One shell running check-jsonschema once per kind of file, with ntsplan's schemas."""
    kinds = [
        ("plan", [folder / "plan.yaml"]),
        ("roms", [folder / "roms.yaml"]),
        ("technology", sorted((folder / "technologies").glob("*.yaml"))),
        ("valuechain", sorted((folder / "valuechains").glob("*.yaml"))),
    ]
    steps = [
        " ".join(
            shlex.quote(str(part))
            for part in [checker, "--schemafile", SCHEMAS / f"{kind}.schema.json", *files]
        )
        for kind, files in kinds
        if files
    ]
    return ["sh", "-c", " && ".join(steps)]


def _floor_targets(factors: list[int], samples: list[Sample]) -> bool:
    """Print the floor and check-jsonschema targets; True when they pass."""
    base = samples[0]
    ok_ratio = True
    for factor, sample in zip(factors, samples, strict=True):
        if factor not in TARGETS:
            continue
        ratio = paired_ratio(sample.ntsplan, sample.floor)
        ok = ratio <= TARGETS[factor]
        print(
            f"  [{verdict(ok)}] {sample.label} within {TARGETS[factor]}x of the floor: "
            f"{ratio:.2f}x (medians {fmt_s(sample.ntsplan.median)} s / "
            f"{fmt_s(sample.floor.median)} s; best runs "
            f"{sample.ntsplan.best / sample.floor.best:.2f}x)"
        )
        ok_ratio = ok_ratio and ok
    if 100 not in factors:
        print("  [SKIP] 100x within 1.45x of the floor (100x skipped with --quick)")
    if base.jsonschema is not None:
        faster = paired_ratio(base.jsonschema, base.ntsplan)
        ok_js = faster >= JSONSCHEMA_TARGET
        print(
            f"  [{verdict(ok_js)}] {base.label}: check-jsonschema over the same files at least"
            f" {JSONSCHEMA_TARGET}x as slow as ntsplan validate: {faster:.2f}x (medians "
            f"{fmt_s(base.jsonschema.median)} s vs {fmt_s(base.ntsplan.median)} s)"
        )
        ok_ratio = ok_ratio and ok_js
    else:
        print("  [SKIP] check-jsonschema comparison (check-jsonschema not installed)")
    return ok_ratio


def run(data: Path, work: Path, ntsplan: Path, *, quick: bool) -> bool:
    """Generate the plans, measure, print the table and targets. True when all targets pass."""
    factors = [1, 10] if quick else [1, 10, 100]
    repetitions = {1: 3 if quick else 7, 10: 3 if quick else 7, 100: 3}
    print("== ntsplan validate vs floor ==")
    print(load_note())
    print(f"generating synthetic plans from {data} into {work}/ ...")
    plans = _generate(data, work, factors)
    cap = schema_expects_max()
    valid = True
    for folder, size in plans.values():
        capped = cap is not None and size.valuechains > cap
        valid = check_valid(ntsplan, folder, expects_capped=capped) and valid

    samples: list[Sample] = []
    checker = _check_jsonschema(ntsplan)
    for factor in factors:
        folder, size = plans[factor]
        commands = {
            "ntsplan": partial(run_once, [ntsplan, "validate", "--data", folder]),
            "floor": partial(run_once, [sys.executable, BENCH / "floor.py", folder]),
        }
        if factor == 1 and checker is not None:
            commands["jsonschema"] = partial(run_once, _jsonschema_command(checker, folder))
        series = alternate(commands, repetitions[factor])
        label = f"{factor}x" + (" (shipped)" if factor == 1 else "")
        samples.append(
            Sample(
                label, folder, size, series["ntsplan"], series["floor"], series.get("jsonschema")
            )
        )
        print(f"  measured {label}: {repetitions[factor]} alternating runs each")

    print()
    _print_table(samples)
    print(load_note())
    costs = _per_chain_costs(samples)
    print()
    print("targets:")
    ok_ratio = _floor_targets(factors, samples)
    ok_scale = True
    if "100x" in costs:
        c10, c100 = costs["10x"], costs["100x"]
        ok_scale = c100 <= c10 * (1 + NOISE)
        print(
            f"  [{verdict(ok_scale)}] per-value-chain cost at 100x no higher than at 10x "
            f"(+{NOISE:.0%} noise): {c100 * 1000:.2f} ms vs {c10 * 1000:.2f} ms"
        )
    else:
        print("  [SKIP] per-value-chain cost at 100x vs 10x (100x skipped with --quick)")
    print(f"  [{verdict(valid)}] every benchmarked plan validates (exit code 0)")
    failed = [s.label for s in samples if s.jsonschema and s.jsonschema.exit_codes != {0}]
    if failed:
        print(f"  [FAIL] check-jsonschema did not pass on: {', '.join(failed)}")
    return ok_ratio and ok_scale and valid
