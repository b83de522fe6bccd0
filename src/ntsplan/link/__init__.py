"""The link stage: validated models to one ``Plan``, with every cross-reference checked.

The checks are rules, one module each in ``link/rules/`` (see there); ``link`` runs them
all and builds the Plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ntsplan.collation import reading_key
from ntsplan.link.memo import ChainMemo
from ntsplan.link.model import Party, Plan
from ntsplan.link.rules import run_rules
from ntsplan.problems import Problem
from ntsplan.schema import ValueChain
from ntsplan.validate import Checked, ValidationResult

__all__ = ["ChainMemo", "LinkResult", "Party", "Plan", "link"]


@dataclass(slots=True)
class LinkResult:
    """The linked plan (None while any file is invalid or missing) and cross-file problems."""

    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)


def _title_order(item: tuple[str, Checked[ValueChain]]) -> tuple[str, str]:
    """Value chains in the order a reader looks them up: by title, as the alphabet has it
    (accents folded, so 'Ééndimensionaal' sorts with the E's), then by id."""
    chain_id, checked = item
    return (reading_key(checked.model.title), chain_id)


def _activity_locations(validated: ValidationResult) -> dict[tuple[str, str], str]:
    """Where each activity starts: ``valuechains/<file>:<line>``, relative to the data
    folder so that it reads the same in every checkout."""
    locations: dict[tuple[str, str], str] = {}
    for chain_id, checked in sorted(validated.valuechains.items()):
        name = f"valuechains/{checked.document.file.name}"
        for index, activity in enumerate(checked.model.activities):
            line = checked.document.locate(("activities", index)).line
            locations[(chain_id, activity.id)] = f"{name}:{line}"
    return locations


def link(
    validated: ValidationResult, *, memo: ChainMemo | None = None, build_plan: bool = True
) -> LinkResult:
    """Run every rule (``ntsplan.link.rules``); build the ``Plan`` when all files are valid
    (and ``build_plan``: the language server needs the problems only). ``memo`` keeps the
    per-chain problems of unchanged value chains between runs."""
    problems = run_rules(validated, memo)
    plan: Plan | None = None
    if build_plan and validated.complete and validated.plan and validated.roms:
        plan = Plan(
            info=validated.plan.model,
            roms={rom.id: rom for rom in validated.roms.model.roms},
            technologies={
                tech_id: checked.model
                for tech_id, checked in sorted(
                    validated.technologies.items(), key=lambda item: item[1].model.number
                )
            },
            valuechains={
                chain_id: checked.model
                for chain_id, checked in sorted(validated.valuechains.items(), key=_title_order)
            },
            locations=_activity_locations(validated),
        )
    return LinkResult(plan, problems)
