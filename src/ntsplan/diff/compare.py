"""Compare two linked plans: what a reviewer needs to know about a change.

Pure functions over validated models, so the comparison is semantic: a file written
differently (other quoting, flow style, comments, key order) but meaning the same is no
change. Lists of things with an id (value chains, activities, ROM's, technologies) are
matched by id, so moving an activity up or down is not a change either.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ntsplan.link.model import Plan
from ntsplan.schema import BudgetStatus, Status, ValueChain

# Chain fields reported item by item rather than as "changed": see ``ChainDiff``.
_CHAIN_ITEMISED = frozenset({"status", "activities", "technologies", "workgroup.roms"})


class Change(enum.StrEnum):
    """What happened to a value chain, an activity, a ROM or a technology."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs; dotted for a field inside a part (``budget.amount``).
    ``before`` and ``after`` are the values as JSON would hold them; None when absent."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An activity, ROM or technology added, removed or changed, and which fields."""

    id: str
    title: str
    change: Change
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    """Euros over a set of activities, by budget status."""

    indicative: float = 0.0
    committed: float = 0.0

    @property
    def total(self) -> float:
        """Indicative and committed together."""
        return self.indicative + self.committed

    def __add__(self, other: BudgetTotals) -> BudgetTotals:
        return BudgetTotals(self.indicative + other.indicative, self.committed + other.committed)


@dataclass(frozen=True, slots=True)
class ChainDiff:
    """One value chain in both revisions. ``status_*`` and ``budget_*`` are None and zero
    on the side where the chain does not exist; ``fields`` lists its other changed fields
    (summary, market.growth, workgroup.lead, ...)."""

    id: str
    title: str
    change: Change
    status_before: Status | None
    status_after: Status | None
    roms_added: tuple[str, ...]
    roms_removed: tuple[str, ...]
    technologies_added: tuple[str, ...]
    technologies_removed: tuple[str, ...]
    fields: tuple[FieldChange, ...]
    activities: tuple[ItemChange, ...]
    budget_before: BudgetTotals
    budget_after: BudgetTotals

    @property
    def status_changed(self) -> bool:
        """Whether a chain present on both sides changed its status."""
        return self.change is Change.CHANGED and self.status_before != self.status_after


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """Everything that changed between two plans. ``chains`` holds every value chain of
    either side, unchanged ones too (for the budget totals): see ``changed_chains``."""

    plan_fields: tuple[FieldChange, ...]
    roms: tuple[ItemChange, ...]
    technologies: tuple[ItemChange, ...]
    chains: tuple[ChainDiff, ...]

    @property
    def changed_chains(self) -> tuple[ChainDiff, ...]:
        """The value chains added, removed or changed."""
        return tuple(c for c in self.chains if c.change is not Change.UNCHANGED)

    @property
    def empty(self) -> bool:
        """Whether the two plans mean the same."""
        return not (self.plan_fields or self.roms or self.technologies or self.changed_chains)

    @property
    def budget_before(self) -> BudgetTotals:
        """The whole plan's budget in the base revision."""
        return sum((c.budget_before for c in self.chains), BudgetTotals())

    @property
    def budget_after(self) -> BudgetTotals:
        """The whole plan's budget in the head revision."""
        return sum((c.budget_after for c in self.chains), BudgetTotals())

    def count(self, change: Change) -> int:
        """How many value chains were added, removed or changed."""
        return sum(1 for c in self.chains if c.change is change)

    def count_activities(self, change: Change) -> int:
        """How many activities were added, removed or changed, in all value chains."""
        return sum(1 for c in self.chains for a in c.activities if a.change is change)


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], skip: frozenset[str] = frozenset()
) -> tuple[FieldChange, ...]:
    """The fields that differ, in the model's order; a part (a dict on both sides, such as
    ``budget``) is opened one level, so the change reads ``budget.amount``."""
    changes: list[FieldChange] = []
    for key in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(key), after.get(key)
        if key in skip or old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            changes.extend(
                FieldChange(f"{key}.{sub}", old.get(sub), new.get(sub))
                for sub in [*old, *(k for k in new if k not in old)]
                if f"{key}.{sub}" not in skip and old.get(sub) != new.get(sub)
            )
        else:
            changes.append(FieldChange(key, old, new))
    return tuple(changes)


