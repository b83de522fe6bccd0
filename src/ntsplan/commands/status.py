"""``ntsplan status``: check a plan folder, then show how complete the plan is."""

from __future__ import annotations

import datetime as dt
import sys
from typing import IO

from ntsplan.check import check_folder
from ntsplan.errors import EXIT_OK
from ntsplan.report import problems_format, report
from ntsplan.settings import StatusSettings
from ntsplan.status import make_status_reporter
from ntsplan.status.report import edition_languages, status_report


def run(settings: StatusSettings, stream: IO[str] | None = None) -> int:
    """Report the plan's completeness, or its problems as validate does; the exit code."""
    out = stream or sys.stdout
    result = check_folder(settings.data_dir)
    code = result.exit_code()
    if code != EXIT_OK or result.plan is None:
        report(result, problems_format(settings.format), out)
        return code
    today = settings.today or dt.date.today()
    status = status_report(
        result.plan,
        today,
        warnings=result.summary.warnings,
        languages=edition_languages(result.plan),
    )
    make_status_reporter(settings.format).report(status, out)
    return EXIT_OK
