"""The server's view of the plan folders the editor has open: one ``PlanSession`` per
folder, the plan index of each, positions in the client's units, and publishing the
diagnostics of every file of a plan after each check (``ntsplan.lsp.checking``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import ServerTextPosition

from ntsplan import __version__
from ntsplan.lsp.checking import CheckRunner
from ntsplan.lsp.completion import symbol_for
from ntsplan.lsp.context import context_at, schema_name, text_lines
from ntsplan.lsp.diagnostics import by_file, to_diagnostic
from ntsplan.lsp.index import Occurrence, PlanIndex, build_index
from ntsplan.lsp.pygls_fence import Protocol
from ntsplan.lsp.session import PlanSession, plan_root
from ntsplan.lsp.watching import DiskWatch

log = logging.getLogger("ntsplan.lsp")


class NtsplanServer(LanguageServer):
    """The language server with one ``PlanSession`` per plan folder."""

    def __init__(self) -> None:
        super().__init__("ntsplan", __version__, protocol_cls=Protocol)
        self.sessions: dict[Path, PlanSession] = {}
        self.indexes: dict[Path, PlanIndex] = {}
        self.published: dict[Path, dict[Path, tuple[Any, ...]]] = {}
        self.checks = CheckRunner(self.publish)
        self.watching: DiskWatch | None = None

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
            if self.watching is not None:
                self.watching.add(root)
            log.info("ntsplan lsp %s: checking the plan folder %s", __version__, root)
        return session, file

    def index_of(self, session: PlanSession) -> PlanIndex:
        """The plan index of the last check, built when first needed: every file's last
        document that parsed, so that a file being typed in keeps its ids."""
        index = self.indexes.get(session.root)
        if index is None:
            index = self.indexes[session.root] = build_index(list(session.good.values()))
        return index

    def lines_of(self, session: PlanSession, file: Path) -> Sequence[str]:
        return text_lines(session.text_of(file))

    def range_maker(self, lines: Sequence[str]) -> Callable[[int, int, int], types.Range]:
        codec = self.workspace.position_codec

        def make(row: int, start: int, end: int) -> types.Range:
            return types.Range(
                codec.position_to_client_units(lines, ServerTextPosition(row, start)),
                codec.position_to_client_units(lines, ServerTextPosition(row, end)),
            )

        return make

    def location(self, session: PlanSession) -> Callable[[Path, int, int, int], types.Location]:
        cache: dict[Path, Sequence[str]] = {}

        def make(file: Path, row: int, start: int, end: int) -> types.Location:
            lines = cache.get(file)
            if lines is None:
                lines = cache[file] = self.lines_of(session, file)
            return types.Location(
                from_fs_path(str(file)) or "", self.range_maker(lines)(row, start, end)
            )

        return make

    # -- checking --------------------------------------------------------------------------

    def changed(self, uri: str, text: str | None) -> None:
        """Take the buffer of ``uri`` (None: closed) and check its plan soon."""
        found = self.session_for(uri)
        if found is None:
            return
        session, file = found
        session.set_buffer(file, text)
        self.checks.request(session, file)

    def disk_changed(self, paths: list[Path]) -> None:
        """Files changed on disk (written, created, deleted): re-check the plans they are in."""
        for session in list(self.sessions.values()):
            if any(path == session.root or session.root in path.parents for path in paths):
                self.checks.request(session, None)

    def publish(self, session: PlanSession, result: Any, edited: Path | None) -> None:
        """Publish the diagnostics of every file of the plan whose problems changed; the
        edited file last, always: when its diagnostics arrive, the others have."""
        self.indexes.pop(session.root, None)
        problems = by_file(result.problems if result else [])
        before = self.published.get(session.root, {})
        now: dict[Path, tuple[Any, ...]] = {}
        others = sorted(
            (set(before) | set(problems)) - {edited} if edited else set(before) | set(problems)
        )
        for path in [*others, *([edited] if edited else [])]:
            listed = problems.get(path, [])
            key = tuple((p.sort_key, p.fix) for p in listed)
            if listed:
                now[path] = key
            if before.get(path) == key and path != edited:
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
        """Session, file, latest text and the cursor (0-based row, code-point column)."""
        found = self.session_for(uri)
        if found is None:
            return None
        session, file = found
        text = session.text_of(file)
        lines = text_lines(text)
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return session, file, text, server.line, server.character

    def occurrence(
        self, uri: str, position: types.Position
    ) -> tuple[PlanSession, Occurrence, str, int] | None:
        """The id under the cursor, with its line's text and the cursor's column."""
        here = self.where(uri, position)
        if here is None:
            return None
        session, file, text, row, column = here
        index = self.index_of(session)
        lines = text_lines(text)
        line = lines[row] if row < len(lines) else ""
        found = index.at(file, row + 1, column + 1)
        if found is not None and _written(line, found):
            return session, found, line, column
        # Text the last check has not seen (typed since, or a file that does not parse):
        # the word under the cursor, looked up by what the field takes.
        schema = schema_name(session.root, file)
        context = context_at(text, row, column)
        word = line[context.start : context.end]
        chain = file.stem if schema == "valuechain" else ""
        symbol = symbol_for(index, schema, context.keys, word, chain) if schema and word else None
        if symbol is None or not context.in_value:
            return None
        return session, Occurrence(symbol, file, row + 1, context.start + 1, word), line, column


def _written(line: str, found: Occurrence) -> bool:
    """Whether ``found`` is still what the line says at its place (quotes allowed)."""
    start = found.column - 1
    if line[start : start + 1] in ("'", '"'):
        start += 1
    return line[start : start + len(found.text)] == found.text
