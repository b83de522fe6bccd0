"""The ``--timings`` report: where a build's time went, as a table (stderr) or as JSON.

The table lists the build process's phases in the order they started, then each worker's
(its start-up, styling, pagination, the wait for its page numbers, drawing, the preflight
and the PDF write), then the steps summed over the workers and the totals: wall time,
CPU time of the build and of the workers, the serial part (everything outside the
parallel layout) and the second pass for page numbers. The JSON holds the same figures.
"""

from __future__ import annotations

import json
from typing import IO

from ntsplan.timings import BUILD, Phase, Summary, Timings

_HEADER = ("phase", "process", "start s", "wall s", "cpu s")


def _ordered(timings: Timings) -> list[Phase]:
    """The build's phases by start, then each worker's by start, workers in part order."""
    processes = sorted({phase.process for phase in timings.phases} - {BUILD}, key=_process_order)
    ordered = sorted(timings.of(BUILD), key=lambda phase: phase.start)
    for process in processes:
        ordered += sorted(timings.of(process), key=lambda phase: phase.start)
    return ordered


def _process_order(process: str) -> tuple[int, int, str]:
    """``part 3, pass 2`` sorts after ``part 3`` and before ``part 4``."""
    words = process.replace(",", "").split()
    numbers = [int(word) for word in words if word.isdigit()]
    return (numbers[0] if numbers else 0, numbers[1] if len(numbers) > 1 else 1, process)


def _steps(timings: Timings) -> list[tuple[str, float, float]]:
    """Each worker step (name, wall, cpu) summed over every worker, in first-seen order."""
    sums: dict[str, list[float]] = {}
    for phase in _ordered(timings):
        if phase.process != BUILD:
            total = sums.setdefault(phase.name, [0.0, 0.0])
            total[0] += phase.wall
            total[1] += phase.cpu
    return [(name, wall, cpu) for name, (wall, cpu) in sums.items()]


def write_timings_table(timings: Timings, summary: Summary, stream: IO[str]) -> None:
    """The timings as a plain text table."""
    origin = min((phase.start for phase in timings.phases), default=timings.origin)
    rows = [
        (p.name, p.process, f"{p.start - origin:.3f}", f"{p.wall:.3f}", f"{p.cpu:.3f}")
        for p in _ordered(timings)
    ]
    steps = _steps(timings)
    if steps:
        rows.append(("", "", "", "", ""))
        rows += [(name, "all parts", "", f"{w:.3f}", f"{c:.3f}") for name, w, c in steps]
    rows.append(("", "", "", "", ""))
    share = summary.serial / summary.wall if summary.wall else 0.0
    rows += [
        ("total", "", "", f"{summary.wall:.3f}", f"{summary.cpu:.3f}"),
        ("  build process", BUILD, "", "", f"{summary.cpu_build:.3f}"),
        ("  workers", "all parts", "", "", f"{summary.cpu_workers:.3f}"),
        ("  parallel layout", "", "", f"{summary.parallel:.3f}", ""),
        (f"  serial ({share:.0%} of the wall time)", "", "", f"{summary.serial:.3f}", ""),
        (
            f"  second pass ({summary.second_passes} parts again)",
            "",
            "",
            "",
            f"{summary.second_pass_cpu:.3f}",
        ),
    ]
    widths = [max(len(row[i]) for row in (_HEADER, *rows)) for i in range(len(_HEADER))]
    stream.write("where the time went (seconds; cpu: user + system of that process):\n")
    for index, row in enumerate((_HEADER, *rows)):
        cells = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        stream.write("  ".join(cells).rstrip() + "\n")
        if index == 0:
            stream.write("  ".join("-" * width for width in widths) + "\n")


def timings_json(timings: Timings, summary: Summary) -> str:
    """The timings as one JSON document (seconds; ``start`` from the process's start)."""
    origin = min((phase.start for phase in timings.phases), default=timings.origin)
    document = {
        "phases": [phase.as_json(origin) for phase in _ordered(timings)],
        "steps": [
            {"phase": name, "wall": round(wall, 4), "cpu": round(cpu, 4)}
            for name, wall, cpu in _steps(timings)
        ],
        "summary": {
            "wall": round(summary.wall, 4),
            "cpu": round(summary.cpu, 4),
            "cpu_build": round(summary.cpu_build, 4),
            "cpu_workers": round(summary.cpu_workers, 4),
            "parallel": round(summary.parallel, 4),
            "serial": round(summary.serial, 4),
            "serial_share": round(summary.serial / summary.wall, 4) if summary.wall else 0.0,
            "second_passes": summary.second_passes,
            "second_pass_cpu": round(summary.second_pass_cpu, 4),
        },
    }
    return json.dumps(document, indent=2) + "\n"
