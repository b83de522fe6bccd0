"""What the plan still lacks: pure functions over a linked ``Plan``.

Shared by the document's completeness chapter and by a status command. Dates come from
``plan.yaml`` (the edition date and the deadline), never from the clock, so the answer is
the same on every machine and every day.

An activity always has an owner (the schema requires one), so "activity without owner" is
ruled out before this module runs and is not a gap here.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.schema import PlanInfo, Status, ValueChain

SEGMENTS = ("end_customers", "end_suppliers", "innovative_suppliers")


class GapKind(enum.StrEnum):
    """A kind of thing a value chain still lacks. The value doubles as a short code."""

    NOT_FINAL = "not-final"
    NO_SUMMARY = "no-summary"
    NO_SEGMENT = "no-segment"
    NO_MARKET = "no-market"
    NO_MARKET_SOURCE = "no-market-source"
    NO_AMBITION = "no-ambition"
    NO_ACTIVITIES = "no-activities"
    ACTIVITY_NO_PERIOD = "activity-no-period"
    ACTIVITY_NO_BUDGET = "activity-no-budget"
    ACTIVITY_NO_KPI = "activity-no-kpi"
    NO_STAKEHOLDERS = "no-stakeholders"
    NO_ALIGNMENT = "no-alignment"
    NO_SOURCES = "no-sources"
    TECHNOLOGY_NO_AMBITION = "technology-no-ambition"


@dataclass(frozen=True, slots=True)
class Gap:
    """One thing missing. ``subject`` names what it is about: an activity id, a segment
    name or a technology id; None when the gap is about the chain as a whole."""

    kind: GapKind
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class ChainCompleteness:
    """The gaps of one value chain, in a fixed order (chain-level first, then per activity)."""

    chain_id: str
    status: Status
    gaps: tuple[Gap, ...]

    @property
    def complete(self) -> bool:
        """Whether nothing is missing and the chain is final."""
        return not self.gaps


@dataclass(frozen=True, slots=True)
class PlanCompleteness:
    """How complete the plan is, as a whole and per value chain."""

    date: dt.date
    deadline: dt.date
    days_left: int
    expected_valuechains: int
    valuechains: int
    expected_technologies: int
    technologies: int
    technologies_without_ambition: tuple[str, ...]
    chains: tuple[ChainCompleteness, ...]

    @property
    def complete_chains(self) -> int:
        """How many value chains lack nothing."""
        return sum(1 for chain in self.chains if chain.complete)


def days_to_deadline(info: PlanInfo) -> int:
    """Days from the edition date to the deadline; negative once the deadline has passed."""
    return (info.deadline - info.date).days


def chain_gaps(plan: Plan, chain_id: str) -> tuple[Gap, ...]:
    """Everything the value chain ``chain_id`` still lacks."""
    chain = plan.valuechains[chain_id]
    gaps: list[Gap] = []
    if chain.status is not Status.FINAL:
        gaps.append(Gap(GapKind.NOT_FINAL, chain.status.value))
    if not chain.summary:
        gaps.append(Gap(GapKind.NO_SUMMARY))
    gaps.extend(
        Gap(GapKind.NO_SEGMENT, name) for name in SEGMENTS if not getattr(chain.segments, name)
    )
    if chain.market is None:
        gaps.append(Gap(GapKind.NO_MARKET))
    elif chain.market.source is None:
        gaps.append(Gap(GapKind.NO_MARKET_SOURCE))
    if not chain.ambition:
        gaps.append(Gap(GapKind.NO_AMBITION))
    gaps.extend(
        Gap(GapKind.TECHNOLOGY_NO_AMBITION, role.id)
        for role in chain.technologies
        if role.id in plan.technologies and plan.technologies[role.id].ambition is None
    )
    if not chain.stakeholders:
        gaps.append(Gap(GapKind.NO_STAKEHOLDERS))
    if not chain.alignment:
        gaps.append(Gap(GapKind.NO_ALIGNMENT))
    if not chain.sources:
        gaps.append(Gap(GapKind.NO_SOURCES))
    gaps.extend(_activity_gaps(chain))
    return tuple(gaps)


def _activity_gaps(chain: ValueChain) -> list[Gap]:
    if not chain.activities:
        return [Gap(GapKind.NO_ACTIVITIES)]
    gaps: list[Gap] = []
    for activity in chain.activities:
        if activity.period is None:
            gaps.append(Gap(GapKind.ACTIVITY_NO_PERIOD, activity.id))
        if activity.budget is None:
            gaps.append(Gap(GapKind.ACTIVITY_NO_BUDGET, activity.id))
        if not activity.kpis:
            gaps.append(Gap(GapKind.ACTIVITY_NO_KPI, activity.id))
    return gaps


def assess(plan: Plan) -> PlanCompleteness:
    """The completeness of the whole plan: counts against expectations, gaps per chain."""
    info = plan.info
    return PlanCompleteness(
        date=info.date,
        deadline=info.deadline,
        days_left=days_to_deadline(info),
        expected_valuechains=info.expects.valuechains,
        valuechains=len(plan.valuechains),
        expected_technologies=info.expects.technologies,
        technologies=len(plan.technologies),
        technologies_without_ambition=tuple(
            tech_id for tech_id, tech in plan.technologies.items() if tech.ambition is None
        ),
        chains=tuple(
            ChainCompleteness(chain_id, chain.status, chain_gaps(plan, chain_id))
            for chain_id, chain in plan.valuechains.items()
        ),
    )
