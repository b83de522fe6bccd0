"""``ntsplan fix``: apply the fixes that problems name, then report what is left.

Safe fixes by default, unsafe ones too with ``--unsafe``; ``--diff`` shows the changes as a
unified diff and writes nothing. Files are written only when every fix is applied and
checked again (see ``ntsplan.fixing``), each file at once (a temporary file, then a rename),
with its byte-order mark and everything outside the edited ranges as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from ntsplan.atomic import atomic_write
from ntsplan.fixing import fix_folder
from ntsplan.report import report
from ntsplan.report.fixes import write_diff, write_summary
from ntsplan.settings import FixSettings

_BOM = b"\xef\xbb\xbf"


def _write(file: Path, text: str) -> None:
    try:
        bom = file.read_bytes().startswith(_BOM)
    except OSError:
        bom = False
    atomic_write(file, (_BOM if bom else b"") + text.encode("utf-8"))


def run(settings: FixSettings, stream: IO[str] | None = None) -> int:
    """Fix ``settings.data_dir``; report the problems that remain; the exit code."""
    out = stream or sys.stdout
    outcome = fix_folder(settings.data_dir, unsafe=settings.unsafe)
    result = outcome.result
    assert result is not None
    if settings.diff:
        write_diff(outcome, out)
    else:
        for file, text in sorted(outcome.changed.items()):
            _write(file, text)
    err = sys.stderr if stream is None else out
    write_summary(outcome, err, unsafe=settings.unsafe, shown=settings.diff)
    if result.problems:
        report(result, settings.format, err if settings.diff else out)
    return result.exit_code(strict=settings.strict)
