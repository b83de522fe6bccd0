"""``ntsplan diff``: the plan's changes between two git revisions, for reviewers.

``compare`` holds the pure comparison of two linked plans; ``git`` reads a revision's data
folder without touching the work tree; ``report`` holds the ``DiffReport`` and the words the
reporters share. One reporter per output format, registered in ``REPORTER_BY_NAME``: a new
format is one module and one line there.
"""

from __future__ import annotations

from typing import IO, Protocol

from ntsplan.diff.json import JsonDiffReporter
from ntsplan.diff.markdown import MarkdownDiffReporter
from ntsplan.diff.report import (
    WORKING_TREE,
    DiffReport,
    Side,
    budget_changed,
    change_words,
    counts_words,
    describe,
    math_equal,
    value_words,
)
from ntsplan.diff.text import TextDiffReporter

__all__ = [
    "FORMATS",
    "REPORTER_BY_NAME",
    "WORKING_TREE",
    "DiffReport",
    "DiffReporter",
    "Side",
    "budget_changed",
    "change_words",
    "counts_words",
    "describe",
    "make_diff_reporter",
    "math_equal",
    "value_words",
]


class DiffReporter(Protocol):
    """Writes a diff report to a stream."""

    def report(self, report: DiffReport, stream: IO[str]) -> None: ...


REPORTER_BY_NAME: dict[str, type[DiffReporter]] = {
    "text": TextDiffReporter,
    "json": JsonDiffReporter,
    "markdown": MarkdownDiffReporter,
}
FORMATS = tuple(REPORTER_BY_NAME)


def make_diff_reporter(name: str) -> DiffReporter:
    """The reporter for a format name in ``FORMATS``."""
    return REPORTER_BY_NAME[name]()
