"""`ntsplan lsp` while the editor types fast, the disk changes under it and ids are renamed:
a real client over stdio (pytest-lsp), as in test_server.py, on its own copy of the plan."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import (
    CHAIN,
    REGISTERED,
    SERVER,
    change,
    close,
    copy_plan,
    labels,
    open_file,
    position_of,
    published,
    start,
    text,
    uri,
    validate_json,
)
from ntsplan.edits import TextEdit, apply_to_text

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_plan(tmp_path_factory, "editing")


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, plan: Path) -> AsyncIterator[None]:
    async for _ in start(lsp_client, plan):
        yield


def doc(plan: Path, name: str = CHAIN) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri(plan, name))


def apply_lsp(body: str, edits: list[types.TextEdit]) -> str:
    """Apply protocol edits (UTF-16 columns; the plan's text has none beyond the BMP)."""
    ours = [
        TextEdit(
            Path("x"),
            e.range.start.line + 1,
            e.range.start.character + 1,
            e.range.end.line + 1,
            e.range.end.character + 1,
            e.new_text,
        )
        for e in edits
    ]
    return apply_to_text(body, ours)


async def test_the_server_asks_the_client_to_watch_the_yaml_files(
    client: LanguageClient, plan: Path
) -> None:
    await open_file(client, plan, CHAIN)
    methods = {r.method: r.register_options for r in REGISTERED}
    options = methods[types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert isinstance(options, dict | types.DidChangeWatchedFilesRegistrationOptions)
    assert "**/*.yaml" in str(options)
    await close(client, plan, CHAIN)


async def test_a_burst_of_changes_ends_with_the_last_one_s_diagnostics(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    file_uri = uri(plan, CHAIN)
    publications: list[list[types.Diagnostic]] = []
    for version in range(2, 102):
        # Every change but the last has an unknown ROM; none waits for its diagnostics.
        lead = f"lead: rom{version}" if version < 101 else "lead: liof"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(version=version, uri=file_uri),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(
                        text=body.replace("lead: liof", lead, 1)
                    )
                ],
            )
        )
    # Hover right after the burst answers from the latest text, not waiting for the checks.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=doc(plan), position=position_of(body, "  lead: liof", len("  lead: l"))
        )
    )
    assert hover is not None and "LIOF" in str(hover.contents)
    for _ in range(1000):
        if file_uri in client.diagnostics:
            publications.append(list(client.diagnostics.pop(file_uri)))
            if not publications[-1]:
                break
        await asyncio.sleep(0.01)
    assert publications and publications[-1] == []  # the last change is clean
    # Changes that arrived during a check were merged: far fewer checks than changes.
    assert len(publications) < 50, len(publications)
    await close(client, plan, CHAIN)


async def test_a_file_deleted_on_disk_is_checked_again_without_a_keystroke(
    client: LanguageClient, plan: Path
) -> None:
    await open_file(client, plan, CHAIN)
    technology = plan / "technologies" / "imaging.yaml"
    saved = technology.read_text(encoding="utf-8")
    technology.unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=technology.as_uri(), type=types.FileChangeType.Deleted)]
        )
    )
    got = await published(client, uri(plan, CHAIN))
    assert {d.code for d in got} == {"unknown-technology"}
    assert all("'imaging'" in d.message for d in got)
    technology.write_text(saved, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=technology.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    assert await published(client, uri(plan, CHAIN)) == []
    await close(client, plan, CHAIN)


async def at(client: LanguageClient, plan: Path, position: types.Position) -> set[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(plan), position=position)
    )
    return set(labels(result))


async def test_completion_while_the_line_does_not_parse_uses_the_last_good_ids(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    typing = body.replace(
        "partners: [oost-nl, rom-utrecht-region, ziekenhuizen]", "partners: [oost-nl, ", 1
    )
    got = await change(client, plan, CHAIN, typing)
    assert [d.code for d in got] == ["yaml-syntax"]
    offered = await at(client, plan, position_of(typing, "partners: [oost-nl, ", 20))
    assert {"ziekenhuizen", "kennisinstellingen", "mkb-medtech", "liof"} <= offered
    # In the depends of 'beeldanalyse-pilots': this chain's activities, never itself.
    typing = body.replace("depends: [klinische-validatie]", "depends: [", 1)
    await change(client, plan, CHAIN, typing, version=3)
    offered = await at(client, plan, position_of(typing, "depends: [", len("depends: [")))
    assert {"klinische-validatie", "certificering"} <= offered
    assert "beeldanalyse-pilots" not in offered
    assert any(label.startswith("eiwittransitie/") for label in offered)
    await close(client, plan, CHAIN)


async def test_hover_on_an_allowed_value_says_what_it_means(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=doc(plan),
            position=position_of(body, "    status: proposed", len("    status: pro")),
        )
    )
    assert hover is not None
    shown = str(hover.contents)
    assert "`proposed`: Suggested, not yet agreed." in shown
    assert "`planned`" in shown and "`cancelled`" in shown
    await close(client, plan, CHAIN)


