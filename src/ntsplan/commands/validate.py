"""``ntsplan validate``: check a plan folder and report every problem."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.check import check_folder
from ntsplan.report import report
from ntsplan.settings import ValidateSettings


def run(settings: ValidateSettings, stream: IO[str] | None = None) -> int:
    """Check ``settings.data_dir``, report, and return the exit code."""
    result = check_folder(settings.data_dir)
    report(result, settings.format, stream or sys.stdout)
    return result.exit_code(strict=settings.strict)
