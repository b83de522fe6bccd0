"""``ntsplan build --timings``: where the build's time went, as a table and as JSON.

The figures themselves are not asserted (speed is the benchmark's business); what a user
reads is: every phase of the pipeline is there, the table and the JSON hold the same
phases, the phases of one process do not overlap, and the totals add up.
The parallel PDF's worker phases are checked in ``test_parallel.py`` on its small plan.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

from conftest import RunCli
from ntsplan.report.timings import timings_json, write_timings_table
from ntsplan.timings import Phase, Timings, summarize

PIPELINE = ("Python start-up", "load", "validate", "link", "stamps", "render", "commit", "report")


def _phases(document: dict[str, Any]) -> list[dict[str, Any]]:
    phases = document["phases"]
    assert isinstance(phases, list)
    return phases


def test_html_build_reports_every_phase(run_cli: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "timings.json"
    result = run_cli(
        "build", "--data", "data", "--out", tmp_path / "out", "--only", "html",
        "--timings", "--timings-json", report,
    )  # fmt: skip
    assert result.exit_code == 0, result
    document = json.loads(report.read_text(encoding="utf-8"))
    names = [phase["phase"] for phase in _phases(document)]
    for name in PIPELINE:
        assert name in names, names
        assert any(line.startswith(name + " ") for line in result.stderr.splitlines()), name
    assert "wall s" in result.stderr and "cpu s" in result.stderr
    assert "serial (" in result.stderr
    # One process, phases one after another: none starts before the previous one ended.
    ordered = sorted(_phases(document), key=lambda phase: float(phase["start"]))
    for before, after in itertools.pairwise(ordered):
        assert float(after["start"]) >= float(before["start"]) + float(before["wall"]) - 1e-3
    summary = document["summary"]
    assert summary["wall"] >= sum(float(p["wall"]) for p in ordered) - 1e-3
    assert summary["parallel"] == 0  # no workers for HTML
    assert abs(summary["serial"] - summary["wall"]) < 1e-3
    assert "part 1" not in result.stderr


def test_no_timings_unless_asked(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("build", "--data", "data", "--out", tmp_path, "--only", "html")
    assert result.exit_code == 0, result
    assert "where the time went" not in result.stderr


def test_timings_of_a_build_stopped_by_problems(run_cli: RunCli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    report = tmp_path / "t.json"
    result = run_cli("build", "--data", data, "--out", tmp_path / "out", "--timings-json", report)
    assert result.exit_code == 1, result
    names = [phase["phase"] for phase in _phases(json.loads(report.read_text(encoding="utf-8")))]
    assert names[:4] == ["Python start-up", "load", "validate", "link"]
    assert "render" not in names


def _timings() -> Timings:
    """A made-up build: 1 s of serial work, two workers between 1 and 3 s, 0.5 s after."""
    timings = Timings(origin=100.0)
    timings.phases += [
        Phase("load", "build", 100.0, 1.0, 0.9),
        Phase("fork part 1", "build", 101.0, 0.01, 0.01),
        Phase("fork part 2", "build", 101.01, 0.01, 0.01),
        Phase("wait for PDFs", "build", 101.02, 1.98, 0.0),
        Phase("paginate", "part 2", 101.02, 1.5, 1.0),
        Phase("paginate", "part 1", 101.01, 1.0, 0.8),
        Phase("paginate", "part 1, pass 2", 102.1, 0.5, 0.4),
        Phase("join", "build", 103.0, 0.5, 0.5),
    ]
    return timings


def test_summary_counts_the_serial_part_and_the_second_pass() -> None:
    timings = _timings()
    summary = summarize(timings, cpu_workers=2.5)
    parallel = 103.0 - 101.0  # first fork to the last PDF
    assert abs(summary.parallel - parallel) < 1e-9
    assert abs(summary.serial - (summary.wall - parallel)) < 1e-9
    assert summary.second_passes == 1
    assert abs(summary.second_pass_cpu - 0.4) < 1e-9
    assert summary.cpu_workers == 2.5


def test_table_lists_the_build_then_each_worker_in_part_order() -> None:
    timings = _timings()
    summary = summarize(timings, cpu_workers=2.5)

    stream = io.StringIO()
    write_timings_table(timings, summary, stream)
    text = stream.getvalue()
    rows = [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()[3:11]]
    assert [row[1] for row in rows] == [
        "build", "build", "build", "build", "build", "part 1", "part 1, pass 2", "part 2",
    ]  # fmt: skip
    assert ["paginate", "all parts", "3.000", "2.200"] in [
        re.split(r"\s{2,}", line.strip()) for line in text.splitlines()
    ]
    document = json.loads(timings_json(timings, summary))
    assert [p["process"] for p in document["phases"]] == [
        "build", "build", "build", "build", "build", "part 1", "part 1, pass 2", "part 2",
    ]  # fmt: skip
    assert document["phases"][0]["start"] == 0.0
    assert document["steps"] == [{"phase": "paginate", "wall": 3.0, "cpu": 2.2}]
    assert document["summary"]["second_passes"] == 1
