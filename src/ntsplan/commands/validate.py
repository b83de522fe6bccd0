"""``ntsplan validate``: check a plan folder and report every problem."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import IO

from ntsplan.check import CheckResult, check_folder
from ntsplan.errors import EXIT_ENVIRONMENT, EXIT_OK, EXIT_PROBLEMS
from ntsplan.problems import Problem, sort_problems
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
    report(result, output_format, stream)
    return result, exit_code(result, strict=strict)


def report(result: CheckResult, output_format: str, stream: IO[str]) -> None:
    """Report ``result`` to ``stream`` in ``output_format`` (``auto`` resolved here)."""
    reporter = make_reporter(choose_format(output_format), color=use_color(stream))
    reporter.report(result, stream)


def exit_code(result: CheckResult, *, strict: bool) -> int:
    """2 for a machine problem, 1 for problems found (warnings too under ``strict``), else 0."""
    if result.environment_error:
        return EXIT_ENVIRONMENT
    return EXIT_PROBLEMS if result.has_errors(strict=strict) else EXIT_OK


def with_problems(result: CheckResult, problems: list[Problem]) -> CheckResult:
    """``result`` with more problems (the build's preflight), counted in its summary."""
    if not problems:
        return result
    merged = sort_problems([*result.problems, *problems])
    errors = sum(1 for p in merged if p.is_error)
    summary = replace(result.summary, errors=errors, warnings=len(merged) - errors)
    return replace(result, problems=merged, summary=summary)


def run_validate(settings: ValidateSettings, stream: IO[str] | None = None) -> int:
    """Check ``settings.data_dir``, report, and return the exit code."""
    _, code = check_and_report(
        settings.data_dir, settings.format, strict=settings.strict, stream=stream or sys.stdout
    )
    return code
