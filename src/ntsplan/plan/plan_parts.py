"""What plan.yaml's own parts still lack: its prose and colophon facts, and the texts that
may be given per language. Part of the completeness figures (``ntsplan.plan.completeness``)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ntsplan.link.model import Plan
from ntsplan.schema import PlanInfo, ValueChain
from ntsplan.schema.localized import LocalText


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
