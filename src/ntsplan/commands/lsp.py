"""``ntsplan lsp``: the language server for editors, over stdin and stdout."""

from __future__ import annotations


def run() -> int:
    """Serve until the editor says exit; the exit code."""
    from ntsplan.lsp.server import run as serve  # noqa: PLC0415 - pygls only for this command

    return serve()
