"""The two places where the server reaches into pygls's internals, fenced here with a test
each that fails when upstream changes them (tests/lsp/test_pygls_fence.py).

* ``Protocol`` frees what pygls 2.x keeps of every notification it hands to a built-in
  handler: ``JsonRPCProtocol._execute_handler`` stores the future of a generator handler
  (pygls's own ``didOpen``/``didChange``/``didClose``/``didSave``, which then call ours)
  in ``_request_futures`` under a fresh uuid, and only responses to *requests* pop it, so
  every keystroke left about 2 KB behind for good (docs/pygls-notification-leak.md is the
  upstream report).
* ``FastPositionCodec`` converts between the client's UTF-16 (or UTF-8) columns and code
  points with the codecs of ``str.encode`` instead of a Python loop per character, so a
  position on a 1 MB line costs a few milliseconds, not a second. It is installed on the
  workspace (``Workspace._position_codec``), which hands it to every document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from lsprotocol import types
from pygls.protocol import LanguageServerProtocol
from pygls.workspace import PositionCodec, ServerTextPosition, Workspace


class Protocol(LanguageServerProtocol):
    """pygls's protocol, forgetting each handler's future once it is done."""

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Callable[..., Any],
        callback: Callable[..., Any],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        futures: dict[Any, Any] = self._request_futures
        future = futures.get(msg_id)
        if future is None:
            return

        def forget(done: Any) -> None:
            # A request's own callback has popped it already; a notification's has not.
            if futures.get(msg_id) is done:
                del futures[msg_id]

        future.add_done_callback(forget)


def _units(text: str, encoding: Any) -> int:
    if encoding == types.PositionEncodingKind.Utf32 or text.isascii():
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class FastPositionCodec(PositionCodec):
    """pygls's ``PositionCodec`` with the same results, at the speed of ``str.encode``."""

    def position_from_client_units(
        self, lines: Sequence[str], position: types.Position
    ) -> ServerTextPosition:
        if not lines:
            return ServerTextPosition(0, 0)
        if position.line >= len(lines):
            return ServerTextPosition(len(lines) - 1, _units(lines[-1], self.encoding))
        line = lines[position.line].replace("\r\n", "\n")
        total = _units(line, self.encoding)
        if total == 0:
            return ServerTextPosition(position.line, 0)
        wanted = total - 1 if position.character > total else position.character
        if line.isascii() or self.encoding == types.PositionEncodingKind.Utf32:
            return ServerTextPosition(position.line, wanted)
        if self.encoding == types.PositionEncodingKind.Utf8:
            head = line.encode("utf-8", "surrogatepass")[:wanted]
            # A cut inside a character counts that character, as pygls's loop does.
            return ServerTextPosition(position.line, len(head.decode("utf-8", "replace")))
        head = line.encode("utf-16-le", "surrogatepass")[: 2 * wanted]
        return ServerTextPosition(position.line, len(head.decode("utf-16-le", "surrogatepass")))

    def position_to_client_units(
        self, lines: Sequence[str], position: ServerTextPosition | types.Position
    ) -> types.Position:
        try:
            line = lines[position.line]
        except IndexError:
            return types.Position(line=len(lines), character=0)
        return types.Position(
            line=position.line, character=_units(line[: position.character], self.encoding)
        )


def install_codec(workspace: Workspace) -> None:
    """Give ``workspace`` (and the documents it opens from now on) the fast codec."""
    current = workspace._position_codec
    workspace._position_codec = FastPositionCodec(current.encoding)
