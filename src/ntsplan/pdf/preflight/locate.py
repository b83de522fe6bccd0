"""From a finding's ``data-src`` back to the data file and line behind it.

The render stage marks elements that show one piece of data with ``data-src``:
``valuechain/ID#activities/ACTIVITY-ID``, ``technology/ID#sources/0``, ``plan#sources/1``,
``roms#roms/nom/sources/0``. The part before ``#`` names the file, the part after it the
place inside: mapping keys, list indices, or the ``id`` of a list item. No file path is
written into the document itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ntsplan.load.document import DocPath, Document
from ntsplan.load.layout import SourceFile
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.problems import Problem, Severity


def source_name(source: str) -> str:
    """The file part of a ``data-src``: ``plan``, ``roms`` or ``KIND/ID``."""
    return source.partition("#")[0]


def resolve_path(document: Document, place: str) -> DocPath:
    """The document path of ``place``: a list item may be named by its ``id``."""
    path: list[str | int] = []
    for part in (p for p in place.split("/") if p):
        node = document.get(path)
        if isinstance(node, list):
            if part.isdigit():
                path.append(int(part))
                continue
            ids = [item.get("id") if isinstance(item, dict) else None for item in node]
            index = ids.index(part) if part in ids else None
            if index is None:
                break
            path.append(index)
        else:
            path.append(part)
    return tuple(path)


class Locator:
    """Turns findings into problems located in the documents the build was checked from
    (``sources``, as loaded: nothing is read from disk again); the PDF itself (``pdf``)
    is the place of a fault no data file stands behind."""

    def __init__(self, sources: Iterable[SourceFile], pdf: Path) -> None:
        self.pdf = pdf
        self._documents = {
            source.kind.value
            if source.kind.value in ("plan", "roms")
            else f"{source.kind.value}/{source.id}": source.document
            for source in sources
        }

    def problem(self, finding: Finding, severity: Severity = Severity.WARNING) -> Problem:
        """The finding as a ``Problem`` at the data behind it, or at the PDF."""
        document = self._documents.get(source_name(finding.source)) if finding.source else None
        if document is None:
            return Problem(self.pdf, 1, 1, finding.code, finding.text, severity)
        path = resolve_path(document, finding.source.partition("#")[2] if finding.source else "")
        line, column = document.locate(path, key=True)
        return Problem(document.file, line, column, finding.code, finding.text, severity, path)
