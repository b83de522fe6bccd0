"""``ntsplan new valuechain|technology``: write a new data file that validates at once."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.errors import EXIT_OK
from ntsplan.report.written import report_new_file
from ntsplan.scaffold.new import new_technology, new_valuechain
from ntsplan.settings import NewTechnologySettings, NewValueChainSettings


def run_valuechain(settings: NewValueChainSettings, stream: IO[str] | None = None) -> int:
    """Write ``valuechains/<id>.yaml`` and say so; the exit code."""
    report_new_file(new_valuechain(settings), settings.data_dir, stream or sys.stdout)
    return EXIT_OK


def run_technology(settings: NewTechnologySettings, stream: IO[str] | None = None) -> int:
    """Write ``technologies/<id>.yaml`` and say so; the exit code."""
    report_new_file(new_technology(settings), settings.data_dir, stream or sys.stdout)
    return EXIT_OK
