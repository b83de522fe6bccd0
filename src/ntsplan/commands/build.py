"""``ntsplan build``: check the plan folder, then write the plan as HTML and PDF.

Everything is checked before anything is written: the data (same problems, formats and
exit codes as ``validate``), the edition asked for, the PDF variant and the output folder.
Problems go to stdout as with ``validate``; what was written goes to stderr, so
``--format json`` keeps stdout machine-readable.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import IO

from ntsplan.build.kinds.editable import house_style
from ntsplan.build.report import (
    report_deadline_passed,
    report_language,
    report_nothing_built,
    report_output,
    report_print_faults_stopped,
)
from ntsplan.build.run import Built, Output, build
from ntsplan.check import CheckResult, check_folder
from ntsplan.errors import EXIT_OK
from ntsplan.plan.edition import choose_edition
from ntsplan.problems import Problem, sort_problems
from ntsplan.report import report
from ntsplan.settings import BuildSettings
from ntsplan.timings import Timings, children_cpu, record_start_up, summarize


def run(
    settings: BuildSettings, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Check, render and write the plan; return the exit code.

    The data's problems and the preflight's (print faults found in the laid-out PDF, located
    at the data behind them) are reported together, once, so that ``--format json`` gives
    one document. Under ``--strict`` a print fault fails the build and nothing is written.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    timings = Timings()
    record_start_up(timings)
    result = check_folder(settings.data_dir, timings=timings)
    code = result.exit_code(strict=settings.strict)
    if code != EXIT_OK or result.plan is None:
        report(result, settings.format, out)
        out.flush()  # the report first, then what the build writes to stderr
        report_nothing_built(err)
        if settings.timings or settings.timings_json:
            show_timings(settings, timings, err)
        return code
    with timings.phase("edition"):
        edition = choose_edition(
            result.plan,
            language=settings.language,
            rom=settings.rom,
            valuechain=settings.valuechain,
        )

    def tell(output: Output) -> None:
        report_output(output, err)

    built = Built()
    try:
        built = build(
            result.plan,
            edition,
            settings.out_dir,
            sources=result.sources,
            only=settings.only,
            pdf_variant=settings.pdf_variant,
            jobs=settings.jobs or default_jobs(),
            progress=err,
            on_output=tell,
            strict=settings.strict,
            house_style=house_style(settings.data_dir),
            timings=timings,
        )
    except KeyboardInterrupt:
        raise  # Ctrl-C: one line ("ntsplan: interrupted"), no report; nothing was replaced
    except BaseException:
        report(result, settings.format, out)  # the data's problems, then the error's message
        out.flush()
        raise
    with timings.phase("report"):
        result = with_problems(result, built.problems)
        report(result, settings.format, out)
        out.flush()
    code = result.exit_code(strict=settings.strict)
    if result.plan is not None:
        info, today = result.plan.info, settings.today or dt.date.today()
        report_deadline_passed(info.deadline, info.date, today, err)
    if code != EXIT_OK:
        report_print_faults_stopped(err)
    elif settings.only in (None, "html"):  # the last line: the share of the edition's language
        report_language_share(settings.out_dir / f"{edition.stem}.html", edition.language, err)
    if settings.timings or settings.timings_json:
        show_timings(settings, timings, err)
    return code


def show_timings(settings: BuildSettings, timings: Timings, err: IO[str]) -> None:
    """The ``--timings`` table on stderr and the ``--timings-json`` file."""
    from ntsplan.atomic import atomic_write  # noqa: PLC0415
    from ntsplan.report.timings import timings_json, write_timings_table  # noqa: PLC0415

    summary = summarize(timings, cpu_workers=children_cpu())
    if settings.timings:
        write_timings_table(timings, summary, err)
    if settings.timings_json:
        atomic_write(settings.timings_json, timings_json(timings, summary).encode())


def report_language_share(html: Path, language: str, err: IO[str]) -> None:
    """The build's last line: how much of the edition is in its language (from the HTML
    it wrote, or that a build before wrote; nothing when there is none, as with --only)."""
    if not html.is_file():
        return
    from ntsplan.render.language_share import language_share  # noqa: PLC0415

    report_language(language_share(html.read_text(encoding="utf-8"), language), err)


def with_problems(result: CheckResult, problems: list[Problem]) -> CheckResult:
    """``result`` with the build's problems (the preflight's print faults, located in the
    data) merged in and counted in its summary."""
    if not problems:
        return result
    merged = sort_problems([*result.problems, *problems])
    errors = sum(1 for p in merged if p.is_error)
    summary = replace(result.summary, errors=errors, warnings=len(merged) - errors)
    return replace(result, problems=merged, summary=summary)


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not only the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
