"""Plain text for people at a terminal: ``file:line:column: severity: message [code]``."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ntsplan.problems import Severity
from ntsplan.report.base import ProblemReporter, display_path
from ntsplan.report.tables import plural

if TYPE_CHECKING:
    from ntsplan.check import CheckResult

_RESET = "\033[0m"
_STYLE = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    "path": "\033[1m",
    "dim": "\033[2m",
    "ok": "\033[1;32m",
}


class TextReporter(ProblemReporter):
    """Human-readable problems, coloured on a terminal."""

    def _paint(self, text: str, style: Severity | str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text

    def report(self, result: CheckResult, stream: IO[str]) -> None:
        for problem in result.problems:
            where = self._paint(f"{display_path(problem.file)}:{problem.position}", "path")
            severity = self._paint(problem.severity.value, problem.severity)
            code = self._paint(f"[{problem.code}]", "dim")
            stream.write(f"{where}: {severity}: {problem.message} {code}\n")
        s = result.summary
        roms = plural(s.roms, "ROM", "ROM's")
        counted = (
            f"{plural(s.files, 'file')}: {roms}, "
            f"{plural(s.technologies, 'technology', 'technologies')}, "
            f"{plural(s.valuechains, 'value chain')}, "
            f"{plural(s.activities, 'activity', 'activities')}"
        )
        if s.errors or s.warnings:
            found = f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}"
            style: Severity | str = Severity.ERROR if s.errors else Severity.WARNING
            stream.write(f"{self._paint(found, style)} in {counted}\n")
        else:
            stream.write(f"{self._paint('valid', 'ok')}: {counted}\n")
