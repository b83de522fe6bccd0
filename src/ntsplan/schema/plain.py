"""Plain words for editors: the JSON Schema keywords yaml-language-server understands.

pydantic's schema says what is valid; an editor that only has the schema then shows raw
regular expressions ('does not match "^[a-z0-9]+(-[a-z0-9]+)*$"') and type names
('Incorrect type. Expected "integer"'). The keywords added here replace those with what to
write: ``errorMessage`` on each branch of an ``anyOf`` and on formats,
``patternErrorMessage`` on every pattern, ``enumDescriptions`` for every enum,
``markdownDescription`` where a description holds Markdown. None of them changes what
validates: a validator that does not know them ignores them (check-jsonschema does).

The ids known when the schemas are written (ROM's, technologies) are offered as
``examples`` where such an id is expected.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ntsplan.schema.activity import ACTIVITY_REF_PATTERN, ActivityStatus, BudgetStatus, TaskKind
from ntsplan.schema.base import ACTIVITY_HELP, ID_HELP, ID_PATTERN, URL_PATTERN, SourceLanguage
from ntsplan.schema.plan import Language, Status
from ntsplan.schema.valuechain import StakeholderKind

PERIOD_MESSAGE = "write a year (2026) or a quarter (2026-Q1)"
AMOUNT_MESSAGE = "write a plain number of euros, e.g. 1500000"
DATE_MESSAGE = "write YYYY-MM-DD, e.g. 2025-07-01"
YEAR_QUARTER_PATTERN = r"^(20\d\d|2100)(-Q[1-4])?$"

PATTERN_MESSAGES: Mapping[str, str] = {
    ID_PATTERN: f"write an id: {ID_HELP}",
    ACTIVITY_REF_PATTERN: f"write {ACTIVITY_HELP}",
    URL_PATTERN: "write a web address starting with https:// or http:// (or mailto:)",
    YEAR_QUARTER_PATTERN: PERIOD_MESSAGE,
    "^EUR$": "write EUR: amounts are in euros",
    r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$": "write an e-mail address, e.g. naam@rom.nl",
}
"""What to write instead of a value that does not match each pattern of the models."""

ENUM_DESCRIPTIONS: Mapping[type[enum.StrEnum], Mapping[str, str]] = {
    Status: {
        "concept": "A first draft: anything may still change.",
        "review": "Ready for the working group and the ROM's to comment on.",
        "final": "Agreed; changes only by a new edition.",
    },
    Language: {"nl": "Dutch, the language of the plan.", "en": "English."},
    SourceLanguage: {"nl": "Dutch.", "en": "English.", "de": "German.", "fr": "French."},
    TaskKind: {
        "rom": "A ROM's own task; a ROM is the owner.",
        "stakeholder": "A task of another stakeholder, with ROM's as partners at most.",
    },
    ActivityStatus: {
        "proposed": "Suggested, not yet agreed.",
        "planned": "Agreed, not yet started.",
        "running": "Under way.",
        "completed": "Done.",
        "cancelled": "Stopped or dropped.",
    },
    BudgetStatus: {
        "indicative": "An estimate; no funder has promised it yet.",
        "committed": "Promised by the funder.",
    },
    StakeholderKind: {
        "company": "A business, large or small.",
        "province": "A province or another public authority.",
        "university": "A university or university of applied sciences.",
        "institute": "A research institute (TNO, a knowledge centre).",
        "other": "Any other organisation.",
    },
}
"""One line per enum value: shown beside it in completion lists."""

ENUM_BY_NAME = {kind.__name__: kind for kind in ENUM_DESCRIPTIONS}

ROUNDING_DESCRIPTIONS: Mapping[int, str] = {
    1: "Whole euros (to the cent for an amount with cents).",
    10: "Tens of euros.",
    100: "Hundreds of euros.",
    1000: "Thousands of euros, for indicative amounts.",
}
"""One line per unit of ``budgets.round_years_to`` (a closed list of numbers, not an enum)."""

ROM_FIELDS = (
    ("WorkingGroup", "lead"),
    ("WorkingGroup", "roms"),
    ("Contact", "rom"),
    ("Activity", "owner"),
    ("Activity", "partners"),
    ("Consortium", "members"),
    ("", "publishers"),
)
"""(definition, property) of every field where a ROM id is expected or allowed; the
definition "" is the top of the schema."""
TECHNOLOGY_FIELDS = (("TechnologyRole", "id"), ("Alignment", "technology"))


@dataclass(frozen=True, slots=True)
class KnownIds:
    """The ids of a plan folder that other files refer to, with their names."""

    roms: dict[str, str] = field(default_factory=dict)
    technologies: dict[str, str] = field(default_factory=dict)


def speak_plainly(schema: dict[str, Any], known: KnownIds | None = None) -> dict[str, Any]:
    """``schema`` with the editor keywords added (in place, and returned)."""
    _walk(schema, None)
    if known is not None:
        _add_examples(schema, known)
    return schema


def _walk(node: Any, definition: str | None) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, None)
        return
    if not isinstance(node, dict):
        return
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        node["patternErrorMessage"] = PATTERN_MESSAGES.get(pattern, "write a value as described")
    if node.get("format") == "date":
        node["errorMessage"] = DATE_MESSAGE
    if isinstance(node.get("enum"), list) and definition in ENUM_BY_NAME:
        words = ENUM_DESCRIPTIONS[ENUM_BY_NAME[definition]]
        node["enumDescriptions"] = [words[str(value)] for value in node["enum"]]
    branches = node.get("anyOf")
    if isinstance(branches, list) and any(
        isinstance(b, dict) and b.get("pattern") == YEAR_QUARTER_PATTERN for b in branches
    ):
        for branch in branches:
            branch["errorMessage"] = PERIOD_MESSAGE
    description = node.get("description")
    if isinstance(description, str) and "`" in description:
        node["markdownDescription"] = description
    for key, value in node.items():
        if key == "$defs" and isinstance(value, dict):
            for name, sub in value.items():
                _walk(sub, name)
        elif key == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                if name == "amount" and isinstance(sub, dict) and sub.get("type") == "number":
                    sub["errorMessage"] = AMOUNT_MESSAGE
                if name == "round_years_to" and isinstance(sub, dict):
                    sub["enumDescriptions"] = [ROUNDING_DESCRIPTIONS[u] for u in sub["enum"]]
                _walk(sub, None)
        elif isinstance(value, dict | list):
            _walk(value, None)


def _add_examples(schema: dict[str, Any], known: KnownIds) -> None:
    for ids, fields in ((known.roms, ROM_FIELDS), (known.technologies, TECHNOLOGY_FIELDS)):
        if not ids:
            continue
        for definition, name in fields:
            owner = schema["$defs"].get(definition, {}) if definition else schema
            prop = owner.get("properties", {}).get(name)
            if not isinstance(prop, dict):
                continue
            target = prop["items"] if prop.get("type") == "array" else prop
            target["examples"] = sorted(ids)
            target["markdownDescription"] = (
                target.get("description", "")
                + " Known: "
                + ", ".join(f"`{ident}` ({ids[ident]})" for ident in sorted(ids))
                + "."
            )
