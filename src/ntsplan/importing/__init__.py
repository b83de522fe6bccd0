"""``ntsplan import``: a workbook that came back from a ROM, into the YAML.

``workbook`` reads the returned file (openpyxl, only here) with the provenance ntsplan
wrote into it; ``cells`` says what a cell means; ``changes`` finds what the person edited;
``yaml_edits`` turns that into text edits of the value chain files, applied by
``ntsplan.edits``; ``run`` checks the edited plan and writes it. The change report has one
reporter per format, registered in ``REPORTER_BY_NAME`` (a new format is one module and
one line); each shows the diff as ``ntsplan diff`` does, with the problems beside it.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Protocol

from ntsplan.registry import load_class

if TYPE_CHECKING:
    from ntsplan.importing.run import ImportOutcome

REPORTER_BY_NAME: dict[str, str] = {
    "text": "ntsplan.importing.text:TextImportReporter",
    "json": "ntsplan.importing.json:JsonImportReporter",
    "markdown": "ntsplan.importing.markdown:MarkdownImportReporter",
}


class ImportReporter(Protocol):
    """Writes what an import changed (or would change) to a stream."""

    def report(self, outcome: ImportOutcome, stream: IO[str]) -> None: ...


def make_import_reporter(name: str) -> ImportReporter:
    """The change reporter for ``--format``: json and markdown have their own, every other
    format (text, github, auto) shows the text report."""
    reporter: ImportReporter = load_class(REPORTER_BY_NAME.get(name, REPORTER_BY_NAME["text"]))()
    return reporter
