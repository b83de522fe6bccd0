"""``ntsplan build``: check the plan folder, then write the plan as HTML and PDF.

Everything is checked before anything is written: the data (same problems, formats and
exit codes as ``validate``), the edition asked for, the PDF variant and the output folder.
Problems go to stdout as with ``validate``; what was written goes to stderr, so
``--format json`` keeps stdout machine-readable.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from ntsplan.check import check_folder
from ntsplan.edition import choose_edition
from ntsplan.errors import EXIT_OK
from ntsplan.export.build import Output, build
from ntsplan.report import report
from ntsplan.report.outputs import report_nothing_built, report_output
from ntsplan.settings import BuildSettings


def run(
    settings: BuildSettings, stdout: IO[str] | None = None, stderr: IO[str] | None = None
) -> int:
    """Check, render and write the plan; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    result = check_folder(settings.data_dir)
    report(result, settings.format, out)
    out.flush()  # the report first, then what the build writes to stderr
    code = result.exit_code(strict=settings.strict)
    if code != EXIT_OK or result.plan is None:
        report_nothing_built(err)
        return code
    edition = choose_edition(
        result.plan, language=settings.language, rom=settings.rom, valuechain=settings.valuechain
    )

    def tell(output: Output) -> None:
        report_output(output, err)

    build(
        result.plan,
        edition,
        settings.out_dir,
        only=settings.only,
        pdf_variant=settings.pdf_variant,
        jobs=settings.jobs or default_jobs(),
        progress=err,
        on_output=tell,
    )
    return EXIT_OK


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not only the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)
