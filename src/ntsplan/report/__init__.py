"""Reporters: the only code that prints problems. One per output format (``--format``).

A new format is one module with a ``ProblemReporter`` subclass and one line in
``REPORTER_BY_NAME`` (its import path); the command line's choices and help come from that
mapping, without importing a reporter.
"""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING

from ntsplan.registry import load_class
from ntsplan.report.base import ProblemReporter, display_path, use_color

if TYPE_CHECKING:
    from ntsplan.check import CheckResult

__all__ = [
    "FORMATS",
    "REPORTER_BY_NAME",
    "ProblemReporter",
    "choose_format",
    "display_path",
    "make_reporter",
    "problems_format",
    "report",
    "use_color",
]

REPORTER_BY_NAME: dict[str, str] = {
    "text": "ntsplan.report.text:TextReporter",
    "json": "ntsplan.report.json:JsonReporter",
    "github": "ntsplan.report.github:GithubReporter",
    "markdown": "ntsplan.report.markdown:MarkdownReporter",
}
AUTO = "auto"
FORMATS = (AUTO, *REPORTER_BY_NAME)
"""The values of ``--format``: ``auto`` and every registered reporter."""


def choose_format(name: str, environ: dict[str, str] | None = None) -> str:
    """Resolve ``auto``: GitHub annotations under GitHub Actions, text elsewhere."""
    env = os.environ if environ is None else environ
    if name != AUTO:
        return name
    return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"


def make_reporter(name: str, *, color: bool) -> ProblemReporter:
    """The reporter for a format name (``auto`` resolved from the environment)."""
    reporter: ProblemReporter = load_class(REPORTER_BY_NAME[choose_format(name)])(color=color)
    return reporter


def problems_format(report_format: str) -> str:
    """The problem format that fits a ``status`` or ``diff`` format: JSON for scripts,
    Markdown for a job summary or comment (a table of every problem), else text."""
    return report_format if report_format in {"json", "markdown"} else "text"


def report(result: CheckResult, output_format: str, stream: IO[str]) -> None:
    """Report ``result``'s problems and summary to ``stream`` in ``output_format``."""
    make_reporter(output_format, color=use_color(stream)).report(result, stream)
