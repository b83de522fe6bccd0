"""``ntsplan schema``: write the JSON Schema files that editors use, or check them."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.errors import EXIT_OK, EXIT_PROBLEMS
from ntsplan.report.written import report_schemas, report_stale_schemas
from ntsplan.scaffold.schemas import stale_schemas, write_schemas
from ntsplan.settings import SchemaSettings


def run(settings: SchemaSettings, stream: IO[str] | None = None) -> int:
    """Write (or with ``check``, compare) the schema files; return the exit code."""
    out = stream or sys.stdout
    if settings.check:
        stale = stale_schemas(settings.out_dir, settings.data_dir)
        report_stale_schemas(settings.out_dir, stale, out)
        return EXIT_PROBLEMS if stale else EXIT_OK
    report_schemas(write_schemas(settings.out_dir, settings.data_dir), out)
    return EXIT_OK
