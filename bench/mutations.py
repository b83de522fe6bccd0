"""The mutation corpus, all of it: per operator, how ntsplan's problems and fixes hold up.

    .venv/bin/python bench/mutations.py [--jobs N] [--sample N] [--seed S] [--verbose]

Generates every case of ``tests/mutations.py`` from the shipped ``data/`` (deterministic
for a seed), judges each (located at the mutated node; a fix applied and checked again;
guidance without a fix) and prints, per operator: cases, located, fixes offered (safe and
unsafe), fixes that work, fixes that break something, crashes. Run by ``make messages``.
Exits 0 whatever the figures; tests/fix/test_mutations.py gates a sample.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from mutations import Case, Corpus, Verdict, generate, judge  # noqa: E402

_CORPUS: Corpus | None = None


def _judge(case: Case) -> Verdict:
    global _CORPUS  # noqa: PLW0603 - one corpus (and its check memo) per worker process
    if _CORPUS is None:
        _CORPUS = Corpus.of(ROOT / "data")
    return judge(_CORPUS, case)


COLUMNS = (
    "cases",
    "located",
    "safe",
    "safe ok",
    "unsafe",
    "unsafe ok",
    "breaks",
    "no fix, guided",
    "crashes",
)


def _row(verdicts: list[Verdict]) -> list[int]:
    count = Counter()
    for v in verdicts:
        count["cases"] += 1
        count["located"] += v.located
        count["safe"] += v.fix == "safe"
        count["safe ok"] += v.fix == "safe" and v.fix_works
        count["unsafe"] += v.fix == "unsafe"
        count["unsafe ok"] += v.fix == "unsafe" and v.fix_works
        count["breaks"] += bool(v.fix_breaks)
        count["no fix, guided"] += v.located and not v.fix and v.guidance
        count["crashes"] += bool(v.crash)
    return [count[c] for c in COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/mutations.py", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="judge N cases only (0: all)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--verbose", action="store_true", help="list the cases that miss")
    options = parser.parse_args(argv)
    cases = generate(Corpus.of(ROOT / "data"), seed=options.seed)
    if options.sample:
        cases = random.Random(options.seed).sample(cases, min(options.sample, len(cases)))
    with ProcessPoolExecutor(max_workers=options.jobs) as pool:
        verdicts = list(pool.map(_judge, cases, chunksize=16))
    by_operator: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        by_operator[verdict.case.operator].append(verdict)
    width = max(len(op) for op in by_operator) + 2
    print(f"Mutation corpus from data/ (seed {options.seed}): {len(verdicts)} cases")
    print("operator".ljust(width) + "  ".join(f"{c:>9}" for c in COLUMNS))
    for operator, group in sorted(by_operator.items()):
        print(operator.ljust(width) + "  ".join(f"{n:>9}" for n in _row(group)))
    total = _row(verdicts)
    print("all".ljust(width) + "  ".join(f"{n:>9}" for n in total))
    cases_, located, safe, safe_ok, unsafe, unsafe_ok = total[:6]
    print(
        f"located {located / max(cases_, 1):.1%}; safe fixes working {safe_ok}/{safe}; "
        f"unsafe fixes working {unsafe_ok}/{unsafe}; crashes {total[-1]}"
    )
    for verdict in verdicts:
        if verdict.crash or verdict.fix_breaks or (options.verbose and not verdict.located):
            why = verdict.crash or verdict.fix_breaks or f"not located ({verdict.message})"
            print(f"  {verdict.case.name}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
