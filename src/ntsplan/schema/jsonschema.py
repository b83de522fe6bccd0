"""JSON Schema files for editors, generated from the pydantic models.

Editors with a YAML language server (VS Code's Red Hat YAML extension, and others) read the
``# yaml-language-server: $schema=...`` line at the top of a data file and then complete
keys, show the field descriptions as help and mark mistakes while typing. The schemas are
generated, never written by hand, so they cannot say something the models do not; a test
compares the committed ``schemas/`` with this module's output.

The output is deterministic: keys in the order pydantic gives them (fields in model
order, everything else sorted), two-space indentation, a trailing newline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ntsplan.schema.plain import KnownIds, speak_plainly
from ntsplan.schema.plan import PlanInfo, RomRegistry
from ntsplan.schema.technology import Technology
from ntsplan.schema.valuechain import ValueChain

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS_DIR = "schemas"
"""The folder the schemas are written to, beside the data folder (``ntsplan schema``)."""


@dataclass(frozen=True, slots=True)
class SchemaFile:
    """One schema file: the model it describes and the data files it is for."""

    name: str
    model: type[BaseModel]
    describes: str

    @property
    def filename(self) -> str:
        """The file name in ``schemas/``, e.g. ``valuechain.schema.json``."""
        return f"{self.name}.schema.json"


SCHEMA_FILES: tuple[SchemaFile, ...] = (
    SchemaFile("plan", PlanInfo, "plan.yaml"),
    SchemaFile("roms", RomRegistry, "roms.yaml"),
    SchemaFile("technology", Technology, "technologies/<id>.yaml"),
    SchemaFile("valuechain", ValueChain, "valuechains/<id>.yaml"),
)
SCHEMA_BY_NAME = {schema.name: schema for schema in SCHEMA_FILES}


class _EditorSchema(GenerateJsonSchema):
    """pydantic's generator, tuned for editors.

    Property titles are left out: pydantic makes them from the field name ('End Customers'),
    which tells an editor nothing the key does not, and hover help should show the
    description. ``default: null`` is left out too: an omitted optional field is null
    anyway, and some editors insert the default when completing a key.
    """

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Never: the key and its description say it better."""
        return False

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        """The field's schema with its default, unless the default is null."""
        json_schema = super().default_schema(schema)
        if "default" in json_schema and json_schema["default"] is None:
            del json_schema["default"]
        return json_schema


def schema_id(schema: SchemaFile) -> str:
    """The schema's ``$id``: a name, not an address, so that no tool tries to fetch it."""
    return f"urn:ntsplan:schema:{schema.name}"


def json_schema(schema: SchemaFile, known: KnownIds | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file, as a dict, in the words
    editors show (``plain``); ``known`` ids become ``examples``."""
    generated = schema.model.model_json_schema(
        mode="validation", schema_generator=_EditorSchema, ref_template="#/$defs/{model}"
    )
    defs = generated.pop("$defs", None)
    head: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": schema_id(schema),
        "title": f"ntsplan {schema.describes}",
        "description": generated.pop("description", ""),
    }
    generated.pop("title", None)
    result = head | generated
    if defs:
        result["$defs"] = dict(sorted(defs.items()))
    tidied: dict[str, Any] = _tidy(result)
    return speak_plainly(tidied, known)


def _tidy(node: Any) -> Any:
    """Descriptions as an editor shows them: Markdown code spans instead of the docstrings'
    reStructuredText ones (``plan.yaml`` -> `plan.yaml`), one line per description."""
    if isinstance(node, dict):
        return {
            key: " ".join(value.replace("``", "`").split())
            if key == "description" and isinstance(value, str)
            else _tidy(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    return node


def render_schema(schema: SchemaFile, known: KnownIds | None = None) -> str:
    """One schema as the text of its file: two-space JSON, UTF-8, a trailing newline."""
    return json.dumps(json_schema(schema, known), indent=2, ensure_ascii=False) + "\n"


def json_schemas(known: KnownIds | None = None) -> dict[str, str]:
    """Every schema file's name (``plan.schema.json``, ...) with its text."""
    return {schema.filename: render_schema(schema, known) for schema in SCHEMA_FILES}


def modeline(schema_name: str, depth: int) -> str:
    """The ``# yaml-language-server`` line for a data file ``depth`` folders below the
    data folder (0 for ``plan.yaml``, 1 for ``valuechains/x.yaml``).

    The path is relative and assumes ``schemas/`` beside the data folder, where
    ``ntsplan schema`` writes it when run from the folder that holds ``data/``.
    """
    filename = SCHEMA_BY_NAME[schema_name].filename
    up = "../" * (depth + 1)
    return f"# yaml-language-server: $schema={up}{SCHEMAS_DIR}/{filename}"
