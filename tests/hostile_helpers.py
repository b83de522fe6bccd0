"""Helpers for the hostile-input tests: run ntsplan in forked children, measure each one.

``run_jobs`` hands a list of command lines to ``hostile_worker.py`` (one interpreter with
ntsplan imported), which forks a child per job and reports its exit code, output and peak
memory. A timeout ends a child that hangs; it is a guard, not a timing assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conftest import clean_env

WORKER = Path(__file__).with_name("hostile_worker.py")

MEMORY_BOUND_MIB = 300
"""Generous peak memory for one validation of a hostile folder; a normal run takes ~40 MiB."""

HANG_GUARD_SECONDS = 60
"""A child still running after this long has hung: it is ended and the test fails."""

ProblemRow = tuple[str, int, int, str, str]
"""A reported problem as (file, line, column, severity, code)."""


@dataclass(frozen=True)
class Job:
    """One run of ``ntsplan ARGS`` in ``cwd``; ``confined``: without root's power to read and
    write any file, so that permissions stop it as they stop any user (see the worker)."""

    args: tuple[str, ...]
    cwd: Path
    confined: bool = False
    timeout: int = HANG_GUARD_SECONDS


@dataclass(frozen=True)
class Outcome:
    """What one run did; the repr shows everything, for failing assertions."""

    job: Job
    exit_code: int
    timed_out: bool
    peak_mib: float
    stdout: str
    stderr: str
    problems: list[ProblemRow] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"Outcome(args={self.job.args!r}, exit_code={self.exit_code}, "
            f"peak={self.peak_mib:.1f} MiB, timed_out={self.timed_out})\n"
            f"--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}--- end ---"
        )


def _problems(stdout: str) -> list[ProblemRow]:
    try:
        report = json.loads(stdout)
    except ValueError:
        return []
    return [
        (p["file"], p["line"], p["column"], p["severity"], p["code"]) for p in report["problems"]
    ]


def run_jobs(jobs: Sequence[Job]) -> list[Outcome]:
    """Run every job in a forked child of one worker process; return their outcomes."""
    payload = [
        {
            "args": list(j.args),
            "cwd": os.fspath(j.cwd),
            "confined": j.confined,
            "timeout": j.timeout,
        }
        for j in jobs
    ]
    completed = subprocess.run(
        [sys.executable, os.fspath(WORKER)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
        timeout=sum(j.timeout for j in jobs) + 60,
    )
    assert completed.returncode == 0, completed.stderr
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert len(results) == len(jobs), completed.stderr
    return [
        Outcome(
            job=job,
            exit_code=r["exit_code"],
            timed_out=r["timed_out"],
            peak_mib=r["peak_kib"] / 1024,
            stdout=r["stdout"],
            stderr=r["stderr"],
            problems=_problems(r["stdout"]),
        )
        for job, r in zip(jobs, results, strict=True)
    ]


def assert_clean_ending(outcome: Outcome, *, memory_mib: float = MEMORY_BOUND_MIB) -> None:
    """The run ended by itself, within the memory bound, with no traceback or crash."""
    assert not outcome.timed_out, outcome
    assert outcome.peak_mib < memory_mib, outcome
    for stream in (outcome.stdout, outcome.stderr):
        assert "Traceback" not in stream, outcome
        assert "internal error" not in stream, outcome
