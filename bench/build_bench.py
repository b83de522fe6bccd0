"""Benchmark of ``ntsplan build`` (issues 3, 12 and 22): HTML and PDF, against WeasyPrint alone.

For the shipped data and a plan 10x larger: wall time and peak memory of an HTML-only and
a PDF-only build (each from an empty output folder, so no cache can help: a cold build,
rendered in parallel parts on every CPU), paired run by run with WeasyPrint alone
rendering the same HTML in one process; pages per second; the largest process's peak
memory; a rebuild without changes; a rebuild after editing one value chain's activity,
paired with a cold build of the same data; the time per page at 10x against 1x; and how
often a part had to be laid out again for its page numbers (the second pass). Every PDF
build runs with ``--timings-json``: the table of where the time went (``ntsplan build
--timings``) is printed for a cold build and a one-edit rebuild at each size, and the
serial part (everything but the parallel layout) is a target of its own.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from measure import (
    CHILD_ENV,
    Run,
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
STEM = "versterkingsplan"
COLD_TARGET = 0.60
"""A cold PDF build against WeasyPrint alone on the same HTML in one process (issue 22)."""
SERIAL_TARGET = 0.15
"""The serial part of a cold PDF build (its wall time outside the parallel layout), as a
share of the build's wall time (issue 22)."""
MEMORY_TARGET = 900
"""MiB, the largest process of the 10x PDF build."""
EDIT_TARGET = 0.35
"""A rebuild after one activity edit against a cold build."""
PER_PAGE_TARGET = 1.1


@dataclass(slots=True)
class Sample:
    """The build measurements of one plan size."""

    label: str
    size: PlanSize
    html: Series
    pdf: Series | None = None
    weasyprint: Series | None = None
    rebuild: Series | None = None
    pages: int = 0
    cold: Series | None = None
    """Cold builds paired with ``edited`` (the edit benchmark)."""
    edited: Series | None = None
    timings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """``--timings-json`` of the PDF builds, by kind: ``cold``, ``edit``."""


_PARTS = re.compile(r"(\d+) parts, (\d+) rendered(?:, (\d+) again for page numbers)?")


def parts_line(run: Run) -> tuple[int, int, int] | None:
    """(parts, renders, second passes) from a build's summary line; None in one process."""
    match = _PARTS.search(run.stderr)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def _templates_url() -> str:
    """The base URL ntsplan gives WeasyPrint: its templates folder."""
    try:
        from ntsplan.resources import templates_dir  # noqa: PLC0415 - optional coupling
    except ImportError:
        return str(BENCH.parent / "templates") + "/"
    return str(templates_dir()) + "/"


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader  # noqa: PLC0415 - only the build half needs it

    return len(PdfReader(pdf).pages)


def _build(
    ntsplan: Path,
    folder: Path,
    out: Path,
    only: str,
    *,
    clean: bool,
    timings: list[dict[str, Any]] | None = None,
) -> Run:
    """One build; with ``timings``, its ``--timings-json`` document is appended there."""
    if clean and out.exists():
        shutil.rmtree(out)
    command: list[str | Path] = [ntsplan, "build", "--data", folder, "--out", out, "--only", only]
    if timings is None:
        return run_once(command, capture=True)
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "timings.json"
        run = run_once([*command, "--timings-json", report], capture=True)
        if report.is_file():
            timings.append(json.loads(report.read_text(encoding="utf-8")))
    return run


def _available(ntsplan: Path) -> bool:
    probe = subprocess.run(
        [str(ntsplan), "build", "--help"], capture_output=True, env=CHILD_ENV, check=False
    )
    return probe.returncode == 0


def _first_build(ntsplan: Path, folder: Path, out: Path) -> bool:
    """One HTML build with its output shown when it fails; True when it worked."""
    if out.exists():
        shutil.rmtree(out)
    done = subprocess.run(
        [str(ntsplan), "build", "--data", str(folder), "--out", str(out), "--only", "html"],
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        check=False,
    )
    if done.returncode != 0 or not (out / f"{STEM}.html").is_file():
        print(f"  build of {folder} failed (exit {done.returncode}); skipping the build bench")
        print("    " + (done.stdout + done.stderr).strip()[-800:].replace("\n", "\n    "))
        return False
    return True


