"""Every activity's period lies within the plan's horizon.

Protects the reader from an activity outside the time the plan speaks about: one that
started before the plan's first year, or runs past its last (plan.yaml's ``horizon``;
without a horizon, nothing is checked). Fix: correct the period, or widen the horizon.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.problems import Severity

CODES = register(
    Code(
        "period-outside-horizon",
        stage="link",
        severity="warning",
        title="An activity's period outside the plan's horizon",
        description="An activity starts before plan.yaml's horizon starts, or ends after it ends.",
        fix="Correct the period, or the horizon in plan.yaml:\n\n"
        "    horizon: {start: 2025, end: 2035}",
    ),
)


def check(facts: Facts, out: Findings) -> None:
    """Report periods that start before or end after the horizon."""
    plan = facts.validated.plan
    horizon = plan.model.horizon if plan is not None else None
    if horizon is None:
        return
    span = f"{horizon.start} to {horizon.end}"
    for _, checked in sorted(facts.validated.valuechains.items()):
        for index, activity in enumerate(checked.model.activities):
            period = activity.period
            if period is None:
                continue
            if period.start.first < horizon.start.first:
                out.add(
                    checked.document,
                    ("activities", index, "period", "start"),
                    "period-outside-horizon",
                    f"the activity starts in {period.start}, before the plan's horizon "
                    f"({span}, plan.yaml); correct the start, or the horizon",
                    Severity.WARNING,
                )
            if period.end.last > horizon.end.last:
                out.add(
                    checked.document,
                    ("activities", index, "period", "end"),
                    "period-outside-horizon",
                    f"the activity runs until {period.end}, past the plan's horizon "
                    f"({span}, plan.yaml); correct the end, or the horizon",
                    Severity.WARNING,
                )
