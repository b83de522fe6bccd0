"""The pygls internals the server relies on (ntsplan/lsp/pygls_fence.py): these fail when
upstream changes them, before the server silently leaks or slows down again."""

from __future__ import annotations

import random
from io import BytesIO

from lsprotocol import types
from pygls.workspace import PositionCodec, Workspace

from ntsplan.lsp.pygls_fence import FastPositionCodec, install_codec
from ntsplan.lsp.workspace import NtsplanServer

TEXTS = ["", "plain ascii", "kën én 🙂 twee", "🙂🙂", "a\r\n", "ü\n", "日本語 x"]
ENCODINGS = [
    types.PositionEncodingKind.Utf16,
    types.PositionEncodingKind.Utf8,
    types.PositionEncodingKind.Utf32,
]


def test_the_fast_codec_gives_pygls_s_positions() -> None:
    rng = random.Random(7)
    lines = [*TEXTS, "".join(rng.choice("aé🙂 日") for _ in range(40))]
    for encoding in ENCODINGS:
        ours, theirs = FastPositionCodec(encoding), PositionCodec(encoding)
        for row, line in enumerate(lines):
            units = len(line.encode("utf-16-le")) // 2 + 3
            for character in range(units * (4 if encoding == ENCODINGS[1] else 1)):
                asked = types.Position(line=row, character=character)
                expected = theirs.position_from_client_units(lines, types.Position(row, character))
                assert ours.position_from_client_units(lines, asked) == expected, (line, asked)
            for character in range(len(line) + 1):
                at = types.Position(line=row, character=character)
                assert ours.position_to_client_units(lines, at) == (
                    theirs.position_to_client_units(lines, at)
                ), (encoding, line, character)
        past = types.Position(line=len(lines) + 2, character=0)
        assert ours.position_to_client_units(lines, past) == theirs.position_to_client_units(
            lines, past
        )
        assert ours.position_from_client_units(lines, past) == (
            theirs.position_from_client_units(lines, past)
        )


def test_the_codec_is_installed_where_the_workspace_keeps_it() -> None:
    workspace = Workspace(None, position_encoding=types.PositionEncodingKind.Utf16)
    install_codec(workspace)
    assert isinstance(workspace.position_codec, FastPositionCodec)
    workspace.put_text_document(types.TextDocumentItem("file:///a.yaml", "yaml", 1, "a: 🙂\n"))
    document = workspace.get_text_document("file:///a.yaml")
    assert document.position_codec is workspace.position_codec


def _message(body: str) -> bytes:
    raw = body.encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(raw), raw)


def test_notifications_leave_nothing_behind_in_the_protocol() -> None:
    # What pygls keeps per notification handled by one of its built-in (generator)
    # handlers: without the fence, one future per didChange, for good.
    server = NtsplanServer()
    protocol = server.protocol
    protocol.set_writer(_Sink())
    protocol.handle_message(
        protocol.structure_message(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {"capabilities": {}, "processId": None, "rootUri": None},
            }
        )
    )
    uri = "file:///nowhere/a.yaml"
    protocol.handle_message(
        protocol.structure_message(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "a"}
                },
            }
        )
    )
    for version in range(2, 302):
        protocol.handle_message(
            protocol.structure_message(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": f"a: {version}"}],
                    },
                }
            )
        )
    assert protocol._request_futures == {}
    assert server.workspace.get_text_document(uri).source == "a: 301"


class _Sink:
    def __init__(self) -> None:
        self.out = BytesIO()

    def write(self, data: bytes) -> None:
        self.out.write(data)

    def close(self) -> None:
        pass
