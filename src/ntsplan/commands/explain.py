"""``ntsplan explain CODE``: what a problem code means and how to fix it."""

from __future__ import annotations

import sys
from typing import IO

from ntsplan.codes import lookup
from ntsplan.errors import EXIT_OK, UsageError
from ntsplan.explain import all_codes, report_code, report_listing


def run(code: str | None, *, list_all: bool = False, stream: IO[str] | None = None) -> int:
    """Explain ``code`` (or, with ``list_all``, list every code); the exit code."""
    out = stream or sys.stdout
    codes = all_codes()
    if list_all:
        report_listing(codes, out)
        return EXIT_OK
    if code is None:
        raise UsageError(
            "give a problem code, e.g. 'ntsplan explain unknown-rom'",
            hint="'ntsplan explain --all' lists every code",
        )
    name = code.strip().strip("[]").lower()
    found = lookup(name)
    if found is None:
        from ntsplan.suggest import did_you_mean  # noqa: PLC0415

        raise UsageError(
            f"no problem code '{code}'{did_you_mean(name, [c.name for c in codes])}",
            hint="'ntsplan explain --all' lists every code",
        )
    report_code(found, out)
    return EXIT_OK
