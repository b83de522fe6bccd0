"""``ntsplan diff``: the plan's changes between two git revisions, for reviewers.

``compare`` holds the pure comparison of two linked plans; ``git`` reads a revision's data
folder without touching the work tree; ``revisions`` checks and compares two revisions;
``report`` holds the ``DiffReport`` and the words the reporters share. One reporter per
output format, registered in ``REPORTER_BY_NAME``: a new format is one module and one line
there. This module imports no reporter, so the command line can list the formats cheaply.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol

from ntsplan.registry import load_class

if TYPE_CHECKING:
    from ntsplan.diff.report import DiffReport

REPORTER_BY_NAME: dict[str, str] = {
    "text": "ntsplan.diff.text:TextDiffReporter",
    "json": "ntsplan.diff.json:JsonDiffReporter",
    "markdown": "ntsplan.diff.markdown:MarkdownDiffReporter",
}
FORMATS = tuple(REPORTER_BY_NAME)


class DiffReporter(Protocol):
    """Writes a diff report to a stream."""

    def report(self, report: DiffReport, stream: IO[str]) -> None: ...


def make_diff_reporter(name: str) -> DiffReporter:
    """The reporter for a format name in ``FORMATS``."""
    reporter: DiffReporter = load_class(REPORTER_BY_NAME[name])()
    return reporter
