"""Markdown for a GitHub job summary or a pull-request comment: one table of all problems.

GitHub shows at most ten annotations per step, so a workflow appends this report to
``$GITHUB_STEP_SUMMARY`` to show every problem. File names and messages can come from an
untrusted pull request; they are escaped so that they cannot add links, images or HTML.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ntsplan.problems import Severity
from ntsplan.report.base import ProblemReporter, display_path
from ntsplan.report.tables import md_cell, md_code, plural

if TYPE_CHECKING:
    from ntsplan.check import CheckResult

# A job summary holds at most 1 MiB per step; a row is a few hundred bytes at most.
MAX_ROWS = 1000


class MarkdownReporter(ProblemReporter):
    """A heading with the verdict, what was checked, and a table of the problems."""

    def __init__(self, *, color: bool = False, max_rows: int = MAX_ROWS) -> None:
        super().__init__(color=color)
        self.max_rows = max_rows

    def report(self, result: CheckResult, stream: IO[str]) -> None:
        s = result.summary
        if s.errors or s.warnings:
            verdict = f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}"
        else:
            verdict = "valid"
        stream.write(f"### ntsplan validate: {verdict}\n\n")
        roms = plural(s.roms, "ROM", "ROM's")
        stream.write(
            f"Checked {plural(s.files, 'file')}: {roms}, "
            f"{plural(s.technologies, 'technology', 'technologies')}, "
            f"{plural(s.valuechains, 'value chain')}, "
            f"{plural(s.activities, 'activity', 'activities')}.\n"
        )
        if not result.problems:
            return
        stream.write("\n| Severity | Where | Problem | Code |\n| --- | --- | --- | --- |\n")
        shown = result.problems[: self.max_rows]
        for p in shown:
            severity = "**error**" if p.severity is Severity.ERROR else "warning"
            where = md_code(f"{display_path(p.file)}:{p.position}")
            stream.write(f"| {severity} | {where} | {md_cell(p.message)} | {md_code(p.code)} |\n")
        hidden = len(result.problems) - len(shown)
        if hidden:
            stream.write(
                f"\n…and {plural(hidden, 'more problem')} not shown here; run "
                "`ntsplan validate` to see them all.\n"
            )