async def rename(
    client: LanguageClient, plan: Path, name: str, *, at: tuple[str, int], new: str
) -> types.WorkspaceEdit:
    body = text(plan, name)
    position = position_of(body, *at)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc(plan, name), position=position)
    )
    assert isinstance(prepared, types.PrepareRenamePlaceholder), prepared
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc(plan, name), position=position, new_name=new)
    )
    assert edit is not None
    return edit


def applied(plan: Path, edit: types.WorkspaceEdit, into: Path) -> set[str]:
    """Apply ``edit`` to a copy of the plan at ``into``; the names of the files changed."""
    shutil.copytree(plan, into)
    changed: set[str] = set()
    by_uri: list[tuple[str, list[types.TextEdit]]] = list((edit.changes or {}).items())
    moves: list[types.RenameFile] = []
    for operation in edit.document_changes or []:
        if isinstance(operation, types.TextDocumentEdit):
            by_uri.append(
                (
                    operation.text_document.uri,
                    [e for e in operation.edits if isinstance(e, types.TextEdit)],
                )
            )
        elif isinstance(operation, types.RenameFile):
            moves.append(operation)
    for file_uri, edits in by_uri:
        relative = Path(file_uri.removeprefix("file://")).relative_to(plan)
        target = into / relative
        target.write_text(apply_lsp(target.read_text(encoding="utf-8"), edits), encoding="utf-8")
        changed.add(str(relative))
    for move in moves:
        old = into / Path(move.old_uri.removeprefix("file://")).relative_to(plan)
        old.rename(into / Path(move.new_uri.removeprefix("file://")).relative_to(plan))
        changed.add(f"{old.name} -> {Path(move.new_uri).name}")
    return changed


async def test_renaming_a_rom_edits_every_file_and_leaves_the_plan_valid(
    client: LanguageClient, plan: Path, tmp_path: Path
) -> None:
    roms = text(plan, "roms.yaml")
    await open_file(client, plan, "roms.yaml", roms)
    edit = await rename(
        client, plan, "roms.yaml", at=("  - id: liof\n", len("  - id: li")), new="liof-nl"
    )
    users = {
        str(f.relative_to(plan))
        for f in plan.rglob("*.yaml")
        if "liof" in f.read_text(encoding="utf-8").replace("# ", "")
    }
    changed = applied(plan, edit, tmp_path / "renamed")
    assert "roms.yaml" in changed and len(changed) >= 8
    assert changed <= users
    assert validate_json(tmp_path / "renamed") == []
    after = (tmp_path / "renamed" / CHAIN).read_text(encoding="utf-8")
    assert "lead: liof-nl" in after and "owner: liof-nl" in after
    await close(client, plan, "roms.yaml")


async def test_renaming_an_activity_edits_its_chain_slash_activity_uses(
    client: LanguageClient, plan: Path, tmp_path: Path
) -> None:
    name = "valuechains/geintegreerde-fotonica.yaml"
    body = text(plan, name)
    await open_file(client, plan, name, body)
    edit = await rename(
        client, plan, name, at=("- id: behoeftepeiling", len("- id: b")), new="peiling"
    )
    changed = applied(plan, edit, tmp_path / "renamed")
    assert {name, "valuechains/optische-inspectie.yaml"} <= changed
    assert "geintegreerde-fotonica/peiling" in (
        tmp_path / "renamed" / "valuechains" / "optische-inspectie.yaml"
    ).read_text(encoding="utf-8")
    assert validate_json(tmp_path / "renamed") == []
    await close(client, plan, name)


