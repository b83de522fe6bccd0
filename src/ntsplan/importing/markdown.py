"""The import's change report as Markdown: a pull request's description."""

from __future__ import annotations

from typing import IO

from ntsplan.diff.markdown import MarkdownDiffReporter
from ntsplan.importing.run import ImportOutcome
from ntsplan.importing.text import written_words
from ntsplan.report.markdown import MarkdownReporter


class MarkdownImportReporter:
    """The diff as ``diff --format markdown`` shows it, what was written, and the rows
    left out or not imported as ``validate --format markdown``'s table."""

    def report(self, outcome: ImportOutcome, stream: IO[str]) -> None:
        if outcome.report is not None:
            MarkdownDiffReporter().report(outcome.report, stream)
            stream.write("\n" + written_words(outcome) + "\n")
        if outcome.result.problems:
            if outcome.report is not None:
                stream.write("\n#### Not imported\n\n")
            MarkdownReporter().report(outcome.result, stream)
