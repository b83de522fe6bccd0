"""The import's change report for scripts: one JSON document."""

from __future__ import annotations

import io
import json
from typing import IO, Any

from ntsplan.diff.json import JsonDiffReporter
from ntsplan.importing.run import ImportOutcome
from ntsplan.report.base import display_path
from ntsplan.report.json import JsonReporter


def _captured(write: Any) -> Any:
    buffer = io.StringIO()
    write(buffer)
    return json.loads(buffer.getvalue())


class JsonImportReporter:
    """``{"written", "files", "conflicts", "problems", "summary", "diff"}``: the problems
    and summary as ``validate --format json`` has them, the diff as ``diff --format json``."""

    def report(self, outcome: ImportOutcome, stream: IO[str]) -> None:
        problems = _captured(lambda s: JsonReporter().report(outcome.result, s))
        diff = outcome.report
        document = {
            "written": outcome.written,
            "files": [display_path(f) for f in outcome.files],
            "conflicts": outcome.conflicts,
            "problems": problems["problems"],
            "summary": problems["summary"],
            "diff": _captured(lambda s: JsonDiffReporter().report(diff, s)) if diff else None,
        }
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
