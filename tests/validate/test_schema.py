"""The JSON Schema files for editors: generated from the models, committed, and pointed to
by the first line of every shipped data file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regress

from conftest import REPO
from ntsplan.scaffold.schemas import known_ids
from ntsplan.schema.jsonschema import DRAFT, SCHEMA_FILES, json_schemas, modeline

SCHEMAS = REPO / "schemas"
DATA = REPO / "data"
MODELINE_RE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object inside ``node`` (and the property maps, which do no harm)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def _schema(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json_schemas()[f"{name}.schema.json"])
    return result


def _shipped_schemas() -> dict[str, str]:
    """The schemas as `ntsplan schema` writes them for the shipped data folder."""
    return json_schemas(known_ids(DATA))


def test_committed_schemas_match_the_models() -> None:
    generated = _shipped_schemas()
    committed = {path.name for path in SCHEMAS.glob("*.schema.json")}
    assert committed == set(generated), (
        "schemas/ does not hold exactly the generated files; run 'ntsplan schema'"
    )
    for filename, text in generated.items():
        assert (SCHEMAS / filename).read_text(encoding="utf-8") == text, (
            f"schemas/{filename} is out of date with the models in src/ntsplan/schema/; "
            "run 'ntsplan schema' and commit the result"
        )


def test_generation_is_deterministic() -> None:
    assert json_schemas() == json_schemas()
    for text in json_schemas().values():
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda s: s.name)
def test_schema_header(schema_file: Any) -> None:
    schema = _schema(schema_file.name)
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]
    assert schema["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:ntsplan:schema:{schema_file.name}"
    assert schema["title"] == f"ntsplan {schema_file.describes}"
    assert schema["description"]
    assert list(schema["$defs"]) == sorted(schema["$defs"])


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda s: s.name)
def test_every_object_forbids_unknown_keys(schema_file: Any) -> None:
    schema = _schema(schema_file.name)
    objects = [node for node in _nodes(schema) if node.get("type") == "object"]
    assert objects
    for node in objects:
        assert node.get("additionalProperties") is False, node.get("title", "top level")


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda s: s.name)
def test_every_field_has_help_text(schema_file: Any) -> None:
    schema = _schema(schema_file.name)
    objects = [schema, *schema["$defs"].values()]
    for node in objects:
        for key, field in node.get("properties", {}).items():
            assert field.get("description"), f"{node.get('title', 'top level')}.{key}"
            # pydantic's generated titles ('End Customers') say nothing the key does not.
            assert "title" not in field, key


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda s: s.name)
def test_patterns_are_ecma_262(schema_file: Any) -> None:
    """Editors run the patterns as JavaScript regular expressions (with the u flag)."""
    patterns = [n["pattern"] for n in _nodes(_schema(schema_file.name)) if "pattern" in n]
    for pattern in patterns:
        assert isinstance(pattern, str)
        regress.Regex(pattern, "u")


def test_year_quarter_is_a_year_number_or_quarter_text() -> None:
    period = _schema("valuechain")["$defs"]["Period"]["properties"]["start"]
    integer, text = period["anyOf"]
    assert integer == {
        "type": "integer",
        "minimum": 2000,
        "maximum": 2100,
        "errorMessage": "write a year (2026) or a quarter (2026-Q1)",
    }
    assert text["type"] == "string"
    regex = regress.Regex(text["pattern"], "u")
    for good in ("2026", "2026-Q1", "2100-Q4", "2000"):
        assert regex.find(good), good
    for bad in ("1999", "2101", "2026-Q5", "2026Q1", "26-Q1", "2026-q1"):
        assert not regex.find(bad), bad
    assert period["description"] == "First year (2026) or quarter (2026-Q1)."


def test_dates_are_text_in_date_format() -> None:
    plan = _schema("plan")
    for field in ("date", "deadline"):
        assert plan["properties"][field]["type"] == "string"
        assert plan["properties"][field]["format"] == "date"
    accessed = plan["$defs"]["Source"]["properties"]["accessed"]
    assert {
        "type": "string",
        "format": "date",
        "description": "A date as YYYY-MM-DD.",
        "errorMessage": "write YYYY-MM-DD, e.g. 2025-07-01",
    } in (accessed["anyOf"])


def test_lax_enums_list_their_values() -> None:
    chain = _schema("valuechain")
    assert chain["properties"]["status"]["$ref"] == "#/$defs/Status"
    assert chain["$defs"]["Status"]["enum"] == ["concept", "review", "final"]
    assert chain["$defs"]["TaskKind"]["enum"] == ["rom", "stakeholder"]
    assert chain["$defs"]["StakeholderKind"]["type"] == "string"
    plan = _schema("plan")
    assert plan["properties"]["language"] == {
        "$ref": "#/$defs/Language",
        "default": "nl",
        "description": "Language of the document: nl (default) or en.",
    }


def test_optional_fields_have_no_null_default() -> None:
    for schema_file in SCHEMA_FILES:
        for node in _nodes(_schema(schema_file.name)):
            assert not ("default" in node and node["default"] is None)


def _shipped_data() -> list[tuple[Path, str]]:
    files = [(DATA / "plan.yaml", "plan"), (DATA / "roms.yaml", "roms")]
    files += [(f, "technology") for f in sorted((DATA / "technologies").glob("*.yaml"))]
    files += [(f, "valuechain") for f in sorted((DATA / "valuechains").glob("*.yaml"))]
    return files


def test_every_shipped_data_file_points_to_its_schema() -> None:
    files = _shipped_data()
    assert len(files) == 2 + 10 + 15
    for path, name in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE_RE.match(first)
        assert match, f"{path.relative_to(REPO)} does not start with a yaml-language-server line"
        target = (path.parent / match["path"]).resolve()
        assert target == (SCHEMAS / f"{name}.schema.json").resolve(), path
        assert target.is_file(), f"{match['path']} in {path.relative_to(REPO)} does not exist"


def test_modeline() -> None:
    assert modeline("plan", 0) == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert modeline("valuechain", 1) == (
        "# yaml-language-server: $schema=../../schemas/valuechain.schema.json"
    )


def test_schema_command_writes_then_leaves_unchanged_files_alone(
    invoke: Any, tmp_path: Path
) -> None:
    first = invoke("schema", "--out", "out", cwd=tmp_path)
    assert first.exit_code == 0, first
    assert "wrote out/plan.schema.json" in first.stdout
    written = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()}
    assert written == json_schemas()
    again = invoke("schema", "--out", "out", cwd=tmp_path)
    assert again.exit_code == 0, again
    assert "unchanged out/valuechain.schema.json" in again.stdout
    assert "wrote" not in again.stdout


def test_schema_check_reports_drift(invoke: Any, tmp_path: Path) -> None:
    assert invoke("schema", "--out", "out", cwd=tmp_path).exit_code == 0
    assert invoke("schema", "--check", "--out", "out", cwd=tmp_path).exit_code == 0
    (tmp_path / "out" / "roms.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "out" / "plan.schema.json").unlink()
    result = invoke("schema", "--check", "--out", "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        "out/plan.schema.json: out of date with the models\n"
        "out/roms.schema.json: out of date with the models\n"
        "ntsplan: run 'ntsplan schema' to write them again\n"
    )
    assert (tmp_path / "out" / "roms.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_schema_check_on_the_repository(invoke: Any) -> None:
    result = invoke("schema", "--check")
    assert result.exit_code == 0, result


@pytest.mark.parametrize("schema_file", SCHEMA_FILES, ids=lambda s: s.name)
def test_every_pattern_and_enum_speaks_plainly(schema_file: Any) -> None:
    nodes = list(_nodes(json.loads(_shipped_schemas()[schema_file.filename])))
    for node in nodes:
        if isinstance(node.get("pattern"), str):
            message = node.get("patternErrorMessage", "")
            assert message.startswith("write "), node
            assert "^" not in message, node
        if isinstance(node.get("enum"), list):
            assert len(node["enumDescriptions"]) == len(node["enum"]), node
            assert all(d.endswith(".") for d in node["enumDescriptions"]), node


def test_known_ids_are_offered_as_examples() -> None:
    chain = json.loads(_shipped_schemas()["valuechain.schema.json"])
    lead = chain["$defs"]["WorkingGroup"]["properties"]["lead"]
    assert {"bom", "oost-nl"} <= set(lead["examples"])
    assert "`bom` (BOM)" in lead["markdownDescription"]
    tech = chain["$defs"]["TechnologyRole"]["properties"]["id"]
    assert "photonics" in tech["examples"]
    assert (
        "examples"
        not in json.loads(json_schemas()["valuechain.schema.json"])["$defs"]["WorkingGroup"][
            "properties"
        ]["lead"]
    )