def _items(
    before: Mapping[str, BaseModel],
    after: Mapping[str, BaseModel],
    title_of: Mapping[str, str],
) -> tuple[ItemChange, ...]:
    """Things with an id, matched by id: in the head's order, then the removed ones."""
    result: list[ItemChange] = []
    for item_id in [*after, *(k for k in before if k not in after)]:
        title = title_of[item_id]
        if item_id not in before:
            result.append(ItemChange(item_id, title, Change.ADDED))
        elif item_id not in after:
            result.append(ItemChange(item_id, title, Change.REMOVED))
        else:
            fields = field_changes(_dump(before[item_id]), _dump(after[item_id]))
            if fields:
                result.append(ItemChange(item_id, title, Change.CHANGED, fields))
    return tuple(result)


def budget_totals(chain: ValueChain | None) -> BudgetTotals:
    """The euros of a chain's activities, by budget status; zero for no chain."""
    budgets = [a.budget for a in chain.activities if a.budget] if chain else []
    return BudgetTotals(
        indicative=math.fsum(b.amount for b in budgets if b.status is BudgetStatus.INDICATIVE),
        committed=math.fsum(b.amount for b in budgets if b.status is BudgetStatus.COMMITTED),
    )


def _added_removed(before: Iterable[str], after: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    old, new = list(before), list(after)
    return tuple(x for x in new if x not in old), tuple(x for x in old if x not in new)


def _role_changes(before: ValueChain, after: ValueChain) -> list[FieldChange]:
    old = {t.id: t.role for t in before.technologies}
    return [
        FieldChange(f"technologies.{t.id}.role", old[t.id], t.role)
        for t in after.technologies
        if t.id in old and old[t.id] != t.role
    ]


def compare_chain(chain_id: str, before: ValueChain | None, after: ValueChain | None) -> ChainDiff:
    """One value chain in both revisions; None on the side where it does not exist."""
    old_acts = {a.id: a for a in before.activities} if before else {}
    new_acts = {a.id: a for a in after.activities} if after else {}
    titles = {a.id: a.title for a in [*old_acts.values(), *new_acts.values()]}
    activities = _items(old_acts, new_acts, titles)
    roms_added, roms_removed = _added_removed(
        before.workgroup.roms if before else (), after.workgroup.roms if after else ()
    )
    techs_added, techs_removed = _added_removed(
        (t.id for t in before.technologies) if before else (),
        (t.id for t in after.technologies) if after else (),
    )
    fields: tuple[FieldChange, ...] = ()
    if before and after:
        fields = (
            *field_changes(_dump(before), _dump(after), skip=_CHAIN_ITEMISED),
            *_role_changes(before, after),
        )
    if before is None:
        change = Change.ADDED
    elif after is None:
        change = Change.REMOVED
    elif before.status != after.status or any(
        (fields, activities, roms_added, roms_removed, techs_added, techs_removed)
    ):
        change = Change.CHANGED
    else:
        change = Change.UNCHANGED
    shown = after or before
    assert shown is not None  # a chain exists on at least one side
    return ChainDiff(
        id=chain_id,
        title=shown.title,
        change=change,
        status_before=before.status if before else None,
        status_after=after.status if after else None,
        roms_added=roms_added,
        roms_removed=roms_removed,
        technologies_added=techs_added,
        technologies_removed=techs_removed,
        fields=fields,
        activities=activities,
        budget_before=budget_totals(before),
        budget_after=budget_totals(after),
    )


def compare(before: Plan, after: Plan) -> PlanDiff:
    """What changed from the plan ``before`` to the plan ``after``."""
    chain_ids = [*after.valuechains, *(k for k in before.valuechains if k not in after.valuechains)]
    rom_names = {k: r.short for k, r in [*before.roms.items(), *after.roms.items()]}
    tech_names = {
        k: t.name.nl for k, t in [*before.technologies.items(), *after.technologies.items()]
    }
    return PlanDiff(
        plan_fields=field_changes(_dump(before.info), _dump(after.info)),
        roms=_items(before.roms, after.roms, rom_names),
        technologies=_items(before.technologies, after.technologies, tech_names),
        chains=tuple(
            compare_chain(
                chain_id, before.valuechains.get(chain_id), after.valuechains.get(chain_id)
            )
            for chain_id in chain_ids
        ),
    )
