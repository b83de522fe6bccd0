"""Code actions: the certain fixes of ntsplan's problems, as quick fixes.

* the problem's own fix (``Problem.fix``, carried in the diagnostic's data): its edits, the
  same that ``ntsplan fix`` applies (a did-you-mean, the id for a name, an indentation
  slip); preferred when it is safe;
* a name written where an id belongs ('Oost NL' for 'oost-nl'): replace it with the id;
* for a file that does not parse, re-indent to the one indent used above that makes it parse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from ntsplan.edits import Fix, TextEdit, overlapping
from ntsplan.load.yamlfile import parse_text
from ntsplan.lsp.diagnostics import SOURCE
from ntsplan.lsp.index import PlanIndex
from ntsplan.lsp.workspace_edits import text_edit
from ntsplan.problems import Problem

SYNTAX_CODES = {"tab-indent", "yaml-syntax"}
"""The problems of a file that does not parse; an indentation fix must leave none."""


def _replace(
    uri: str, diagnostic: types.Diagnostic, title: str, text: str, edit_range: types.Range
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(edit_range, text)]}),
    )


def _fix_action(
    uri: str,
    diagnostic: types.Diagnostic,
    fix: Fix,
    line_range: Callable[[int, int, int], types.Range],
) -> types.CodeAction | None:
    """A problem's fix as a code action; None when an edit is in another file (the
    client's units for that file are not known here: ``ntsplan fix`` applies it)."""
    own = to_fs_path(uri)
    edits = []
    for edit in fix.edits:
        if own is not None and edit.file.resolve() != Path(own).resolve():
            return None
        begin = line_range(edit.start_line - 1, edit.start_column - 1, edit.start_column - 1)
        finish = line_range(edit.end_line - 1, edit.end_column - 1, edit.end_column - 1)
        edits.append(types.TextEdit(types.Range(begin.start, finish.end), edit.text))
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=fix.is_safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.ntsplan"
"""The kind of "fix all in this file" (an editor's fix-on-save asks for it)."""


def _within(kind: str, asked: str) -> bool:
    """Whether code actions of ``kind`` are of the kind ``asked`` (a prefix, by parts)."""
    return kind == asked or kind.startswith(f"{asked}.")


def fix_all(
    uri: str,
    problems: list[Problem],
    line_range: Callable[[int, int, int], types.Range],
    *,
    kind: str | None,
) -> types.CodeAction | None:
    """Every safe fix of the file's problems in one edit, as ``ntsplan fix`` would apply
    them (a fix overlapping one taken already waits for the next round); None when there is
    nothing to fix, or one fix only (its own quick fix does it). ``kind`` None: a quick fix."""
    own = to_fs_path(uri)
    here = Path(own).resolve() if own else None
    chosen: list[TextEdit] = []
    count = 0
    for problem in problems:
        fix = problem.fix
        if fix is None or not fix.is_safe:
            continue
        if any(edit.file.resolve() != here for edit in fix.edits):
            continue
        if overlapping(fix.edits, chosen):
            continue
        chosen.extend(fix.edits)
        count += 1
    if count < (1 if kind else 2):
        return None
    return types.CodeAction(
        title=f"Fix all in this file ({count} safe fixes)" if count > 1 else "Fix all in this file",
        kind=kind or types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [text_edit(e, line_range) for e in chosen]}),
    )


def _name_to_id(index: PlanIndex, written: str, chain: str | None) -> str | None:
    """The id of the ROM, technology or stakeholder (of ``chain``) named ``written``."""
    wanted = written.strip().strip("\"'").casefold()
    found = {
        definition.symbol[-1]
        for definition in index.definitions.values()
        if definition.symbol[0] in ("rom", "technology")
        or (definition.symbol[0] == "stakeholder" and definition.symbol[1] == chain)
        for name in definition.names
        if name.casefold() == wanted
    }
    return found.pop() if len(found) == 1 else None


def _indent_fix(text: str, row: int) -> tuple[int, str] | None:
    """(row, new indent) that makes ``text`` parse, if exactly one indent used above does."""
    lines = text.split("\n")
    for target in (row, row - 1):
        if not 0 <= target < len(lines) or not lines[target].strip():
            continue
        line = lines[target]
        body = line.lstrip(" \t")
        current = line[: len(line) - len(body)]
        widths = sorted(
            {len(other) - len(other.lstrip(" ")) for other in lines[:target] if other.strip()}
        )
        working = []
        for width in widths:
            if " " * width == current:
                continue
            trial = [*lines[:target], " " * width + body, *lines[target + 1 :]]
            _, problems = parse_text(Path("fix.yaml"), "\n".join(trial))
            if not any(p.code in SYNTAX_CODES for p in problems):
                working.append(width)
        if len(working) == 1:
            return target, " " * working[0]
        if working:
            return None
    return None


def code_actions(
    uri: str,
    text: str,
    diagnostics: list[types.Diagnostic],
    *,
    index: PlanIndex,
    chain: str | None,
    line_range: Callable[[int, int, int], types.Range],
    problems: list[Problem] | None = None,
    only: list[str] | None = None,
) -> list[types.CodeAction]:
    """The quick fixes for the ntsplan diagnostics in a code-action request, and "fix all
    in this file" from ``problems`` (the file's problems as last checked; None when the
    text changed since). ``only``: the kinds the client asks for."""
    actions: list[types.CodeAction] = []
    wanted = list(only or [])
    if problems and (not wanted or any(_within(FIX_ALL_KIND, kind) for kind in wanted)):
        everything = fix_all(uri, problems, line_range, kind=FIX_ALL_KIND if wanted else None)
        if everything is not None:
            actions.append(everything)
    if wanted and not any(_within(types.CodeActionKind.QuickFix, kind) for kind in wanted):
        return actions
    lines = text.split("\n")
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE:
            continue
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        start, end = diagnostic.range.start, diagnostic.range.end
        written = (
            lines[start.line][start.character : end.character] if start.line < len(lines) else ""
        )
        raw_fix = data.get("fix")
        own = Fix.from_json(raw_fix) if isinstance(raw_fix, dict) else None
        if own is not None and (action := _fix_action(uri, diagnostic, own, line_range)):
            actions.append(action)
            continue
        ident = _name_to_id(index, written, chain) if written else None
        if ident and ident != written:
            title = f"Write the id '{ident}' instead of the name"
            actions.append(_replace(uri, diagnostic, title, ident, diagnostic.range))
            continue
        if diagnostic.code in SYNTAX_CODES:
            fix = _indent_fix(text, start.line)
            if fix is not None:
                row, indent = fix
                line = lines[row]
                old = len(line) - len(line.lstrip(" \t"))
                title = f"Indent line {row + 1} by {len(indent)} spaces"
                edit_range = line_range(row, 0, old)
                actions.append(_replace(uri, diagnostic, title, indent, edit_range))
    return actions
