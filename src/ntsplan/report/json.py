"""Machine-readable output for scripts and other tools."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING

from ntsplan.report.base import ProblemReporter, display_path

if TYPE_CHECKING:
    from ntsplan.check import CheckResult


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
