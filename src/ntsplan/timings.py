"""Where a build's time goes: wall and CPU time per phase, in every process that worked.

A stage records what it does into the ``Timings`` it is handed, never into a global:

    with timings.phase("render"):
        html = render_html(plan, edition)

A worker process of the parallel PDF records into a ``Timings`` of its own and sends its
phases back with its part; the build adds them (``extend``). Every phase carries the
process it ran in and when it started on the machine's monotonic clock, which forked
processes share, so the phases of all processes make one timeline. Recording costs two
clock reads per phase, so stages always record; only ``--timings`` shows the result
(``report.timings``).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BUILD = "build"
"""The process name of the build itself (workers are named ``part 1``, ``part 2``, ...)."""


@dataclass(frozen=True, slots=True)
class Phase:
    """One stretch of work: what it was, in which process, when it started (seconds on the
    monotonic clock), how long it took (``wall``) and the CPU time it used (user + system
    of its own process)."""

    name: str
    process: str
    start: float
    wall: float
    cpu: float

    def as_json(self, origin: float) -> dict[str, object]:
        return {
            "phase": self.name,
            "process": self.process,
            "start": round(self.start - origin, 4),
            "wall": round(self.wall, 4),
            "cpu": round(self.cpu, 4),
        }


@dataclass(slots=True)
class Timings:
    """The phases recorded so far, in the order they ended, for one process (``process``)
    and whatever other processes sent back."""

    process: str = BUILD
    origin: float = field(default_factory=time.perf_counter)
    """When the recording began (the monotonic clock): offsets in reports count from it."""
    phases: list[Phase] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Record the wall and CPU time of the block as the phase ``name``; a block that
        raises is recorded too (the time was spent)."""
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.phases.append(
                Phase(
                    name,
                    self.process,
                    start,
                    time.perf_counter() - start,
                    time.process_time() - cpu,
                )
            )

    def add(self, name: str, start: float, wall: float, cpu: float) -> None:
        """Record a phase measured by other means (a wait, the time before recording)."""
        self.phases.append(Phase(name, self.process, start, wall, cpu))

    def extend(self, phases: Iterable[Phase]) -> None:
        """Add phases another process recorded (a worker's, sent back with its part)."""
        self.phases.extend(phases)

    def of(self, process: str) -> list[Phase]:
        return [phase for phase in self.phases if phase.process == process]


def record_start_up(timings: Timings) -> None:
    """Record the process's life before ``timings`` existed: the interpreter's start and
    the imports, as phase ``Python start-up`` (its wall time from the process's start time on
    Linux; elsewhere 0)."""
    age, now, cpu = _age(), time.perf_counter(), time.process_time()
    timings.add("Python start-up", now - age, age, cpu)


def _age() -> float:
    """Seconds since this process started (0 when the system does not say)."""
    try:
        fields = Path("/proc/self/stat").read_bytes().rsplit(b")", 1)[1].split()
        up = float(Path("/proc/uptime").read_bytes().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0
    started = int(fields[19]) / ticks  # field 22 of stat; the split dropped the first two
    return max(0.0, up - started)


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's children that have ended and been
    waited for: the workers of a parallel PDF, counted once they are joined."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True, slots=True)
class Summary:
    """The build's totals: its wall time from the process's start, the CPU time of the build
    process and of its workers, and how much of the wall time was *serial* (outside the
    stretch in which workers laid out and wrote the parts)."""

    wall: float
    cpu_build: float
    cpu_workers: float
    parallel: float
    """Wall seconds from the first worker's fork to the last part's PDF (0: no workers)."""
    second_pass_cpu: float
    """CPU seconds of parts laid out again for their page numbers."""
    second_passes: int

    @property
    def cpu(self) -> float:
        return self.cpu_build + self.cpu_workers

    @property
    def serial(self) -> float:
        return max(0.0, self.wall - self.parallel)


def summarize(timings: Timings, *, cpu_workers: float | None = None) -> Summary:
    """Totals of everything recorded up to now; ``cpu_workers`` is the workers' CPU time as
    the system counted it (``children_cpu``), else the sum of what they reported."""
    now = time.perf_counter()
    start = min((phase.start for phase in timings.phases), default=timings.origin)
    workers = [phase for phase in timings.phases if phase.process != timings.process]
    forks = [p for p in timings.of(timings.process) if p.name.startswith("fork ")]
    waits = [p for p in timings.of(timings.process) if p.name in _PARALLEL_ENDS]
    parallel = 0.0
    if forks and waits:
        parallel = max(p.start + p.wall for p in waits) - min(p.start for p in forks)
    again = [phase for phase in workers if ", pass " in phase.process]
    return Summary(
        wall=now - start,
        cpu_build=time.process_time(),
        cpu_workers=(
            cpu_workers if cpu_workers is not None else sum(phase.cpu for phase in workers)
        ),
        parallel=max(0.0, parallel),
        second_pass_cpu=sum(phase.cpu for phase in again),
        second_passes=len({phase.process for phase in again}),
    )


_PARALLEL_ENDS = frozenset({"wait for pagination", "wait for PDFs"})
