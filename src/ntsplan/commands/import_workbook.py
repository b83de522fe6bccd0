"""``ntsplan import``: take a returned workbook's edits into the YAML, then report."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.importing import make_import_reporter
from ntsplan.importing.run import import_workbook
from ntsplan.report import choose_format, report
from ntsplan.settings import ImportSettings


def run(settings: ImportSettings, stream: IO[str] | None = None) -> int:
    """Import ``settings.workbook`` into ``settings.data_dir``; report and return the exit
    code: 1 when a problem stops the import or conflicting rows were left out."""
    out = stream or sys.stdout
    outcome = import_workbook(
        settings.workbook, settings.data_dir, write=settings.write, force=settings.force
    )
    chosen = choose_format(settings.format)
    if outcome.report is None:
        report(outcome.result, chosen, out)
        if outcome.result.environment_error:
            return EXIT_ENVIRONMENT
        return EXIT_PROBLEMS if outcome.result.has_errors() else EXIT_OK
    if chosen == "github" and outcome.result.problems:
        report(outcome.result, "github", out)
    make_import_reporter(chosen).report(outcome, out)
    return EXIT_PROBLEMS if outcome.conflicts else EXIT_OK