async def test_renaming_a_value_chain_moves_its_file_and_edits_the_references(
    client: LanguageClient, plan: Path, tmp_path: Path
) -> None:
    name = "valuechains/optische-inspectie.yaml"
    body = text(plan, name)
    await open_file(client, plan, name, body)
    needle = "geintegreerde-fotonica/behoeftepeiling"
    edit = await rename(client, plan, name, at=(needle, len("geintegreerde")), new="fotonica")
    changed = applied(plan, edit, tmp_path / "renamed")
    assert "geintegreerde-fotonica.yaml -> fotonica.yaml" in changed
    assert validate_json(tmp_path / "renamed") == []
    await close(client, plan, name)


async def test_rename_refuses_what_is_not_an_id_or_a_name_that_is_taken(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    on_title = position_of(body, "status: concept", 2)
    with pytest.raises(Exception, match="Put the cursor on an id"):
        await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=doc(plan), position=on_title)
        )
    on_liof = position_of(body, "  lead: liof", len("  lead: l"))
    with pytest.raises(Exception, match="'bom' is already the id of a ROM"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=doc(plan), position=on_liof, new_name="bom")
        )
    with pytest.raises(Exception, match="'LIOF NL' is not an id: write lower-case"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=doc(plan), position=on_liof, new_name="LIOF NL")
        )
    await close(client, plan, CHAIN)


async def test_workspace_symbols_find_roms_stakeholders_and_activities_by_name(
    client: LanguageClient, plan: Path
) -> None:
    await open_file(client, plan, CHAIN)
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="limburg"))
    names = {
        (s.name, s.container_name) for s in found or [] if isinstance(s, types.SymbolInformation)
    }
    assert ("Provincie Limburg (provincie-limburg)", "stakeholder in medtech") in names
    assert any(container == "ROM" and "liof" in name for name, container in names)
    found = await client.workspace_symbol_async(
        types.WorkspaceSymbolParams(query="klinische validatie")
    )
    assert [s.name for s in found or []] == [
        "Route voor klinische validatie van mkb-innovaties (klinische-validatie)"
    ]
    await close(client, plan, CHAIN)


async def test_folding_ranges_follow_the_blocks(client: LanguageClient, plan: Path) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    ranges = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc(plan))
    )
    lines = body.split("\n")
    starts = {lines[r.start_line].strip(): r.end_line for r in ranges or []}
    assert lines[starts["activities:"]].strip() == "depends: [klinische-validatie]"
    assert lines[starts["- id: certificering"]].strip() == "status: proposed"
    await close(client, plan, CHAIN)


async def test_fix_all_applies_every_safe_fix_of_the_file(
    client: LanguageClient, plan: Path, tmp_path: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    broken = body.replace("  lead: liof", "  lead: loif", 1).replace(
        "    owner: rom-utrecht-region", "    owner: rom-utrect-region", 1
    )
    diagnostics = await change(client, plan, CHAIN, broken)
    assert len(diagnostics) == 2
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(plan),
            range=diagnostics[0].range,
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    (everything,) = [a for a in actions or [] if isinstance(a, types.CodeAction)]
    assert everything.kind == "source.fixAll.ntsplan"
    assert everything.edit and everything.edit.changes
    fixed = apply_lsp(broken, everything.edit.changes[doc(plan).uri])
    assert fixed == body
    await close(client, plan, CHAIN)


async def test_a_schema_error_does_not_hide_the_unknown_owner_in_the_same_file(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    broken = body.replace("    status: proposed", "    status: propossed", 1).replace(
        "    owner: rom-utrecht-region", "    owner: rom-utrect-region", 1
    )
    got = await change(client, plan, CHAIN, broken)
    assert sorted(d.code for d in got if isinstance(d.code, str)) == [
        "invalid-value",
        "unknown-party",
    ]
    await close(client, plan, CHAIN)


async def test_completion_in_the_overlap_form_of_depends_offers_no_self_dependency(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    block = "depends:\n      - id: \n        overlap: true"
    typing = body.replace("depends: [klinische-validatie]", block, 1)
    await change(client, plan, CHAIN, typing)
    offered = await at(client, plan, position_of(typing, block, len("depends:\n      - id: ")))
    assert {"klinische-validatie", "certificering"} <= offered
    assert "beeldanalyse-pilots" not in offered
    await close(client, plan, CHAIN)
