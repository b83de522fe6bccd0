"""What the language-server tests share: a real client (pytest-lsp) talking to `ntsplan
lsp` over stdio about a copy of the shipped plan, and the steps of an editing session."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
NTSPLAN = Path(sys.executable).parent / "ntsplan"
CHAIN = "valuechains/medtech.yaml"
REGISTERED: list[types.Registration] = []
"""What the server registered with the client (file watchers)."""


def copy_plan(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    root = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(DATA, root)
    return root.resolve()


async def start(lsp_client: LanguageClient, plan: Path) -> AsyncIterator[None]:
    """Initialize a session as VS Code does (it watches files for the server)."""

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        REGISTERED.extend(params.registrations)

    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=plan.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


SERVER = ClientServerConfig(server_command=[str(NTSPLAN), "lsp"])


def uri(plan: Path, name: str) -> str:
    return (plan / name).as_uri()


def text(plan: Path, name: str) -> str:
    return (plan / name).read_text(encoding="utf-8")


async def published(client: LanguageClient, file_uri: str) -> list[types.Diagnostic]:
    """Wait for the diagnostics of ``file_uri`` (published last after every check)."""
    for _ in range(500):
        if file_uri in client.diagnostics:
            return list(client.diagnostics.pop(file_uri))
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {file_uri}")


async def open_file(
    client: LanguageClient, plan: Path, name: str, body: str | None = None
) -> list[types.Diagnostic]:
    file_uri = uri(plan, name)
    client.diagnostics.pop(file_uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=file_uri,
                language_id="yaml",
                version=1,
                text=text(plan, name) if body is None else body,
            )
        )
    )
    return await published(client, file_uri)


async def change(
    client: LanguageClient, plan: Path, name: str, body: str, version: int = 2
) -> list[types.Diagnostic]:
    file_uri = uri(plan, name)
    client.diagnostics.pop(file_uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(version=version, uri=file_uri),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=body)],
        )
    )
    return await published(client, file_uri)


async def close(client: LanguageClient, plan: Path, name: str) -> list[types.Diagnostic]:
    file_uri = uri(plan, name)
    client.diagnostics.pop(file_uri, None)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=file_uri))
    )
    return await published(client, file_uri)


def validate_json(folder: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [str(NTSPLAN), "validate", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    problems: list[dict[str, object]] = json.loads(done.stdout)["problems"]
    return problems


def position_of(body: str, needle: str, offset: int = 0) -> types.Position:
    before = body[: body.index(needle) + offset]
    return types.Position(line=before.count("\n"), character=len(before) - (before.rfind("\n") + 1))


def labels(
    result: types.CompletionList | list[types.CompletionItem] | None,
) -> dict[str, types.CompletionItem]:
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return {item.label: item for item in items}
