"""An activity in a value chain: who does what, when, with which money and targets.

Modelled after the IATI activity standard: participating organisations, status, period,
budget with status (indicative, committed) and results with baseline and target.
"""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import BeforeValidator, Field, Strict, ValidationInfo, WithJsonSchema, field_validator

from ntsplan.schema.base import ID_PATTERN, Id, Model, Quarter, YearQuarter
from ntsplan.schema.localized import LocalLine, LocalMarkdown

ACTIVITY_REF_PATTERN = rf"^{ID_PATTERN[1:-1]}(/{ID_PATTERN[1:-1]})?$"

ActivityRef = Annotated[
    str,
    Field(
        pattern=ACTIVITY_REF_PATTERN,
        description="An activity id in the same value chain, or 'valuechain/activity' in another.",
    ),
]


class Dependency(Model):
    """An activity that must come first. Written as its id (``depends: [scan]``) or, when
    this activity is meant to start while that one still runs, as
    ``depends: [{id: scan, overlap: true}]``."""

    id: ActivityRef = Field(description="The activity that must come first.")
    overlap: bool = Field(
        default=False,
        description="true: this activity starts while that one still runs, on purpose (the "
        "timeline shows the overlap instead of a 'follows on' arrow).",
    )


def _dependency(value: object) -> object:
    """``scan`` is short for ``{id: scan}``."""
    return {"id": value} if isinstance(value, str) else value


DependsOn = Annotated[
    Dependency,
    BeforeValidator(_dependency),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ACTIVITY_REF_PATTERN},
                {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "pattern": ACTIVITY_REF_PATTERN},
                        "overlap": {"type": "boolean"},
                    },
                    "required": ["id"],
                    "additionalProperties": False,
                },
            ],
            "description": "An activity id in the same value chain, or 'valuechain/activity' "
            "in another; {id: ..., overlap: true} when this one starts before that one ends.",
        }
    ),
]


class TaskKind(enum.StrEnum):
    """Whose task an activity is: a ROM's, or another stakeholder's."""

    ROM = "rom"
    STAKEHOLDER = "stakeholder"


class ActivityStatus(enum.StrEnum):
    """Where an activity stands (after IATI's activity status)."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class BudgetStatus(enum.StrEnum):
    """Whether money is an estimate or promised (IATI's budget status)."""

    INDICATIVE = "indicative"
    COMMITTED = "committed"


class Period(Model):
    """When an activity runs, from a year or quarter to a year or quarter."""

    start: YearQuarter = Field(description="First year (2026) or quarter (2026-Q1).")
    end: YearQuarter = Field(description="Last year (2027) or quarter (2027-Q4).")

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: Quarter, info: ValidationInfo) -> Quarter:
        start = info.data.get("start")
        if isinstance(start, Quarter) and end.last < start.first:
            raise ValueError(
                f"the period ends ({end}) before it starts ({start}); write an end that is "
                "the same as or later than the start"
            )
        return end


class Budget(Model):
    """Money for an activity, in euros."""

    amount: float = Field(ge=0, le=1e12, description="Amount in euros, e.g. 250000.")
    currency: str = Field(
        default="EUR", pattern="^EUR$", description="Always EUR; amounts are in euros."
    )
    source: LocalLine | None = Field(
        default=None, description="Where the money comes from, e.g. 'provincie, EFRO, ROM'."
    )
    status: Annotated[BudgetStatus, Strict(False)] = Field(
        description="indicative (an estimate) or committed (promised by the funder)."
    )


class Kpi(Model):
    """A measurable result: an indicator with baseline and target."""

    indicator: LocalLine = Field(description="What is measured, e.g. 'mkb-bedrijven begeleid'.")
    unit: LocalLine = Field(description="Unit of the values, e.g. 'bedrijven' or 'EUR'.")
    baseline: float | None = Field(default=None, description="Value at the start, if known.")
    target: float = Field(description="Value to reach by the target year.")
    year: int = Field(ge=2000, le=2100, description="Year by which the target is reached.")


class Activity(Model):
    """Something the ROM's or other stakeholders will do in the value chain."""

    id: Id = Field(description="Unique within the value chain, e.g. 'pilot-fieldlab'.")
    title: LocalLine = Field(description="Short title of the activity.")
    description: LocalMarkdown | None = Field(
        default=None, description="What will be done, and why."
    )
    kind: Annotated[TaskKind, Strict(False)] = Field(
        description="rom for a task of the ROM's, stakeholder for a task of other stakeholders."
    )
    owner: Id = Field(
        description="Who is responsible: a ROM id or the id of a stakeholder of this chain."
    )
    partners: list[Id] = Field(
        default=[], description="Who else takes part: ROM ids or stakeholder ids."
    )
    period: Period | None = Field(default=None, description="When the activity runs.")
    status: Annotated[ActivityStatus, Strict(False)] = Field(
        description="proposed, planned, running, completed or cancelled."
    )
    budget: Budget | None = Field(default=None, description="Money for the activity.")
    kpis: list[Kpi] = Field(default=[], description="Measurable results with their targets.")
    depends: list[DependsOn] = Field(
        default=[],
        description="Activities that must come first: 'id' in this chain or 'chain/id'; "
        "{id: ..., overlap: true} for one this activity starts before it ends.",
    )

    @property
    def depends_ids(self) -> list[str]:
        """The references of ``depends``, as written (``id`` or ``chain/id``)."""
        return [dependency.id for dependency in self.depends]
