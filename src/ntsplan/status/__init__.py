"""``ntsplan status``: how complete the plan is, per value chain and overall.

The figures come from ``ntsplan.plan.completeness`` (``status.report.status_report``), the same
computation as the document's completeness chapter. One reporter per output format,
registered in ``REPORTER_BY_NAME``: a new format is one module and one line there. This
module imports no reporter, so the command line can list the formats cheaply.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol

from ntsplan.registry import load_class

if TYPE_CHECKING:
    from ntsplan.status.report import StatusReport

REPORTER_BY_NAME: dict[str, str] = {
    "text": "ntsplan.status.text:TextStatusReporter",
    "json": "ntsplan.status.json:JsonStatusReporter",
    "markdown": "ntsplan.status.markdown:MarkdownStatusReporter",
}
FORMATS = tuple(REPORTER_BY_NAME)


class StatusReporter(Protocol):
    """Writes a status report to a stream."""

    def report(self, status: StatusReport, stream: IO[str]) -> None: ...


def make_status_reporter(name: str) -> StatusReporter:
    """The reporter for a format name in ``FORMATS``."""
    reporter: StatusReporter = load_class(REPORTER_BY_NAME[name])()
    return reporter
