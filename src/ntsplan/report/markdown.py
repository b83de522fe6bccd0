"""Markdown for a GitHub job summary or a pull-request comment: one table of all problems.

GitHub shows at most ten annotations per step, so a workflow appends this report to
``$GITHUB_STEP_SUMMARY`` to show every problem. File names and messages can come from an
untrusted pull request; they are escaped so that they cannot add links, images or HTML.
"""

from __future__ import annotations

import re
from typing import IO

from ntsplan.check import CheckResult
from ntsplan.problems import Severity
from ntsplan.report import display_path
from ntsplan.report.tables import md_cell, plural

# A job summary holds at most 1 MiB per step; a row is a few hundred bytes at most.
MAX_ROWS = 1000

_BACKTICKS = re.compile(r"`+")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def _code(text: str) -> str:
    """``text`` as a code span, whatever backticks it holds, safe inside a table cell.

    A file name is shown as it is: a backtick in it gets a longer fence, and a pipe is
    escaped, because GitHub splits table cells at a pipe even inside code.
    """
    text = _LINE_BREAKS.sub(" ", text).replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


class MarkdownReporter:
    """A heading with the verdict, what was checked, and a table of the problems."""

    def __init__(self, *, max_rows: int = MAX_ROWS) -> None:
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
            where = _code(f"{display_path(p.file)}:{p.line}:{p.column}")
            stream.write(f"| {severity} | {where} | {md_cell(p.message)} | {_code(p.code)} |\n")
        hidden = len(result.problems) - len(shown)
        if hidden:
            stream.write(
                f"\n…and {plural(hidden, 'more problem')} not shown here; run "
                "`ntsplan validate` to see them all.\n"
            )
