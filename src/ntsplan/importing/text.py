"""The import's change report for a terminal: problems, the diff, then what was written."""

from __future__ import annotations

from typing import IO

from ntsplan.diff.text import TextDiffReporter
from ntsplan.importing.run import ImportOutcome
from ntsplan.report.base import display_path
from ntsplan.report.tables import plural
from ntsplan.report.text import TextReporter


def written_words(outcome: ImportOutcome) -> str:
    """'Wrote 2 files: …', or what a run with --write would write."""
    files = ", ".join(display_path(f) for f in outcome.files)
    count = plural(len(outcome.files), "file")
    if not outcome.files:
        words = "Nothing to write: the workbook's edits are already in the YAML."
    elif outcome.written:
        words = f"Wrote {count}: {files}."
    else:
        words = f"Nothing written (a dry run); with --write this changes {count}: {files}."
    if outcome.conflicts:
        rows = plural(outcome.conflicts, "row")
        words += f" {rows} with conflicts left out (--force writes them)."
    return words


class TextImportReporter:
    """Problems as ``validate`` shows them (when there are any), then the diff."""

    def report(self, outcome: ImportOutcome, stream: IO[str]) -> None:
        if outcome.result.problems:
            TextReporter().report(outcome.result, stream)
            stream.write("\n")
        if outcome.report is not None:
            TextDiffReporter().report(outcome.report, stream)
            stream.write("\n" + written_words(outcome) + "\n")
