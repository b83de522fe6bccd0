"""``make messages``: how well ntsplan's problems tell an editor what to do.

    .venv/bin/python bench/messages.py [--verbose]

Runs ``ntsplan validate --data`` over every case of the corpus in ``tests/cases/`` (editing slips
and hostile files, one folder per case, laid over ``tests/cases/base``) through the real
entry point, and prints three figures:

* located correctly: cases where every problem the case records (file, line, column,
  severity, code in its ``expected.txt``) is reported exactly there, and nothing else;
* message names the fix: cases where, besides, every recorded problem's message holds the
  key words of the fix recorded for it (after ``|`` in ``expected.txt``); a problem with no
  recorded fix words does not count as naming its fix;
* crashes: runs that end in a traceback, an internal error or an exit code other than
  0, 1 or 2 (the target is 0).

Valid cases must report nothing; any that do are listed. Exits 0 whatever the figures
(they are for people to read); ``tests/check/test_cases.py`` is the gate.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
sys.path.insert(0, str(ROOT / "tests"))

from conftest import build_case  # noqa: E402 - the same case builder as the tests

_EXPECTED_RE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+):(?P<severity>error|warning):(?P<code>[a-z-]+)"
    r"(?:\s*\|(?P<fix>.*))?$"
)
Located = tuple[str, int, int, str, str]


@dataclass
class Outcome:
    """One case's run, judged."""

    name: str
    located: bool = False
    names_fix: bool = False
    crashed: str = ""
    missing_fix_words: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)


def _expected(case: Path) -> dict[Located, list[str]]:
    found: dict[Located, list[str]] = {}
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        match = _EXPECTED_RE.match(line.strip())
        if match is None:
            continue
        located = (
            match["file"],
            int(match["line"]),
            int(match["column"]),
            match["severity"],
            match["code"],
        )
        words = [w.strip() for w in (match["fix"] or "").split("|") if w.strip()]
        found[located] = words
    return found


def _args(case: Path) -> list[str]:
    path = case / "args.txt"
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run(home: Path, args: list[str]) -> tuple[int | None, str, str]:
    """``ntsplan validate --data data --format json ARGS`` in ``home``, in this process."""
    from ntsplan.cli import main  # noqa: PLC0415 - after sys.path is set

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(home)
    code: int | None = None
    try:
        sys.argv = ["ntsplan", "validate", "--data", "data", "--format", "json", *args]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
                code = 0
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 1
    except Exception:  # a crash is what this counts
        err.write(traceback.format_exc())
    finally:
        os.chdir(previous)
    return code, out.getvalue(), err.getvalue()


def judge(case: Path, scratch: Path) -> Outcome:
    """Run one invalid case and judge its report."""
    outcome = Outcome(case.name)
    home = scratch / case.name
    build_case(case, home / "data")
    code, stdout, stderr = _run(home, _args(case))
    if code not in (0, 1, 2) or "Traceback" in stderr or "internal error" in stderr + stdout:
        outcome.crashed = f"exit {code}: {stderr.strip().splitlines()[-1:] or ''}"
        return outcome
    try:
        problems = json.loads(stdout)["problems"]
    except (ValueError, KeyError):
        outcome.crashed = "no JSON report"
        return outcome
    found = {
        (
            p["file"].removeprefix("data/"),
            p["line"],
            p["column"],
            p["severity"],
            p["code"],
        ): p["message"]
        for p in problems
    }
    expected = _expected(case)
    outcome.located = set(found) == set(expected)
    if not outcome.located:
        outcome.detail = [
            *(f"missing {':'.join(map(str, e))}" for e in sorted(set(expected) - set(found))),
            *(f"extra   {':'.join(map(str, f))}" for f in sorted(set(found) - set(expected))),
        ]
        return outcome
    for located, words in expected.items():
        message = found[located].lower()
        if not words:
            outcome.missing_fix_words.append(f"{':'.join(map(str, located))} (no fix recorded)")
        for word in words:
            if word.lower() not in message:
                outcome.missing_fix_words.append(f"{':'.join(map(str, located))}: {word!r}")
    outcome.names_fix = not outcome.missing_fix_words
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/messages.py", description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every case that misses")
    options = parser.parse_args(argv)
    invalid = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
    valid = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory(prefix="ntsplan-messages-") as folder:
        scratch = Path(folder)
        outcomes = [judge(case, scratch) for case in invalid]
        noisy = []
        for case in valid:
            home = scratch / f"valid-{case.name}"
            build_case(case, home / "data")
            code, stdout, _ = _run(home, _args(case))
            if code != 0 or json.loads(stdout or '{"problems": [1]}')["problems"]:
                noisy.append(case.name)
    total = len(outcomes)
    located = sum(o.located for o in outcomes)
    named = sum(o.names_fix for o in outcomes)
    crashes = [o for o in outcomes if o.crashed]
    problems = sum(len(_expected(case)) for case in invalid)
    print(f"Problem messages over tests/cases/invalid: {total} cases, {problems} problems")
    print(f"  located correctly:      {located:3d} / {total} cases")
    print(f"  message names the fix:  {named:3d} / {total} cases")
    print(f"  crashes:                {len(crashes):3d}        (target 0)")
    print(f"  valid cases with problems: {len(noisy)} / {len(valid)}")
    for outcome in outcomes:
        if outcome.crashed:
            print(f"  CRASH {outcome.name}: {outcome.crashed}")
        elif options.verbose and not outcome.located:
            print(f"  not located: {outcome.name}: " + "; ".join(outcome.detail))
        elif options.verbose and not outcome.names_fix:
            print(f"  no fix named: {outcome.name}: " + "; ".join(outcome.missing_fix_words))
    for name in noisy:
        print(f"  valid case with problems: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
