"""``ntsplan lsp``: the language server for editors, over stdin and stdout."""

from __future__ import annotations


def run_lsp() -> int:
    """Serve until the editor ends the session; the exit code is 0."""
    from ntsplan.lsp.server import run  # noqa: PLC0415 - pygls only for this command

    return run()