def measure_size(
    ntsplan: Path,
    label: str,
    folder: Path,
    out: Path,
    *,
    reps: int,
    pdf_reps: int,
    alone: bool = True,
) -> Sample | None:
    """Measure one plan size; None when the build does not work on it."""
    if not _first_build(ntsplan, folder, out):
        return None
    html_series = alternate(
        {"html": lambda: _build(ntsplan, folder, out, "html", clean=True)}, reps, warmup=False
    )["html"]
    sample = Sample(label, measure_plan(folder), html_series)
    print(f"  measured {label} HTML: {reps} runs")
    if pdf_reps == 0:
        return sample
    # The HTML WeasyPrint alone gets: the one ntsplan rendered, kept outside ntsplan's folder.
    _build(ntsplan, folder, out, "html", clean=True)
    html_copy = out.parent / f"{out.name}-{STEM}.html"
    shutil.copyfile(out / f"{STEM}.html", html_copy)
    alone_pdf = out.parent / f"{out.name}-weasyprint-alone.pdf"
    base_url = _templates_url()
    commands: dict[str, Callable[[], Run]] = {
        "pdf": lambda: _build(
            ntsplan, folder, out, "pdf", clean=True, timings=sample.timings.setdefault("cold", [])
        )
    }
    if alone:
        commands["weasyprint"] = lambda: run_once(
            [sys.executable, BENCH / "weasy_alone.py", html_copy, base_url, alone_pdf]
        )
    series = alternate(commands, pdf_reps, warmup=False)
    sample.pdf, sample.weasyprint = series["pdf"], series.get("weasyprint")
    pdf = out / f"{STEM}.pdf"
    sample.pages = _page_count(pdf) if pdf.is_file() else 0
    what = "PDF and WeasyPrint alone" if alone else "PDF (WeasyPrint alone skipped)"
    print(f"  measured {label} {what}: {pdf_reps} alternating runs each")
    # The PDF of the last cold build is in place: rebuilding changes nothing.
    sample.rebuild = alternate(
        {"rebuild": lambda: _build(ntsplan, folder, out, "pdf", clean=False)},
        3 if alone else 1,
        warmup=False,
    )["rebuild"]
    return sample


def run(data: Path, work: Path, ntsplan: Path, *, quick: bool, full: bool = False) -> bool | None:
    """Measure, print the table and the targets; None when there is no build command."""
    print("== ntsplan build: HTML and PDF ==")
    print(f"before: {load_note()}")
    if not _available(ntsplan):
        print("build command not available (ntsplan build --help fails); skipped")
        return None
    ten = work / "plan-10x"
    generate(data, ten, 10, expects_max=schema_expects_max())
    # A PDF of the shipped data takes seconds and the 10x one a minute: the 10x PDF and
    # WeasyPrint alone on it run once (twice with --full), and not at all with --quick.
    plans = [
        ("1x (shipped)", data, 2 if quick else 5, 2 if quick else 3, True),
        ("10x", ten, 1 if quick else 3, 0 if quick else (2 if full else 1), True),
    ]
    samples: list[Sample] = []
    for label, folder, reps, pdf_reps, alone in plans:
        out = work / f"build-{label.split()[0]}"
        sample = measure_size(
            ntsplan, label, folder, out, reps=reps, pdf_reps=pdf_reps, alone=alone
        )
        if sample is None:
            return False
        samples.append(sample)
    measure_edit(ntsplan, data, work, samples[0], reps=2 if quick else 4)
    if samples[-1] is not samples[0] and samples[-1].pdf is not None:
        measure_edit_once(ntsplan, ten, work / "build-10x", samples[-1])
    return _report(samples)


