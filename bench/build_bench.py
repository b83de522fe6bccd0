"""Benchmark of ``ntsplan build`` (issue 3): HTML and PDF, against WeasyPrint alone.

For the shipped data and a plan 10x larger: wall time and peak memory of an HTML-only and
a PDF-only build (each from an empty output folder, so the PDF cache cannot help), pages
per second, ntsplan's overhead over WeasyPrint rendering the same HTML in a process of its
own, a rebuild without changes, and the time per page at 10x against 1x.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import (
    CHILD_ENV,
    Run,
    Series,
    alternate,
    fmt_s,
    load_note,
    memory_note,
    print_table,
    run_once,
    verdict,
)
from synthetic import PlanSize, generate, measure_plan, schema_expects_max

BENCH = Path(__file__).resolve().parent
STEM = "versterkingsplan"


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


def _build(ntsplan: Path, folder: Path, out: Path, only: str, *, clean: bool) -> Run:
    if clean and out.exists():
        shutil.rmtree(out)
    return run_once([ntsplan, "build", "--data", folder, "--out", out, "--only", only])


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
        "pdf": lambda: _build(ntsplan, folder, out, "pdf", clean=True)
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
    if not _available(ntsplan):
        print("build command not available (ntsplan build --help fails); skipped")
        return None
    ten = work / "plan-10x"
    generate(data, ten, 10, expects_max=schema_expects_max())
    # A PDF of the shipped data takes tens of seconds and the 10x one minutes: the 10x PDF
    # runs once, and WeasyPrint alone on it only with --full.
    plans = [
        ("1x (shipped)", data, 2 if quick else 5, 1 if quick else 2, True),
        ("10x", ten, 1 if quick else 3, 0 if quick else 1, full),
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

    return _report(samples)


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
    print()
    print_table(["plan", "build", "pages", "median s", "min s", "pages/s", "peak MiB"], rows)
    for s in samples:
        print(f"{s.label}: {s.size.valuechains} chains, {s.size.activities} activities")
    print(memory_note() + "; every html/pdf build starts from an empty output folder")
    print("overhead = (ntsplan PDF build - WeasyPrint alone) / WeasyPrint alone, medians of")
    print("whole processes (WeasyPrint alone: import weasyprint, HTML(string=...).write_pdf())")
    print(load_note())

    print()
    print("targets:")
    failed = [
        f"{s.label} {series.label}"
        for s in samples
        for series in (s.html, s.pdf, s.weasyprint, s.rebuild)
        if series is not None and series.exit_codes != {0}
    ]
    ok = not failed
    if failed:
        print(f"  [FAIL] builds exited non-zero: {', '.join(failed)}")
    for s in samples:
        if s.pdf and s.weasyprint:
            overhead = (s.pdf.median - s.weasyprint.median) / s.weasyprint.median
            ok_overhead = overhead <= 0.15
            print(
                f"  [{verdict(ok_overhead)}] {s.label}: ntsplan's overhead over WeasyPrint alone"
                f" at most 15%: {overhead:+.1%} ({fmt_s(s.pdf.median)} s vs "
                f"{fmt_s(s.weasyprint.median)} s)"
            )
            ok = ok and ok_overhead
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
        ok_pages = ratio <= 1.3
        print(
            f"  [{verdict(ok_pages)}] time per page at 10x at most 1.3x that at 1x: "
            f"{per_page_10 * 1000:.0f} ms / {per_page_1 * 1000:.0f} ms = {ratio:.2f}x"
        )
        ok = ok and ok_pages
    else:
        print("  [SKIP] time per page at 10x vs 1x (the 10x PDF is skipped with --quick)")
    return ok
