"""What the plan still lacks: pure functions over a linked ``Plan``.

Shared by the document's completeness chapter and by ``ntsplan status``. The document
counts the days to the deadline from the edition date in ``plan.yaml``, never from the
clock, so it is the same on every machine and every day; ``status`` passes the day it runs
on (``today``) instead. Nothing here reads the clock itself.

An activity always has an owner (the schema requires one), so "activity without owner" is
ruled out before this module runs and is not a gap here.
"""

from __future__ import annotations

import datetime as dt
import enum
import fractions
import math
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.schema import PlanInfo, Status, ValueChain
from ntsplan.schema.localized import LocalText

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


class Section(enum.StrEnum):
    """A part of a value chain that is either filled or not, as ``status`` counts them."""

    SUMMARY = "summary"
    SEGMENTS = "segments"
    MARKET = "market"
    AMBITION = "ambition"
    TECHNOLOGY_AMBITIONS = "technology-ambitions"  # known for every technology of the chain
    STAKEHOLDERS = "stakeholders"
    ALIGNMENT = "alignment"
    SOURCES = "sources"
    ACTIVITIES = "activities"  # at least one activity


# Which section a chain-level gap empties. NOT_FINAL is the status, counted on its own;
# the ACTIVITY_* gaps belong to one activity, not to a section.
SECTION_OF = {
    GapKind.NO_SUMMARY: Section.SUMMARY,
    GapKind.NO_SEGMENT: Section.SEGMENTS,
    GapKind.NO_MARKET: Section.MARKET,
    GapKind.NO_MARKET_SOURCE: Section.MARKET,
    GapKind.NO_AMBITION: Section.AMBITION,
    GapKind.TECHNOLOGY_NO_AMBITION: Section.TECHNOLOGY_AMBITIONS,
    GapKind.NO_STAKEHOLDERS: Section.STAKEHOLDERS,
    GapKind.NO_ALIGNMENT: Section.ALIGNMENT,
    GapKind.NO_SOURCES: Section.SOURCES,
    GapKind.NO_ACTIVITIES: Section.ACTIVITIES,
}

# What an activity lacks, by gap. Its owner is not here: the schema requires one.
ACTIVITY_FIELD_OF = {
    GapKind.ACTIVITY_NO_PERIOD: "period",
    GapKind.ACTIVITY_NO_BUDGET: "budget",
    GapKind.ACTIVITY_NO_KPI: "kpi",
}


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
    activities: tuple[str, ...] = ()
    """The ids of the chain's activities, in document order."""

    @property
    def complete(self) -> bool:
        """Whether nothing is missing and the chain is final."""
        return not self.gaps

    @property
    def missing_sections(self) -> tuple[Section, ...]:
        """The sections still empty (or incomplete), in ``Section`` order."""
        empty = {SECTION_OF[gap.kind] for gap in self.gaps if gap.kind in SECTION_OF}
        return tuple(section for section in Section if section in empty)

    @property
    def sections_filled(self) -> int:
        """How many of the chain's sections are filled."""
        return len(Section) - len(self.missing_sections)

    @property
    def incomplete_activities(self) -> dict[str, tuple[str, ...]]:
        """Per activity that lacks something (in document order): what it lacks."""
        lacking: dict[str, list[str]] = {}
        for gap in self.gaps:
            if gap.kind in ACTIVITY_FIELD_OF and gap.subject is not None:
                lacking.setdefault(gap.subject, []).append(ACTIVITY_FIELD_OF[gap.kind])
        return {a: tuple(lacking[a]) for a in self.activities if a in lacking}

    @property
    def activities_complete(self) -> int:
        """How many activities have an owner, a period, a budget and a KPI."""
        return len(self.activities) - len(self.incomplete_activities)

    @property
    def score(self) -> tuple[int, int]:
        """Points reached and points possible: one per section, one per activity, one for
        the status final. Reaches the maximum exactly when the chain is ``complete``."""
        reached = self.sections_filled + self.activities_complete
        reached += self.status is Status.FINAL
        return reached, len(Section) + len(self.activities) + 1

    @property
    def percent(self) -> int:
        """The score in whole percent, rounded down, so 100 means complete."""
        reached, possible = self.score
        return reached * 100 // possible


