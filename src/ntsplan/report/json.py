"""Machine-readable output for scripts and other tools."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from ntsplan.edits import Fix
from ntsplan.report.base import ProblemReporter, display_path

if TYPE_CHECKING:
    from ntsplan.check import CheckResult


def _fix(fix: Fix | None) -> dict[str, object] | None:
    """The fix as data, its files shown as the problems' are."""
    if fix is None:
        return None
    data = fix.to_json()
    data["edits"] = [{**e.to_json(), "file": display_path(e.file)} for e in fix.edits]
    return data


class JsonReporter(ProblemReporter):
    """``{"problems": [...], "summary": {...}}``, keys in a fixed order."""

    def report(self, result: CheckResult, stream: IO[str]) -> None:
        s = result.summary
        document = {
            "problems": [
                {
                    "file": display_path(p.file),
                    "line": p.line,
                    "column": p.column,
                    "severity": p.severity.value,
                    "code": p.code,
                    "message": p.message,
                    "fix": _fix(p.fix),
                    **({"sheet": p.sheet, "cell": p.position} if p.sheet is not None else {}),
                }
                for p in result.problems
            ],
            "summary": {
                "files": s.files,
                "roms": s.roms,
                "technologies": s.technologies,
                "valuechains": s.valuechains,
                "activities": s.activities,
                "errors": s.errors,
                "warnings": s.warnings,
            },
        }
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
