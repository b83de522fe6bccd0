"""``ntsplan status``: how complete the plan is, per value chain and overall.

The figures come from ``ntsplan.completeness``, the same computation as the document's
completeness chapter; only the day the deadline is counted from differs (today here, the
edition date there). One reporter per output format, registered in ``REPORTER_BY_NAME``:
a new format is one module and one line there.
"""

from __future__ import annotations

from typing import IO, Protocol

from ntsplan.status.json import JsonStatusReporter
from ntsplan.status.markdown import MarkdownStatusReporter
from ntsplan.status.report import StatusReport, deadline_words, missing_words, status_report
from ntsplan.status.text import TextStatusReporter

__all__ = [
    "FORMATS",
    "REPORTER_BY_NAME",
    "StatusReport",
    "StatusReporter",
    "deadline_words",
    "make_status_reporter",
    "missing_words",
    "status_report",
]


class StatusReporter(Protocol):
    """Writes a status report to a stream."""

    def report(self, status: StatusReport, stream: IO[str]) -> None: ...


REPORTER_BY_NAME: dict[str, type[StatusReporter]] = {
    "text": TextStatusReporter,
    "json": JsonStatusReporter,
    "markdown": MarkdownStatusReporter,
}
FORMATS = tuple(REPORTER_BY_NAME)


def make_status_reporter(name: str) -> StatusReporter:
    """The reporter for a format name in ``FORMATS``."""
    return REPORTER_BY_NAME[name]()
