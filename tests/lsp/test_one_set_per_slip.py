"""yaml-language-server beside ntsplan, set up as the VS Code extension and the README set
it up (``yaml.validate`` false for plan folders): a schema slip or an indentation slip gets
no diagnostic from yaml-language-server, whose completion from the schema still works, and
exactly one from ntsplan (test_server.py's one-mistake cases), so each slip shows once."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lsp_helpers import CHAIN, DATA, REPO

SERVER = REPO / "tests" / "lsp" / "node" / "node_modules" / "yaml-language-server" / "bin"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None or not (SERVER / "yaml-language-server").is_file(),
    reason="yaml-language-server is not installed: run 'make .npm' (npm ci in tests/lsp/node)",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("yls-off")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(REPO / "schemas", root / "schemas")
    return root


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[NODE or "node", str(SERVER / "yaml-language-server"), "--stdio"]
    ),
    scope="module",
)
async def yls(lsp_client: LanguageClient, workspace: Path) -> AsyncIterator[None]:
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        del params

    lsp_client.set_configuration(
        {"validate": False, "completion": True, "hover": True, "schemaStore": {"enable": False}},
        section="yaml",
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="plan")],
        )
    )
    yield
    await lsp_client.shutdown_session()


SLIPS = [
    ("status", "    status: proposed", "    status: propossed"),
    ("unknown-key", "  lead: liof", "  leader: liof"),
    (
        "indentation",
        "\n    kind: rom\n    owner: rom-utrecht",
        "\n     kind: rom\n    owner: rom-utrecht",
    ),
    ("tab", "  lead: liof", "\tlead: liof"),
]


@pytest.mark.parametrize("slip", [s[1:] for s in SLIPS], ids=[s[0] for s in SLIPS])
@pytest.mark.asyncio(loop_scope="module")
async def test_yaml_language_server_leaves_the_slip_to_ntsplan(
    yls: LanguageClient, workspace: Path, slip: tuple[str, str]
) -> None:
    before, after = slip
    original = workspace / "data" / CHAIN
    text = original.read_text(encoding="utf-8")
    assert before in text
    file = original.with_name(f"{abs(hash(after)):x}-{original.name}")
    uri = file.as_uri()
    yls.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="yaml", version=1, text=text.replace(before, after, 1)
            )
        )
    )
    # Its completion from the schema still answers (and proves the file was processed).
    line = text[: text.index("  lead: liof")].count("\n")
    result = await yls.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=2),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    assert items
    await asyncio.sleep(0.5)  # time for a late publish
    assert list(yls.diagnostics.get(uri, [])) == []
    yls.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