def _activity_title(chain: Path) -> tuple[str, str]:
    """An activity's title line in a value chain file, and the same line edited."""
    lines = chain.read_text(encoding="utf-8").splitlines()
    start = lines.index("activities:")
    for index, line in enumerate(lines[start:], start):
        if re.match(r"^ {4}title: \S", line):
            return line, line + " (herzien)"
        if line == "    title:" and re.match(r"^ {6}nl: \S", lines[index + 1]):
            return lines[index + 1], lines[index + 1] + " (herzien)"  # titles per language
    raise ValueError(f"no activity title in {chain}")


def measure_edit(ntsplan: Path, data: Path, work: Path, sample: Sample, *, reps: int) -> None:
    """A rebuild after editing one value chain's activity (the per-part cache warm),
    paired with a cold build of the same data (no cache)."""
    folder = work / "plan-edit"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(data, folder)
    chain = _edit_target(folder)
    original, edited = _activity_title(chain)
    warm, cold_out = work / "build-edit-warm", work / "build-edit-cold"
    if warm.exists():
        shutil.rmtree(warm)
    _build(ntsplan, folder, warm, "pdf", clean=True)  # fills the cache
    state = {"edited": False}

    def edit_and_rebuild() -> Run:
        text = chain.read_text(encoding="utf-8")
        old, new = (edited, original) if state["edited"] else (original, edited)
        chain.write_text(text.replace(old, new, 1), encoding="utf-8")
        state["edited"] = not state["edited"]
        return _build(
            ntsplan, folder, warm, "pdf", clean=False, timings=sample.timings.setdefault("edit", [])
        )

    series = alternate(
        {
            "cold": lambda: _build(
                ntsplan,
                folder,
                cold_out,
                "pdf",
                clean=True,
                timings=sample.timings.setdefault("cold", []),
            ),
            "edited": edit_and_rebuild,
        },
        reps,
        warmup=False,
    )
    sample.cold, sample.edited = series["cold"], series["edited"]
    print(f"  measured 1x rebuild after an activity edit in {chain.name}: {reps} pairs")


def measure_edit_once(ntsplan: Path, folder: Path, out: Path, sample: Sample) -> None:
    """One rebuild after an activity edit on a plan whose cold PDF is in ``out`` (its part
    cache warm), for the timings table; the edit is undone afterwards."""
    chain = _edit_target(folder)
    text = chain.read_text(encoding="utf-8")
    original, edited = _activity_title(chain)
    chain.write_text(text.replace(original, edited, 1), encoding="utf-8")
    try:
        _build(
            ntsplan, folder, out, "pdf", clean=False, timings=sample.timings.setdefault("edit", [])
        )
    finally:
        chain.write_text(text, encoding="utf-8")
    print(f"  measured {sample.label} rebuild after an activity edit in {chain.name}: once")


