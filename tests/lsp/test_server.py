"""`ntsplan lsp` through pytest-lsp: a real client over stdio, against a copy of the shipped
plan. Each test opens the files it needs and closes them again, so that the next test sees
the plan as on disk; the server runs once for the module."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from lsp_helpers import (
    CHAIN,
    SERVER,
    change,
    close,
    copy_plan,
    labels,
    open_file,
    position_of,
    start,
    text,
    uri,
    validate_json,
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_plan(tmp_path_factory, "lsp")
    (root.parent / "notes.yaml").write_text("lead: nobody\n", encoding="utf-8")
    return root


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, plan: Path) -> AsyncIterator[None]:
    async for _ in start(lsp_client, plan):
        yield


@pytest.mark.asyncio(loop_scope="module")
async def test_clean_file_gets_no_diagnostics(client: LanguageClient, plan: Path) -> None:
    assert await open_file(client, plan, CHAIN) == []
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_are_validate_s_problems_from_the_unsaved_buffer(
    client: LanguageClient, plan: Path, tmp_path: Path
) -> None:
    body = (
        text(plan, CHAIN)
        .replace("  lead: liof", "  lead: liofx")
        .replace("    owner: rom-utrecht-region", "    owner: rom-utrect-region")
    )
    got = await open_file(client, plan, CHAIN, body)
    # The same edit on disk, through `ntsplan validate`: the same problems, word for word.
    copy = tmp_path / "data"
    shutil.copytree(plan, copy)
    (copy / CHAIN).write_text(body, encoding="utf-8")
    expected = [p for p in validate_json(copy) if str(p["file"]).endswith(CHAIN)]
    assert expected
    assert [
        (d.range.start.line + 1, d.range.start.character + 1, d.code, d.message) for d in got
    ] == [(p["line"], p["column"], p["code"], p["message"]) for p in expected]
    lead = next(d for d in got if "liofx" in d.message)
    assert lead.severity == types.DiagnosticSeverity.Error
    assert lead.source == "ntsplan"
    row = position_of(body, "  lead: liofx").line
    assert (lead.range.start.line, lead.range.start.character, lead.range.end.character) == (
        row,
        8,
        13,
    )
    # The file on disk was not touched: the problems come from the buffer.
    assert "liofx" not in text(plan, CHAIN)
    assert await close(client, plan, CHAIN) == []


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_follow_each_change(client: LanguageClient, plan: Path) -> None:
    body = text(plan, CHAIN)
    assert await open_file(client, plan, CHAIN, body) == []
    broken = body.replace("status: proposed", "status: propossed", 1)
    got = await change(client, plan, CHAIN, broken)
    assert [(d.code, d.message) for d in got] == [
        (
            "invalid-value",
            "'propossed' is not allowed here; write 'proposed', 'planned', 'running', "
            "'completed' or 'cancelled' — did you mean 'proposed'?",
        )
    ]
    assert await change(client, plan, CHAIN, body, version=3) == []
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_an_edit_in_roms_yaml_updates_the_value_chains(
    client: LanguageClient, plan: Path
) -> None:
    chain_uri = uri(plan, CHAIN)
    assert await open_file(client, plan, CHAIN) == []
    roms = text(plan, "roms.yaml")
    await open_file(client, plan, "roms.yaml", roms.replace("  - id: liof\n", "  - id: liof-nl\n"))
    chain = client.diagnostics.pop(chain_uri)
    lines = text(plan, CHAIN).split("\n")
    assert {(d.code, lines[d.range.start.line].strip()) for d in chain} >= {
        ("unknown-rom", "lead: liof"),
        ("unknown-rom", "rom: liof"),
    }
    assert all("liof-nl" in d.message for d in chain if d.code == "unknown-rom")
    await close(client, plan, "roms.yaml")
    assert list(client.diagnostics.pop(chain_uri)) == []
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_garbage_and_half_typed_yaml_give_one_located_problem(
    client: LanguageClient, plan: Path
) -> None:
    half = text(plan, CHAIN).replace("  nl: Medtech\n", "  nl: Medtech: zorg\n", 1)
    got = await open_file(
        client, plan, CHAIN, half.replace("  roms: [liof,", "  roms: [liof,\n  lead: ")
    )
    assert len(got) == 1, got
    assert got[0].code == "yaml-syntax"
    for garbage in ("\x00\x01{{{", "- : - : [", '\t\tkey: "open', "", "🙂" * 3):
        got = await change(client, plan, CHAIN, garbage, version=len(garbage) + 10)
        assert len(got) == 1, (garbage, got)
    # Still alive and answering.
    assert await change(client, plan, CHAIN, text(plan, CHAIN), version=99) == []
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_file_outside_the_plan_folder_gets_nothing(
    client: LanguageClient, plan: Path
) -> None:
    notes = (plan.parent / "notes.yaml").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=notes, language_id="yaml", version=1, text="lead: [\n"
            )
        )
    )
    await open_file(client, plan, CHAIN)  # a round trip after the other file
    assert notes not in client.diagnostics
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=notes),
            position=types.Position(line=0, character=6),
        )
    )
    assert result is None
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_completion_of_ids_keys_and_enum_values(client: LanguageClient, plan: Path) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    doc = types.TextDocumentIdentifier(uri=uri(plan, CHAIN))

    async def at(position: types.Position) -> dict[str, types.CompletionItem]:
        return labels(
            await client.text_document_completion_async(
                types.CompletionParams(text_document=doc, position=position)
            )
        )

    roms = await at(position_of(body, "  lead: liof", len("  lead: ")))
    assert {"bom", "liof", "oost-nl", "nom"} <= set(roms)
    assert roms["bom"].detail == "BOM"
    assert "Brabantse Ontwikkelings Maatschappij" in str(roms["bom"].documentation)
    parties = await at(position_of(body, "    owner: kennisinstellingen", len("    owner: ")))
    assert {"kennisinstellingen", "ziekenhuizen", "liof"} <= set(parties)
    depends = await at(position_of(body, "depends: [klinische-validatie]", len("depends: [")))
    assert {"klinische-validatie", "certificering"} <= set(depends)
    assert any(label.startswith("eiwittransitie/") for label in depends)
    techs = await at(position_of(body, "technologies:\n  - id: ", len("technologies:\n  - id: ")))
    assert {"photonics", "imaging"} <= set(techs)
    status = await at(position_of(body, "    status: proposed", len("    status: ")))
    assert status["running"].detail == "Under way."
    keys = await at(position_of(body, "  lead: liof", 2))
    assert set(keys) == {"lead", "roms", "contact"}
    assert keys["lead"].documentation == "Id of the ROM that leads the working group."
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_definition_and_references(client: LanguageClient, plan: Path) -> None:
    body = text(plan, CHAIN)
    await open_file(client, plan, CHAIN, body)
    doc = types.TextDocumentIdentifier(uri=uri(plan, CHAIN))
    on_liof = position_of(body, "  lead: liof", len("  lead: l"))

    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=on_liof)
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "LIOF" in hover.contents.value and "Limburg" in hover.contents.value
    key_hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(body, "  lead: liof", 3))
    )
    assert key_hover is not None and "leads the working group" in str(key_hover.contents)

    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=on_liof)
    )
    assert isinstance(target, types.Location)
    assert target.uri == uri(plan, "roms.yaml")
    roms = text(plan, "roms.yaml")
    assert target.range.start == position_of(roms, "  - id: liof\n", len("  - id: "))

    stakeholder = position_of(body, "    owner: kennisinstellingen", len("    owner: k"))
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=stakeholder)
    )
    assert isinstance(target, types.Location)
    assert body.split("\n")[target.range.start.line].strip() == "- id: kennisinstellingen"

    technology = position_of(
        body, "technologies:\n  - id: imaging", len("technologies:\n  - id: i")
    )
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=technology)
    )
    assert isinstance(target, types.Location)
    assert target.uri == uri(plan, "technologies/imaging.yaml")

    activity = position_of(body, "depends: [klinische-validatie]", len("depends: [k"))
    target = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=activity)
    )
    assert isinstance(target, types.Location)
    assert body.split("\n")[target.range.start.line].strip() == "- id: klinische-validatie"

    uses = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri(plan, "roms.yaml")),
            position=position_of(roms, "  - id: liof\n", len("  - id: l")),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    files = {Path(u.uri).name for u in uses or []}
    owners = [
        u
        for u in uses or []
        if u.uri == doc.uri and body.split("\n")[u.range.start.line].strip() == "owner: liof"
    ]
    assert "medtech.yaml" in files and len(files) > 2
    assert len(owners) == 1
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_code_actions_replace_with_the_suggestion_the_id_and_the_indent(
    client: LanguageClient, plan: Path
) -> None:
    body = text(plan, CHAIN)
    doc = types.TextDocumentIdentifier(uri=uri(plan, CHAIN))

    async def fixes(broken: str, version: int) -> list[tuple[str, str, types.Range]]:
        diagnostics = await change(client, plan, CHAIN, broken, version)
        assert diagnostics
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc,
                range=diagnostics[0].range,
                context=types.CodeActionContext(diagnostics=diagnostics),
            )
        )
        found = []
        for action in actions or []:
            assert isinstance(action, types.CodeAction) and action.edit and action.edit.changes
            (edit,) = action.edit.changes[doc.uri]
            found.append((action.title, edit.new_text, edit.range))
        return found

    await open_file(client, plan, CHAIN, body)
    ((title, new, where),) = await fixes(body.replace("  lead: liof", "  lead: loif"), 2)
    assert (title, new) == ("Replace 'loif' with 'liof'", "liof")
    lead = position_of(body, "  lead: liof").line
    assert (where.start.line, where.start.character, where.end.character) == (lead, 8, 12)
    ((title, new, _),) = await fixes(body.replace("  lead: liof", "  lead: LIOF"), 3)
    assert new == "liof"
    ((title, new, _),) = await fixes(
        body.replace("    owner: rom-utrecht-region", "    owner: ROM Utrecht Region"), 4
    )
    assert new == "rom-utrecht-region"
    ((title, new, where),) = await fixes(
        body.replace("\n    partners: [liof, nom]", "\n     partners: [liof, nom]"),
        5,
    )
    assert (new, where.start.character, where.end.character) == ("    ", 0, 5)
    # A key that parses but stands one level too high: the column named in the message.
    slipped = body.replace("  contact:\n    rom: liof", "  contact:\n  rom: liof")
    ((title, new, where),) = await fixes(slipped, 6)
    rom = position_of(slipped, "  contact:\n  rom: liof", len("  contact:\n")).line
    assert title == f"Indent line {rom + 1} to column 5"
    # The problem's own fix (the one `ntsplan fix` applies): two spaces before the key.
    assert (new, where.start.line, where.start.character, where.end.character) == ("  ", rom, 2, 2)
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_document_symbols(client: LanguageClient, plan: Path) -> None:
    await open_file(client, plan, CHAIN)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri(plan, CHAIN)))
    )
    sections = {s.name: s for s in symbols or [] if isinstance(s, types.DocumentSymbol)}
    assert {"title", "workgroup", "activities", "stakeholders"} <= set(sections)
    activities = [c.name for c in sections["activities"].children or []]
    assert activities[:3] == ["klinische-validatie", "certificering", "beeldanalyse-pilots"]
    assert "kennisinstellingen" in [c.name for c in sections["stakeholders"].children or []]
    await close(client, plan, CHAIN)


@pytest.mark.asyncio(loop_scope="module")
async def test_nothing_but_the_protocol_on_stdout(client: LanguageClient, plan: Path) -> None:
    # pytest-lsp reads stdout as the protocol stream: any stray output would have broken
    # every test above. The server's log went to the client's log instead.
    await open_file(client, plan, CHAIN, "a: [\n")
    await close(client, plan, CHAIN)
    assert client.error is None
    logged = [m.message for m in client.log_messages]
    assert any(f"checking the plan folder {plan}" in m for m in logged), logged


ONE_MISTAKE = [
    ("unknown-rom", "  lead: liof", "  lead: lioff"),
    ("unknown-technology", "  - id: mechatronics", "  - id: mechatronic"),
    ("unknown-owner", "    owner: kennisinstellingen", "    owner: kennisinstelling"),
    ("unknown-dependency", "depends: [klinische-validatie]", "depends: [klinische-validatei]"),
    ("period-backwards", "{start: 2026, end: 2027}", "{start: 2027, end: 2026}"),
    ("leading-zero", "        year: 2027", "        year: 02027"),
    ("float-year", "        year: 2027", "        year: 2027.0"),
    ("infinity", "      amount: 200000", "      amount: .inf"),
    (
        "no-such-date",
        "period: {start: 2025-Q4, end: 2027}",
        "period: {start: 2025-Q4, end: 2026-02-30}",
    ),
    ("colon-in-title", "  nl: Medtech\n", "  nl: Medtech: zorg en techniek\n"),
    ("tab", "  lead: liof", "\tlead: liof"),
]


@pytest.mark.parametrize("mistake", [m[1:] for m in ONE_MISTAKE], ids=[m[0] for m in ONE_MISTAKE])
@pytest.mark.asyncio(loop_scope="module")
async def test_one_mistake_one_diagnostic_as_validate_says(
    client: LanguageClient, plan: Path, tmp_path: Path, mistake: tuple[str, str]
) -> None:
    before, after = mistake
    body = text(plan, CHAIN)
    assert before in body
    broken = body.replace(before, after, 1)
    got = await open_file(client, plan, CHAIN, broken)
    copy = tmp_path / "data"
    shutil.copytree(plan, copy)
    (copy / CHAIN).write_text(broken, encoding="utf-8")
    expected = [p for p in validate_json(copy) if str(p["file"]).endswith(CHAIN)]
    assert len(got) == 1, [d.message for d in got]
    assert [
        (d.range.start.line + 1, d.range.start.character + 1, d.code, d.message) for d in got
    ] == [(p["line"], p["column"], p["code"], p["message"]) for p in expected]
    await close(client, plan, CHAIN)
