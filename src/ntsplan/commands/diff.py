"""``ntsplan diff``: check the plan in two revisions, then report what changed."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.diff import make_diff_reporter
from ntsplan.diff.revisions import diff_revisions
from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.report import problems_format, report
from ntsplan.settings import DiffSettings


def run(settings: DiffSettings, stream: IO[str] | None = None) -> int:
    """Compare the plan in ``settings.base`` with ``settings.head`` (None: the working
    tree), report, and return the exit code."""
    out = stream or sys.stdout
    outcome = diff_revisions(settings.data_dir, settings.base, settings.head)
    if outcome.report is None:
        assert outcome.problems is not None
        report(outcome.problems, problems_format(settings.format), out)
        return EXIT_ENVIRONMENT if outcome.problems.environment_error else EXIT_PROBLEMS
    make_diff_reporter(settings.format).report(outcome.report, out)
    return EXIT_OK
