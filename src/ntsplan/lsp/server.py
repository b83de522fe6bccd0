"""``ntsplan lsp``: the language server, over stdio, built on pygls.

Every open YAML file inside a plan folder is checked with the plan it belongs to, by the
computation of ``ntsplan validate``, and the problems of every file of that plan are
published, so that an edit in ``roms.yaml`` updates the value chains that use it. A file
outside a plan folder gets nothing. Nothing is written to stdout but the protocol: log
records go to the client's log (``window/logMessage``).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import to_fs_path

from ntsplan.lsp.actions import FIX_ALL_KIND, code_actions
from ntsplan.lsp.completion import complete
from ntsplan.lsp.context import context_at, key_row, schema_name, sibling_value, text_lines
from ntsplan.lsp.diagnostics import by_file
from ntsplan.lsp.navigation import (
    definition_location,
    document_symbols,
    id_hover,
    key_hover,
    references,
    value_hover,
)
from ntsplan.lsp.outline import folding_ranges, workspace_symbols
from ntsplan.lsp.pygls_fence import install_codec
from ntsplan.lsp.rename import RenameError, Target, rename_plan, target_at
from ntsplan.lsp.session import PlanSession
from ntsplan.lsp.watching import WATCHERS, DiskWatch, can_watch
from ntsplan.lsp.workspace import NtsplanServer
from ntsplan.lsp.workspace_edits import workspace_edit

log = logging.getLogger("ntsplan.lsp")
F = TypeVar("F", bound=Callable[..., Any])


server = NtsplanServer()


def _safe(default: Any) -> Callable[[F], F]:
    """Never let a handler's failure end the server: log it and answer ``default``."""

    def wrap(handler: F) -> F:
        @functools.wraps(handler)
        def run(ls: NtsplanServer, params: Any) -> Any:
            try:
                return handler(ls, params)
            except Exception:
                log.exception("ntsplan lsp: %s failed", handler.__name__)
                return default

        return cast(F, run)

    return wrap


