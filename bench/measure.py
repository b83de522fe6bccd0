"""Run a command as a child process and measure its wall time and peak memory.

Peak memory comes from GNU time (``/usr/bin/time -f %M``): a child forked from this
Python process would otherwise inherit the benchmark's own resident set in its
``ru_maxrss``. Without GNU time it falls back to ``os.wait4`` and says so.

Children run without ``PYTHONDONTWRITEBYTECODE``, as on a user's machine: byte code is
cached, so the figures do not include compiling ntsplan's modules on every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Command = Sequence[str | Path]
GNU_TIME = Path("/usr/bin/time")
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True, slots=True)
class Run:
    """One run of a command."""

    seconds: float
    peak_kib: int
    exit_code: int
    cpu: float = 0.0
    """User plus system CPU seconds of the child (0 when unknown)."""
    stderr: str = ""
    """What the command wrote to stderr, when asked for (``run_once(..., capture=True)``)."""


def run_once(command: Command, *, cwd: Path | None = None, capture: bool = False) -> Run:
    """Run ``command`` with stdout discarded (stderr kept with ``capture``); wall time,
    peak RSS of the child or its largest descendant, exit code."""
    argv = [str(part) for part in command]
    if not GNU_TIME.exists():
        return _run_wait4(argv, cwd)
    with (
        tempfile.NamedTemporaryFile("r", suffix=".time") as report,
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors,
    ):
        start = time.perf_counter()
        done = subprocess.run(
            [str(GNU_TIME), "-f", "%M %U %S", "-o", report.name, *argv],
            cwd=cwd,
            env=CHILD_ENV,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors if capture else subprocess.DEVNULL,
            check=False,
        )
        seconds = time.perf_counter() - start
        # A failed command adds a line "Command exited with non-zero status N" before ours.
        lines = report.read().strip().splitlines()
        errors.seek(0)
        stderr = errors.read() if capture else ""
    fields = lines[-1].split() if lines else []
    try:
        peak, user, system = int(fields[0]), float(fields[1]), float(fields[2])
    except (IndexError, ValueError):
        peak, user, system = 0, 0.0, 0.0
    return Run(seconds, peak, done.returncode, user + system, stderr)


def _run_wait4(argv: list[str], cwd: Path | None) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        cwd=cwd,
        env=CHILD_ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # wait4 rather than child.wait(): it returns the rusage of exactly this child (which
    # includes the resident set this process had when it forked: an upper bound).
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, int(usage.ru_maxrss), child.returncode, usage.ru_utime + usage.ru_stime)


def memory_note() -> str:
    """How peak memory is measured, for the printed output."""
    if GNU_TIME.exists():
        return "peak memory: max RSS of the child (GNU time %M)"
    return "peak memory: ru_maxrss via wait4 (no /usr/bin/time; includes the parent's RSS)"


@dataclass(slots=True)
class Series:
    """Repeated runs of one command."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def best(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def cpu_best(self) -> float:
        return min(r.cpu for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_kib for r in self.runs) / 1024

    @property
    def exit_codes(self) -> set[int]:
        return {r.exit_code for r in self.runs}


def alternate(
    commands: dict[str, Callable[[], Run]], repetitions: int, *, warmup: bool = True
) -> dict[str, Series]:
    """Run each command ``repetitions`` times, interleaved (A B A B ...), so that drift in
    machine load hits every command alike. One discarded warm-up round fills the page cache."""
    series = {label: Series(label) for label in commands}
    if warmup:
        for run in commands.values():
            run()
    for _ in range(repetitions):
        for label, run in commands.items():
            series[label].runs.append(run())
    return series


def paired_ratio(numerator: Series, denominator: Series) -> float:
    """Median of the run-by-run ratios of two alternated series: each pair ran back to
    back, so drift in machine load largely cancels out of each ratio."""
    return statistics.median(
        a.seconds / b.seconds for a, b in zip(numerator.runs, denominator.runs, strict=True)
    )


def load_note() -> str:
    """The machine's load, to judge how noisy the figures are."""
    one, five, _ = os.getloadavg()
    cores = os.cpu_count() or 1
    busy = " (busy: figures may be noisy)" if one > 0.5 * cores else ""
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {cores} cores{busy}"


def fmt_s(seconds: float) -> str:
    """Seconds with a sensible number of digits."""
    if seconds < 10:
        return f"{seconds:.3f}"
    return f"{seconds:.1f}"


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain text table, columns right-aligned except the first."""
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    for index, row in enumerate([header, *rows]):
        cells = [
            str(cell).ljust(w) if i == 0 else str(cell).rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def verdict(ok: bool) -> str:
    """PASS or FAIL, for a target line."""
    return "PASS" if ok else "FAIL"
