"""``ntsplan validate``: check a plan folder and report every problem."""

from __future__ import annotations

import os
import sys
from typing import IO

from ntsplan.check import check_folder
from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.report import choose_format, make_reporter
from ntsplan.settings import ValidateSettings


def use_color(stream: IO[str]) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def run_validate(settings: ValidateSettings, stream: IO[str] | None = None) -> int:
    """Check ``settings.data_dir``, report, and return the exit code."""
    out = stream or sys.stdout
    result = check_folder(settings.data_dir)
    reporter = make_reporter(choose_format(settings.format), color=use_color(out))
    reporter.report(result, out)
    if result.environment_error:
        return EXIT_ENVIRONMENT
    return EXIT_PROBLEMS if result.has_errors(strict=settings.strict) else EXIT_OK