@server.feature(types.INITIALIZED)
@_safe(None)
def initialized(ls: NtsplanServer, params: types.InitializedParams) -> None:
    install_codec(ls.workspace)
    if can_watch(ls.client_capabilities):
        options = types.DidChangeWatchedFilesRegistrationOptions(watchers=WATCHERS)
        registration = types.Registration(
            id="ntsplan-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        ls.client_register_capability(types.RegistrationParams([registration]))
    else:
        log.info("ntsplan lsp: the client does not watch files; polling the plan folders")
        ls.watching = DiskWatch(lambda: list(ls.sessions), ls.disk_changed)
        ls.watching.start()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@_safe(None)
def did_change_watched_files(ls: NtsplanServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [Path(p).resolve() for c in params.changes if (p := to_fs_path(c.uri))]
    ls.disk_changed(paths)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_safe(None)
def did_open(ls: NtsplanServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, params.text_document.text)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@_safe(None)
def did_change(ls: NtsplanServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    ls.changed(params.text_document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_safe(None)
def did_save(ls: NtsplanServer, params: types.DidSaveTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    ls.changed(params.text_document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_safe(None)
def did_close(ls: NtsplanServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, None)


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", ":", "-", "/", "[", ","]),
)
@_safe(None)
def completion(ls: NtsplanServer, params: types.CompletionParams) -> types.CompletionList | None:
    here = ls.where(params.text_document.uri, params.position)
    if here is None:
        return None
    session, file, text, row, column = here
    schema = schema_name(session.root, file)
    if schema is None:
        return None
    context = context_at(text, row, column)
    make = ls.range_maker(text_lines(text))
    chain = file.stem if schema == "valuechain" else ""
    own = None
    if context.keys[-1:] == ("depends",):
        own = sibling_value(text, row, "id")
    elif context.keys[-2:] == ("depends", "id") and (above := key_row(text, row, "depends")):
        own = sibling_value(text, above, "id")  # the overlap form, {id: ...} as a block
    items = complete(
        schema, context, ls.index_of(session), chain, make(row, context.start, context.end), own=own
    )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_safe(None)
def hover(ls: NtsplanServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.occurrence(params.text_document.uri, params.position)
    text: str | None
    if found is not None:
        session, occurrence, _, _ = found
        text = id_hover(ls.index_of(session), occurrence)
    else:
        here = ls.where(params.text_document.uri, params.position)
        if here is None:
            return None
        session, file, source, row, column = here
        schema = schema_name(session.root, file)
        context = context_at(source, row, column)
        lines = text_lines(source)
        word = lines[row][context.start : context.end] if row < len(lines) else ""
        if schema is None or not word:
            return None
        if context.in_value:
            text = value_hover(schema, context.keys, word)
        else:
            text = key_hover(schema, context.keys, word)
    if text is None:
        return None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@_safe(None)
def definition(ls: NtsplanServer, params: types.DefinitionParams) -> types.Location | None:
    found = ls.occurrence(params.text_document.uri, params.position)
    if found is None:
        return None
    session, occurrence, _, _ = found
    return definition_location(ls.index_of(session), occurrence, ls.location(session))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@_safe([])
def find_references(ls: NtsplanServer, params: types.ReferenceParams) -> list[types.Location]:
    found = ls.occurrence(params.text_document.uri, params.position)
    if found is None:
        return []
    session, occurrence, _, _ = found
    return references(
        ls.index_of(session),
        occurrence,
        ls.location(session),
        declaration=params.context.include_declaration,
    )


def _target(ls: NtsplanServer, uri: str, position: types.Position) -> tuple[PlanSession, Target]:
    found = ls.occurrence(uri, position)
    if found is None:
        raise RenameError("Put the cursor on an id (a ROM, stakeholder, activity, technology)")
    session, occurrence, line, column = found
    return session, target_at(ls.index_of(session), occurrence, line, column)


def _refused(error: RenameError) -> JsonRpcException:
    return JsonRpcException(str(error), code=types.LSPErrorCodes.RequestFailed)


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(
    ls: NtsplanServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder | None:
    try:
        session, target = _target(ls, params.text_document.uri, params.position)
    except RenameError as error:
        raise _refused(error) from None
    file = Path(to_fs_path(params.text_document.uri) or "").resolve()
    make = ls.range_maker(ls.lines_of(session, file))
    return types.PrepareRenamePlaceholder(
        range=make(target.row, target.start, target.end), placeholder=target.symbol[-1]
    )


@server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
def rename(ls: NtsplanServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    try:
        session, target = _target(ls, params.text_document.uri, params.position)
        plan = rename_plan(
            ls.index_of(session), target, params.new_name, session.root, session.text_of
        )
    except RenameError as error:
        raise _refused(error) from None
    return workspace_edit(plan, lambda file: ls.range_maker(ls.lines_of(session, file)))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND],
    ),
)
@_safe([])
def code_action(ls: NtsplanServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    found = ls.session_for(params.text_document.uri)
    if found is None:
        return []
    session, file = found
    text = session.text_of(file)
    chain = file.stem if file.parent.name == "valuechains" else None
    fresh = session.result is not None and session.checked == session.generation
    problems = by_file(session.result.problems).get(file, []) if fresh and session.result else None
    return code_actions(
        params.text_document.uri,
        text,
        list(params.context.diagnostics),
        index=ls.index_of(session),
        chain=chain,
        line_range=ls.range_maker(text_lines(text)),
        problems=problems,
        only=[str(kind) for kind in params.context.only or []],
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_safe([])
def symbols(ls: NtsplanServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    found = ls.session_for(params.text_document.uri)
    if found is None:
        return []
    session, file = found
    source = session.good.get(file)
    if source is None:
        return []
    lines = ls.lines_of(session, file)
    return document_symbols(source.document, lines, ls.range_maker(lines))


@server.feature(types.WORKSPACE_SYMBOL)
@_safe([])
def find_symbols(
    ls: NtsplanServer, params: types.WorkspaceSymbolParams
) -> list[types.SymbolInformation]:
    found: list[types.SymbolInformation] = []
    for session in ls.sessions.values():
        found += workspace_symbols(ls.index_of(session), params.query, ls.location(session))
    return found


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
@_safe([])
def folding(ls: NtsplanServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    found = ls.session_for(params.text_document.uri)
    if found is None:
        return []
    session, file = found
    return folding_ranges(session.text_of(file))


class _ClientLog(logging.Handler):
    """Log records to the client's log (``window/logMessage``), never to stdout."""

    def __init__(self, ls: NtsplanServer) -> None:
        super().__init__(logging.INFO)
        self.ls = ls
        self.busy = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.busy:
            return  # a record logged while sending one
        self.busy = True
        try:
            kind = (
                types.MessageType.Error
                if record.levelno >= logging.ERROR
                else types.MessageType.Log
            )
            self.ls.window_log_message(types.LogMessageParams(kind, self.format(record)))
        except Exception:  # the client is gone: nothing to log to
            pass
        finally:
            self.busy = False


def run() -> int:
    """Serve over stdin and stdout until the client says exit."""
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not break the protocol stream
    handler = _ClientLog(server)
    for name, level in (("ntsplan", logging.INFO), ("pygls", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
