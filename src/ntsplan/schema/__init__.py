"""The plan's data model: one pydantic model per kind of file, and their parts."""

from __future__ import annotations

from ntsplan.schema.activity import Activity, ActivityStatus, Budget, BudgetStatus, Kpi, TaskKind
from ntsplan.schema.base import Quarter, Source
from ntsplan.schema.plan import Language, PlanInfo, Rom, RomRegistry, Status
from ntsplan.schema.technology import Technology
from ntsplan.schema.valuechain import Stakeholder, StakeholderKind, ValueChain

__all__ = [
    "Activity",
    "ActivityStatus",
    "Budget",
    "BudgetStatus",
    "Kpi",
    "Language",
    "PlanInfo",
    "Quarter",
    "Rom",
    "RomRegistry",
    "Source",
    "Stakeholder",
    "StakeholderKind",
    "Status",
    "TaskKind",
    "Technology",
    "ValueChain",
]