def _edit_target(folder: Path) -> Path:
    """The value chain whose activity the edit benchmark changes: the middle one."""
    chains = sorted((folder / "valuechains").glob("*.yaml"))
    return chains[len(chains) // 2]


def _row(label: str, what: str, series: Series, pages: int | None) -> list[str]:
    rate = f"{pages / series.median:.1f}" if pages else "-"
    return [
        label,
        what,
        str(pages) if pages else "-",
        fmt_s(series.median),
        fmt_s(series.best),
        rate,
        f"{series.peak_mib:.0f}",
    ]


def _report(samples: list[Sample]) -> bool:
    """Print the table and the targets; True when every target passes."""
    rows = []
    for s in samples:
        rows.append(_row(s.label, "html", s.html, None))
        if s.pdf:
            rows.append(_row(s.label, "pdf", s.pdf, s.pages))
        if s.weasyprint:
            rows.append(_row(s.label, "weasyprint alone", s.weasyprint, s.pages))
        if s.rebuild:
            rows.append(_row(s.label, "pdf rebuild, no change", s.rebuild, None))
        if s.cold and s.edited:
            rows.append(_row(s.label, "pdf cold (edit pairs)", s.cold, None))
            rows.append(_row(s.label, "pdf rebuild, one activity", s.edited, None))
    print()
    print_table(["plan", "build", "pages", "median s", "min s", "pages/s", "peak MiB"], rows)
    for s in samples:
        print(f"{s.label}: {s.size.valuechains} chains, {s.size.activities} activities")
    print(memory_note() + "; every html/pdf build starts from an empty output folder")
    print("ratios: median over alternated pairs of whole processes (WeasyPrint alone: import")
    print("weasyprint, HTML(string=...).write_pdf() in one process); ntsplan builds use every CPU")
    print(f"after: {load_note()}")

    print()
    print("targets:")
    failed = [
        f"{s.label} {series.label}"
        for s in samples
        for series in (s.html, s.pdf, s.weasyprint, s.rebuild, s.cold, s.edited)
        if series is not None and series.exit_codes != {0}
    ]
    ok = not failed
    if failed:
        print(f"  [FAIL] builds exited non-zero: {', '.join(failed)}")
    return _targets(samples, ok)


def _targets(samples: list[Sample], ok: bool) -> bool:
    for s in samples:
        if s.pdf and s.weasyprint:
            ratio = paired_ratio(s.pdf, s.weasyprint)
            ok_cold = ratio <= COLD_TARGET
            print(
                f"  [{verdict(ok_cold)}] {s.label}: cold PDF build at most {COLD_TARGET}x of"
                f" WeasyPrint alone: {ratio:.2f}x (medians {fmt_s(s.pdf.median)} s vs"
                f" {fmt_s(s.weasyprint.median)} s; CPU {s.pdf.cpu_best:.1f} s vs"
                f" {s.weasyprint.cpu_best:.1f} s)"
            )
            ok = ok and ok_cold
        elif s.pdf:
            print(f"  [SKIP] {s.label}: cold PDF build vs WeasyPrint alone (alone skipped)")
    big_pdf = samples[-1].pdf
    if big_pdf is not None and samples[-1] is not samples[0]:
        ok_memory = big_pdf.peak_mib <= MEMORY_TARGET
        print(
            f"  [{verdict(ok_memory)}] {samples[-1].label}: peak memory of the largest process"
            f" at most {MEMORY_TARGET} MiB: {big_pdf.peak_mib:.0f} MiB"
            + (
                f" (WeasyPrint alone: {samples[-1].weasyprint.peak_mib:.0f} MiB)"
                if samples[-1].weasyprint
                else ""
            )
        )
        ok = ok and ok_memory
    else:
        print("  [SKIP] peak memory at 10x (the 10x PDF is skipped with --quick)")
    first = samples[0]
    if first.cold and first.edited:
        ratio = paired_ratio(first.edited, first.cold)
        ok_edit = ratio <= EDIT_TARGET
        renders = [parts_line(r) for r in first.edited.runs]
        shown = ", ".join(f"{p[1]} of {p[0]}" for p in renders if p) or "one process"
        print(
            f"  [{verdict(ok_edit)}] {first.label}: rebuild after editing one value chain's"
            f" activity at most {EDIT_TARGET}x of a cold build: {ratio:.2f}x (medians"
            f" {fmt_s(first.edited.median)} s vs {fmt_s(first.cold.median)} s; parts"
            f" rendered: {shown})"
        )
        ok = ok and ok_edit
    base, big = samples[0], samples[-1]
    if base.rebuild:
        ok_rebuild = base.rebuild.median <= 0.5
        print(
            f"  [{verdict(ok_rebuild)}] {base.label}: rebuild without changes at most 0.5 s: "
            f"{fmt_s(base.rebuild.median)} s"
            + (f" (10x, for information: {fmt_s(big.rebuild.median)} s)" if big.rebuild else "")
        )
        ok = ok and ok_rebuild
    if base.pdf and big.pdf and base.pages and big.pages and big is not base:
        per_page_1 = base.pdf.median / base.pages
        per_page_10 = big.pdf.median / big.pages
        ratio = per_page_10 / per_page_1
        ok_pages = ratio <= PER_PAGE_TARGET
        print(
            f"  [{verdict(ok_pages)}] time per page at 10x at most {PER_PAGE_TARGET}x that at 1x: "
            f"{per_page_10 * 1000:.0f} ms / {per_page_1 * 1000:.0f} ms = {ratio:.2f}x"
        )
        ok = ok and ok_pages
    else:
        print("  [SKIP] time per page at 10x vs 1x (the 10x PDF is skipped with --quick)")
    _second_passes(samples)
    ok = _serial_targets(samples) and ok
    _timings_tables(samples)
    return ok


def _median_document(documents: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The ``--timings-json`` document of the build with the median wall time."""
    if not documents:
        return None
    ranked = sorted(documents, key=lambda document: float(document["summary"]["wall"]))
    return ranked[(len(ranked) - 1) // 2]


def _serial_targets(samples: list[Sample]) -> bool:
    """The serial part of the cold PDF builds (from their timings) at most SERIAL_TARGET."""
    ok = True
    for s in samples:
        documents = s.timings.get("cold", [])
        if not documents:
            continue
        shares = [float(document["summary"]["serial_share"]) for document in documents]
        share = statistics.median(shares)
        serial = statistics.median(float(d["summary"]["serial"]) for d in documents)
        passed = share <= SERIAL_TARGET
        print(
            f"  [{verdict(passed)}] {s.label}: serial part of a cold PDF build (outside the"
            f" parallel layout) at most {SERIAL_TARGET:.0%}: {share:.0%} ({serial:.2f} s,"
            f" median of {len(shares)} builds)"
        )
        ok = ok and passed
    return ok


def _timings_tables(samples: list[Sample]) -> None:
    """Where the time went (``--timings``) in the median cold build and one-edit rebuild
    of each size: the build's phases, the workers' steps summed, the totals."""
    for s in samples:
        for kind in ("cold", "edit"):
            document = _median_document(s.timings.get(kind, []))
            if document is None:
                continue
            build: dict[str, list[float]] = {}
            for phase in document["phases"]:
                if phase["process"] == "build" and not phase["phase"].startswith("fork "):
                    total = build.setdefault(phase["phase"], [0.0, 0.0])
                    total[0] += float(phase["wall"])
                    total[1] += float(phase["cpu"])
            forks = [p for p in document["phases"] if p["phase"].startswith("fork ")]
            rows = [[name, "build", f"{w:.3f}", f"{c:.3f}"] for name, (w, c) in build.items()]
            if forks:
                wall = sum(float(p["wall"]) for p in forks)
                cpu = sum(float(p["cpu"]) for p in forks)
                rows.append([f"fork ({len(forks)} workers)", "build", f"{wall:.3f}", f"{cpu:.3f}"])
            rows += [
                [step["phase"], "all workers", f"{step['wall']:.3f}", f"{step['cpu']:.3f}"]
                for step in document["steps"]
            ]
            summary = document["summary"]
            rows.append(["total", "", f"{summary['wall']:.3f}", f"{summary['cpu']:.3f}"])
            rows.append(["  build process", "", "", f"{summary['cpu_build']:.3f}"])
            rows.append(["  workers", "", "", f"{summary['cpu_workers']:.3f}"])
            rows.append(["  parallel layout", "", f"{summary['parallel']:.3f}", ""])
            serial = f"  serial ({summary['serial_share']:.0%})"
            rows.append([serial, "", f"{summary['serial']:.3f}", ""])
            print()
            what = "cold PDF build" if kind == "cold" else "PDF rebuild after one activity edit"
            print(f"where the time went: {s.label}, {what} (ntsplan build --timings):")
            print_table(["phase", "process", "wall s", "cpu s"], rows)


def _second_passes(samples: list[Sample]) -> None:
    """How often a part was laid out again for its page numbers (not a target: the note)."""
    print("second pass for page numbers (parts laid out again, per build):")
    for s in samples:
        for what, series in (("cold", s.pdf), ("cold (edit pairs)", s.cold), ("edit", s.edited)):
            if series is None:
                continue
            found = [parts_line(run) for run in series.runs]
            lines = [p for p in found if p]
            if not lines:
                print(f"  {s.label} {what}: rendered in one process")
                continue
            again = [p[2] for p in lines]
            print(
                f"  {s.label} {what}: {sum(1 for a in again if a)} of {len(lines)} builds;"
                f" parts {lines[0][0]}, renders median {statistics.median(p[1] for p in lines)},"
                f" parts laid out again: {again}"
            )
