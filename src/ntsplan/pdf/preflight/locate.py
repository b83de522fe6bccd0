"""From a finding's ``data-src`` back to the data file and line behind it.

The render stage marks elements that show one piece of data with ``data-src``:
``valuechain/ID#activities/ACTIVITY-ID``, ``technology/ID#sources/0``, ``plan#sources/1``,
``roms#roms/nom/sources/0``. The part before ``#`` names the file, the part after it the
place inside: mapping keys, list indices, or the ``id`` of a list item. No file path is
written into the document itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.load.document import DocPath, Document
from ntsplan.load.reader import read_document
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.problems import Problem, Severity

FILES = {"plan": "plan.yaml", "roms": "roms.yaml"}
FOLDERS = {"valuechain": "valuechains", "technology": "technologies"}


def source_file(source: str) -> str | None:
    """The data file (relative to the plan folder) that a ``data-src`` names."""
    name = source.partition("#")[0]
    if name in FILES:
        return FILES[name]
    kind, _, item = name.partition("/")
    if kind in FOLDERS and item:
        return f"{FOLDERS[kind]}/{item}.yaml"
    return None


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


@dataclass
class Locator:
    """Turns findings into problems located in ``data_dir``; the PDF itself (``pdf``) is
    the place of a fault no data file stands behind. Each file is read once."""

    data_dir: Path
    pdf: Path
    _documents: dict[str, Document | None] = field(default_factory=dict)

    def _document(self, name: str) -> Document | None:
        if name not in self._documents:
            document, _ = read_document(self.data_dir / name)
            self._documents[name] = document
        return self._documents[name]

    def problem(self, finding: Finding, severity: Severity = Severity.WARNING) -> Problem:
        """The finding as a ``Problem`` at the data behind it, or at the PDF."""
        name = source_file(finding.source) if finding.source else None
        document = self._document(name) if name else None
        if name is None or document is None:
            return Problem(self.pdf, 1, 1, finding.code, finding.text, severity)
        path = resolve_path(document, finding.source.partition("#")[2] if finding.source else "")
        line, column = document.locate(path, key=True)
        return Problem(document.file, line, column, finding.code, finding.text, severity, path)
