"""Edits of the shared model (``ntsplan.edits``: 1-based lines, code-point columns) as the
protocol's edits, in the client's units, grouped by file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from ntsplan.edits import TextEdit
from ntsplan.lsp.rename import RenamePlan

RangeFor = Callable[[Path], Callable[[int, int, int], types.Range]]
"""The range maker of a file: (0-based line, start, end in code points) -> a range."""


def text_edit(edit: TextEdit, make: Callable[[int, int, int], types.Range]) -> types.TextEdit:
    """One edit in the client's units."""
    begin = make(edit.start_line - 1, edit.start_column - 1, edit.start_column - 1)
    finish = make(edit.end_line - 1, edit.end_column - 1, edit.end_column - 1)
    return types.TextEdit(types.Range(begin.start, finish.end), edit.text)


def uri_of(file: Path) -> str:
    return from_fs_path(str(file)) or file.as_uri()


def grouped(edits: Iterable[TextEdit], range_for: RangeFor) -> dict[str, list[types.TextEdit]]:
    """The edits by file URI, in the order given."""
    changes: dict[str, list[types.TextEdit]] = {}
    makers: dict[Path, Callable[[int, int, int], types.Range]] = {}
    for edit in edits:
        make = makers.get(edit.file)
        if make is None:
            make = makers[edit.file] = range_for(edit.file)
        changes.setdefault(uri_of(edit.file), []).append(text_edit(edit, make))
    return changes


def workspace_edit(plan: RenamePlan, range_for: RangeFor) -> types.WorkspaceEdit:
    """A rename as one workspace edit: plain changes, or, when a file moves, document
    changes (the edits, then the move)."""
    changes = grouped(plan.edits, range_for)
    if not plan.moves:
        return types.WorkspaceEdit(changes=changes)
    operations: list[
        types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile
    ] = [
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            edits=list(edits),
        )
        for uri, edits in changes.items()
    ]
    operations += [
        types.RenameFile(old_uri=uri_of(old), new_uri=uri_of(new)) for old, new in plan.moves
    ]
    return types.WorkspaceEdit(document_changes=operations)
