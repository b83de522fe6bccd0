"""``ntsplan validate``: check a plan folder and report every problem."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from ntsplan.check import CheckResult, check_folder
from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.report import choose_format, make_reporter
from ntsplan.settings import ValidateSettings


def use_color(stream: IO[str]) -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def check_and_report(
    data_dir: Path, output_format: str, *, strict: bool, stream: IO[str]
) -> tuple[CheckResult, int]:
    """Check ``data_dir``, report every problem to ``stream``, and return the exit code.

    Shared by ``validate`` and ``build``, so both report the same problems in the same
    formats with the same exit codes.
    """
    result = check_folder(data_dir)
    reporter = make_reporter(choose_format(output_format), color=use_color(stream))
    reporter.report(result, stream)
    if result.environment_error:
        return result, EXIT_ENVIRONMENT
    return result, EXIT_PROBLEMS if result.has_errors(strict=strict) else EXIT_OK


def run_validate(settings: ValidateSettings, stream: IO[str] | None = None) -> int:
    """Check ``settings.data_dir``, report, and return the exit code."""
    _, code = check_and_report(
        settings.data_dir, settings.format, strict=settings.strict, stream=stream or sys.stdout
    )
    return code