@dataclass(frozen=True, slots=True)
class PlanCompleteness:
    """How complete the plan is, as a whole and per value chain. ``days_left`` counts from
    ``date``: the edition date in the document, the day it runs on in ``status``."""

    date: dt.date
    deadline: dt.date
    days_left: int
    expected_valuechains: int
    valuechains: int
    expected_technologies: int
    technologies: int
    technologies_without_ambition: tuple[str, ...]
    chains: tuple[ChainCompleteness, ...]
    missing_parts: tuple[PlanPart, ...] = ()
    """The prose parts and colophon facts of plan.yaml still left out."""
    untranslated: tuple[TranslationGap, ...] = ()
    """Texts without a version in a language plan.yaml asks for (``translations``)."""

    @property
    def complete_chains(self) -> int:
        """How many value chains lack nothing."""
        return sum(1 for chain in self.chains if chain.complete)

    @property
    def activities(self) -> int:
        """How many activities the plan holds."""
        return sum(len(chain.activities) for chain in self.chains)

    @property
    def complete_activities(self) -> int:
        """How many activities have an owner, a period, a budget and a KPI."""
        return sum(chain.activities_complete for chain in self.chains)

    @property
    def percent(self) -> int:
        """The whole plan in whole percent, rounded down: the mean of the chains' scores,
        over as many chains as the plan expects (a chain not yet written counts as 0)."""
        count = max(self.expected_valuechains, len(self.chains))
        reached = sum(fractions.Fraction(*chain.score) for chain in self.chains)
        return math.floor(reached * 100 / count) if count else 0


def days_to_deadline(info: PlanInfo, today: dt.date | None = None) -> int:
    """Days from ``today`` (by default the edition date) to the deadline; negative once
    the deadline has passed."""
    return (info.deadline - (today or info.date)).days


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


def assess(plan: Plan, today: dt.date | None = None) -> PlanCompleteness:
    """The completeness of the whole plan: counts against expectations, gaps per chain.

    The days left are counted from ``today``, by default from the edition date.
    """
    info = plan.info
    return PlanCompleteness(
        date=today or info.date,
        deadline=info.deadline,
        days_left=days_to_deadline(info, today),
        expected_valuechains=info.expects.valuechains,
        valuechains=len(plan.valuechains),
        expected_technologies=info.expects.technologies,
        technologies=len(plan.technologies),
        technologies_without_ambition=tuple(
            tech_id for tech_id, tech in plan.technologies.items() if tech.ambition is None
        ),
        chains=tuple(
            ChainCompleteness(
                chain_id,
                chain.status,
                chain_gaps(plan, chain_id),
                tuple(activity.id for activity in chain.activities),
            )
            for chain_id, chain in plan.valuechains.items()
        ),
        missing_parts=missing_plan_parts(info),
        untranslated=tuple(
            gap
            for language in dict.fromkeys(t.value for t in info.translations)
            if language != info.language.value
            for gap in translation_gaps(plan, language)
        ),
    )


class PlanPart(enum.StrEnum):
    """A part of ``plan.yaml`` that the coordinators write: prose and colophon facts.
    The value is the field's path in plan.yaml."""

    SUMMARY = "summary"
    INTRODUCTION = "introduction"
    CONCLUSIONS = "conclusions"
    ASK_MINISTRY = "asks.ministry"
    ASK_PROVINCES = "asks.provinces"
    COMMISSIONED_BY = "commissioned_by"
    REFERENCE = "reference"
    CONTACT = "contact"
    LICENCE = "licence"


@dataclass(frozen=True, slots=True)
class TranslationGap:
    """A text that may be given per language and lacks a version in ``language``.
    ``file`` is relative to the data folder; ``field`` is the path inside it."""

    file: str
    field: str
    language: str


