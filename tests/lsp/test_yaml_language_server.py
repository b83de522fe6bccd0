"""Red Hat's yaml-language-server (the engine of VS Code's YAML extension), from the npm
registry (tests/lsp/node, installed by `npm ci`), with the exported schemas: no diagnostics
on the shipped data, and the plain messages on files with one mistake each."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SERVER = REPO / "tests" / "lsp" / "node" / "node_modules" / "yaml-language-server" / "bin"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None or not (SERVER / "yaml-language-server").is_file(),
    reason="yaml-language-server is not installed: run 'make .npm' (npm ci in tests/lsp/node)",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("yls")
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
        del params  # accepted; the test needs no dynamic registrations

    lsp_client.set_configuration(
        {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}},
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


def open_file(client: LanguageClient, file: Path, text: str) -> str:
    uri = file.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    return uri


def close_file(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def problems_of(client: LanguageClient, uri: str) -> list[str]:
    """The messages for ``uri`` once validation has run: the server first publishes an empty
    list when a file opens, then the outcome of validating it against its schema."""
    for _ in range(1500):
        if client.diagnostics.get(uri):
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.2)  # a later publish for the same file would replace the list
    return [d.message for d in client.diagnostics.get(uri, [])]


KINDS = {
    "plan.yaml": ("\ndate: ", "\ndatum: "),
    "roms.yaml": ("  - id: nom", "  - id: NOM"),
    "technologies/photonics.yaml": ("number: ", "number: x"),
    "valuechains/medtech.yaml": ("  lead: liof", "  lead: LIOF"),
}


@pytest.mark.asyncio(loop_scope="module")
async def test_shipped_data_gets_no_diagnostics(yls: LanguageClient, workspace: Path) -> None:
    data = workspace / "data"
    files = sorted(data.rglob("*.yaml"))
    assert len(files) >= 27
    uris = [open_file(yls, file, file.read_text(encoding="utf-8")) for file in files]
    # A broken copy of each kind of file, opened after the shipped ones: once its problem
    # is published, the files before it have been validated against the same schema.
    probes = []
    for name, (before, after) in KINDS.items():
        original = data / name
        probe = original.with_name(f"zz-probe-{original.name}")
        text = original.read_text(encoding="utf-8")
        assert before in text
        probes.append(open_file(yls, probe, text.replace(before, after, 1)))
    for probe in probes:
        assert await problems_of(yls, probe), probe
    for uri in uris:
        assert uri in yls.diagnostics, uri
        assert list(yls.diagnostics[uri]) == [], uri
    for uri in [*uris, *probes]:
        close_file(yls, uri)


PERIOD = "write a year (2026) or a quarter (2026-Q1)"
AMOUNT = "write a plain number of euros, e.g. 1500000"
DATE = "write YYYY-MM-DD, e.g. 2025-07-01"
ID = "write an id: lower-case letters, digits and single hyphens, e.g. 'oost-nl'"

MISTAKES = [
    (
        "period",
        "valuechains/medtech.yaml",
        "{start: 2025-Q4, end: 2027}",
        "{start: Q4 2025, end: 2027}",
        PERIOD,
    ),
    (
        "period-quarter",
        "valuechains/medtech.yaml",
        "{start: 2026, end: 2027}",
        "{start: 2026, end: 2027-Q5}",
        PERIOD,
    ),
    ("amount", "valuechains/medtech.yaml", "amount: 200000", "amount: 200.000 euro", AMOUNT),
    ("date", "plan.yaml", "date: 2025-05-01", "date: 1 mei 2025", DATE),
    (
        "source-date",
        "valuechains/medtech.yaml",
        "    publisher: LIOF\n",
        "    publisher: LIOF\n    accessed: 27-11-2026\n",
        DATE,
    ),
    ("pattern", "valuechains/medtech.yaml", "  lead: liof", "  lead: Liof NL", ID),
]


@pytest.mark.parametrize("mistake", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
@pytest.mark.asyncio(loop_scope="module")
async def test_one_mistake_gets_the_plain_message(
    yls: LanguageClient, workspace: Path, mistake: tuple[str, str, str, str]
) -> None:
    name, before, after, message = mistake
    original = workspace / "data" / name
    text = original.read_text(encoding="utf-8")
    assert before in text
    # A name of its own for each case, beside the original (the modeline stays valid): a
    # late publish for another case's file cannot be mistaken for this one's.
    file = original.with_name(f"{abs(hash(after)):x}-{original.name}")
    uri = open_file(yls, file, text.replace(before, after, 1))
    assert await problems_of(yls, uri) == [message]
    close_file(yls, uri)
