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
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import ServerTextPosition

from ntsplan import __version__
from ntsplan.lsp.actions import code_actions
from ntsplan.lsp.completion import complete
from ntsplan.lsp.context import context_at, schema_name
from ntsplan.lsp.diagnostics import by_file, to_diagnostic
from ntsplan.lsp.index import Occurrence, PlanIndex, build_index
from ntsplan.lsp.navigation import (
    definition_location,
    document_symbols,
    id_hover,
    key_hover,
    references,
)
from ntsplan.lsp.session import PlanSession, plan_root

log = logging.getLogger("ntsplan.lsp")
F = TypeVar("F", bound=Callable[..., Any])


class NtsplanServer(LanguageServer):
    """The language server with one ``PlanSession`` per plan folder."""

    def __init__(self) -> None:
        super().__init__("ntsplan", __version__)
        self.sessions: dict[Path, PlanSession] = {}
        self.indexes: dict[Path, PlanIndex] = {}
        self.published: dict[Path, dict[Path, tuple[Any, ...]]] = {}

    # -- files and sessions ----------------------------------------------------------------

    def session_for(self, uri: str) -> tuple[PlanSession, Path] | None:
        """The session of the plan folder that reads the file at ``uri``, if any."""
        fs_path = to_fs_path(uri)
        if not fs_path:
            return None
        file = Path(fs_path).resolve()
        root = plan_root(file)
        if root is None:
            return None
        session = self.sessions.get(root)
        if session is None:
            session = self.sessions[root] = PlanSession(root)
            log.info("ntsplan lsp %s: checking the plan folder %s", __version__, root)
        return session, file

    def index_of(self, session: PlanSession) -> PlanIndex:
        """The plan index, built when first needed after a check."""
        index = self.indexes.get(session.root)
        if index is None:
            sources = session.result.sources if session.result else []
            index = self.indexes[session.root] = build_index(sources)
        return index

    def lines_of(self, session: PlanSession, file: Path) -> list[str]:
        return session.text_of(file).split("\n")

    def range_maker(self, lines: list[str]) -> Callable[[int, int, int], types.Range]:
        codec = self.workspace.position_codec

        def make(row: int, start: int, end: int) -> types.Range:
            return types.Range(
                codec.position_to_client_units(lines, ServerTextPosition(row, start)),
                codec.position_to_client_units(lines, ServerTextPosition(row, end)),
            )

        return make

    def location(self, session: PlanSession) -> Callable[[Path, int, int, int], types.Location]:
        def make(file: Path, row: int, start: int, end: int) -> types.Location:
            lines = self.lines_of(session, file)
            return types.Location(
                from_fs_path(str(file)) or "", self.range_maker(lines)(row, start, end)
            )

        return make

    # -- checking --------------------------------------------------------------------------

    def recheck(self, uri: str, text: str | None) -> None:
        """Take the buffer of ``uri`` (None: closed) and publish the plan's diagnostics."""
        found = self.session_for(uri)
        if found is None:
            return
        session, file = found
        session.set_buffer(file, text)
        result = session.check()
        self.indexes.pop(session.root, None)
        problems = by_file(result.problems if result else [])
        before = self.published.get(session.root, {})
        now: dict[Path, tuple[Any, ...]] = {}
        # The edited file last, always: when its diagnostics arrive, the others have.
        others = sorted((set(before) | set(problems)) - {file})
        for path in [*others, file]:
            listed = problems.get(path, [])
            key = tuple((p.sort_key, p.fix) for p in listed)
            if listed:
                now[path] = key
            if before.get(path) == key and path != file:
                continue
            lines = self.lines_of(session, path)
            make = self.range_maker(lines)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=from_fs_path(str(path)) or "",
                    diagnostics=[to_diagnostic(p, lines, make) for p in listed],
                )
            )
        self.published[session.root] = now

    def where(
        self, uri: str, position: types.Position
    ) -> tuple[PlanSession, Path, str, int, int] | None:
        """Session, file, text and the cursor (0-based row, code-point column)."""
        found = self.session_for(uri)
        if found is None:
            return None
        session, file = found
        text = session.text_of(file)
        lines = text.split("\n")
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return session, file, text, server.line, server.character

    def occurrence(
        self, uri: str, position: types.Position
    ) -> tuple[PlanSession, Occurrence] | None:
        here = self.where(uri, position)
        if here is None:
            return None
        session, file, _, row, column = here
        found = self.index_of(session).at(file, row + 1, column + 1)
        return (session, found) if found else None


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


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_safe(None)
def did_open(ls: NtsplanServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.recheck(params.text_document.uri, params.text_document.text)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@_safe(None)
def did_change(ls: NtsplanServer, params: types.DidChangeTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    ls.recheck(params.text_document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_safe(None)
def did_save(ls: NtsplanServer, params: types.DidSaveTextDocumentParams) -> None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    ls.recheck(params.text_document.uri, document.source)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_safe(None)
def did_close(ls: NtsplanServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.recheck(params.text_document.uri, None)


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
    make = ls.range_maker(text.split("\n"))
    chain = file.stem if schema == "valuechain" else ""
    items = complete(
        schema, context, ls.index_of(session), chain, make(row, context.start, context.end)
    )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_safe(None)
def hover(ls: NtsplanServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.occurrence(params.text_document.uri, params.position)
    text: str | None
    if found is not None:
        session, occurrence = found
        text = id_hover(ls.index_of(session), occurrence)
    else:
        here = ls.where(params.text_document.uri, params.position)
        if here is None:
            return None
        session, file, source, row, column = here
        schema = schema_name(session.root, file)
        context = context_at(source, row, column)
        word = source.split("\n")[row][context.start : context.end]
        if schema is None or context.in_value or not word:
            return None
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
    session, occurrence = found
    return definition_location(ls.index_of(session), occurrence, ls.location(session))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@_safe([])
def find_references(ls: NtsplanServer, params: types.ReferenceParams) -> list[types.Location]:
    found = ls.occurrence(params.text_document.uri, params.position)
    if found is None:
        return []
    session, occurrence = found
    return references(
        ls.index_of(session),
        occurrence,
        ls.location(session),
        declaration=params.context.include_declaration,
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
@_safe([])
def code_action(ls: NtsplanServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    found = ls.session_for(params.text_document.uri)
    if found is None:
        return []
    session, file = found
    text = session.text_of(file)
    chain = file.stem if file.parent.name == "valuechains" else None
    return code_actions(
        params.text_document.uri,
        text,
        list(params.context.diagnostics),
        index=ls.index_of(session),
        chain=chain,
        line_range=ls.range_maker(text.split("\n")),
    )


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_safe([])
def symbols(ls: NtsplanServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    found = ls.session_for(params.text_document.uri)
    if found is None or found[0].result is None:
        return []
    session, file = found
    source = (
        next((s for s in session.result.sources if s.document.file == file), None)
        if session.result
        else None
    )
    if source is None:
        return []
    lines = ls.lines_of(session, file)
    return document_symbols(source.document, lines, ls.range_maker(lines))


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
