"""``ntsplan status``: check a plan folder, then show how complete the plan is."""

from __future__ import annotations

import datetime as dt
import io
import sys
from typing import IO

from ntsplan.commands.validate import check_and_report
from ntsplan.errors import EXIT_OK
from ntsplan.report import FORMATS
from ntsplan.settings import StatusSettings
from ntsplan.status import make_status_reporter, status_report


def problems_format(report_format: str) -> str:
    """The validate format that shows problems in a status or diff format: JSON for
    scripts, Markdown for a job summary or comment (a table of every problem), else text."""
    if report_format in {"json", "markdown"} and report_format in FORMATS:
        return report_format
    return "text"


def run_status(settings: StatusSettings, stream: IO[str] | None = None) -> int:
    """Report the plan's completeness, or its problems as validate does; the exit code."""
    out = stream or sys.stdout
    # validate's report ends in a summary line that status does not want when all is well,
    # so it is written to a buffer and shown only when the data has errors.
    problems = io.StringIO()
    result, code = check_and_report(
        settings.data_dir, problems_format(settings.format), strict=False, stream=problems
    )
    if code != EXIT_OK or result.plan is None:
        out.write(problems.getvalue())
        return code
    today = settings.today or dt.date.today()
    report = status_report(result.plan, today, warnings=result.summary.warnings)
    make_status_reporter(settings.format).report(report, out)
    return EXIT_OK
