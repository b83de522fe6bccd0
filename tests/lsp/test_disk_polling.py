"""A client that cannot watch files (Neovim 0.7, a plain stdio client): the server polls the
plan folder and re-checks what changed on disk without a keystroke."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import CHAIN, SERVER, close, copy_plan, open_file, uri


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_plan(tmp_path_factory, "polling")


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, plan: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=plan.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="module")
async def test_a_file_written_on_disk_shows_without_a_keystroke(
    client: LanguageClient, plan: Path
) -> None:
    assert await open_file(client, plan, CHAIN) == []
    roms = plan / "roms.yaml"
    # As `ntsplan fix`, `git pull` or another editor would: the file changes on disk only.
    roms.write_text(
        roms.read_text(encoding="utf-8").replace("  - id: liof\n", "  - id: liof-nl\n"),
        encoding="utf-8",
    )
    chain_uri = uri(plan, CHAIN)
    for _ in range(1000):  # the poll runs every 2 s
        if chain_uri in client.diagnostics:
            break
        await asyncio.sleep(0.01)
    got = client.diagnostics.pop(chain_uri, None)
    assert got is not None, "no diagnostics after the change on disk"
    assert "unknown-rom" in {d.code for d in got}
    logged = [m.message for m in client.log_messages]
    assert any("polling the plan folders" in m for m in logged), logged
    await close(client, plan, CHAIN)