def missing_plan_parts(info: PlanInfo) -> tuple[PlanPart, ...]:
    """The prose parts and colophon facts of ``plan.yaml`` still left out, in document order."""
    values = {
        PlanPart.SUMMARY: info.summary,
        PlanPart.INTRODUCTION: info.introduction,
        PlanPart.CONCLUSIONS: info.conclusions,
        PlanPart.ASK_MINISTRY: info.asks.ministry,
        PlanPart.ASK_PROVINCES: info.asks.provinces,
        PlanPart.COMMISSIONED_BY: info.commissioned_by,
        PlanPart.REFERENCE: info.reference,
        PlanPart.CONTACT: info.contact,
        PlanPart.LICENCE: info.licence,
    }
    return tuple(part for part, value in values.items() if value is None)


def translatable_texts(plan: Plan) -> list[tuple[str, str, LocalText]]:
    """Every text given (plain or per language) that may have versions per language, as
    (file, field, text), in document order. Left-out fields are not listed."""
    info = plan.info
    texts: list[tuple[str, str, LocalText | None]] = [
        ("plan.yaml", "title", info.title),
        ("plan.yaml", "subtitle", info.subtitle),
        ("plan.yaml", "summary", info.summary),
        ("plan.yaml", "introduction", info.introduction),
        ("plan.yaml", "conclusions", info.conclusions),
        ("plan.yaml", "asks.ministry", info.asks.ministry),
        ("plan.yaml", "asks.provinces", info.asks.provinces),
    ]
    texts.append(("plan.yaml", "commissioned_by", info.commissioned_by))
    texts.append(("plan.yaml", "colophon", info.colophon))
    texts += [
        ("plan.yaml", f"history[{i}].changes", note.changes) for i, note in enumerate(info.history)
    ]
    for chain_id, chain in plan.valuechains.items():
        texts += _chain_texts(f"valuechains/{chain_id}.yaml", chain)
    # A model copied with an update may hold a plain str; it counts as plain text.
    return [
        (file, field, text if isinstance(text, LocalText) else LocalText(text))
        for file, field, text in texts
        if text is not None
    ]


def _chain_texts(file: str, chain: ValueChain) -> list[tuple[str, str, LocalText | None]]:
    """A chain's texts that may be given per language, in document order. Stakeholders'
    names are left out: an organisation's name is in its own form in every edition."""
    texts: list[tuple[str, str, LocalText | None]] = [
        (file, "title", chain.title),
        (file, "summary", chain.summary),
    ]
    for key in ("end_customers", "end_suppliers", "innovative_suppliers"):
        for i, entry in enumerate(getattr(chain.segments, key)):
            texts += [(file, f"segments.{key}[{i}].name", entry.name)]
            texts += [(file, f"segments.{key}[{i}].description", entry.description)]
    if chain.market is not None:
        texts.append((file, "market.growth", chain.market.growth))
    texts.append((file, "ambition", chain.ambition))
    texts += [(file, f"technologies[{i}].role", t.role) for i, t in enumerate(chain.technologies)]
    for i, activity in enumerate(chain.activities):
        where = f"activities[{i}]"
        texts += [(file, f"{where}.title", activity.title)]
        texts += [(file, f"{where}.description", activity.description)]
        if activity.budget is not None:
            texts += [(file, f"{where}.budget.source", activity.budget.source)]
        for k, kpi in enumerate(activity.kpis):
            texts += [(file, f"{where}.kpis[{k}].indicator", kpi.indicator)]
            texts += [(file, f"{where}.kpis[{k}].unit", kpi.unit)]
    for i, consortium in enumerate(chain.consortia):
        texts += [(file, f"consortia[{i}].name", consortium.name)]
        texts += [(file, f"consortia[{i}].aim", consortium.aim)]
    texts += [(file, f"alignment[{i}].note", a.note) for i, a in enumerate(chain.alignment)]
    return texts


def translation_gaps(plan: Plan, language: str) -> tuple[TranslationGap, ...]:
    """The texts that may be given per language and have no version in ``language``."""
    plan_language = plan.info.language.value
    return tuple(
        TranslationGap(file, field, language)
        for file, field, text in translatable_texts(plan)
        if not text.has(language, plan_language)
    )
