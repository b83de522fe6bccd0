"""The figures of one activity agree with each other.

Protects the reader from numbers that contradict each other within one activity: a KPI
whose target equals its baseline (nothing to reach), two KPIs with the same indicator and
year but different targets (which one holds?), or money committed for an activity that is
cancelled. Other pairs the schema lets differ are left alone on purpose: a target below
the baseline is a reduction (less CO2), not an error; a budget without KPIs is incomplete,
not contradictory (``ntsplan status`` counts it). Fix: correct one of the two figures.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.problems import Severity
from ntsplan.schema import ActivityStatus, BudgetStatus
from ntsplan.validate.pydantic_problems import plain_number

CODES = register(
    Code(
        "kpi-no-change",
        stage="link",
        severity="warning",
        title="A KPI whose target equals its baseline",
        description="The target is the value at the start: the KPI promises no change.",
        fix="Correct the target (or the baseline); leave the baseline out if it is unknown.",
    ),
    Code(
        "kpi-conflict",
        stage="link",
        severity="warning",
        title="Two targets for one indicator in one year",
        description="Two KPIs of one activity measure the same indicator, in the same unit "
        "and year, with different targets.",
        fix="Keep one of the two KPIs, or give them different years.",
    ),
    Code(
        "cancelled-commitment",
        stage="link",
        severity="warning",
        title="Money committed for a cancelled activity",
        description="A cancelled activity still has a committed budget.",
        fix="Write the budget status indicative, or remove the budget, or correct the "
        "activity's status.",
    ),
)


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report figures of one activity that contradict each other."""
    document = chain.document
    for index, activity in enumerate(chain.model.activities):
        seen: dict[tuple[str, str, int], tuple[int, float]] = {}
        for k_index, kpi in enumerate(activity.kpis):
            path = ("activities", index, "kpis", k_index)
            if kpi.baseline is not None and kpi.baseline == kpi.target:
                out.add(
                    document,
                    (*path, "target"),
                    "kpi-no-change",
                    f"the target ({plain_number(kpi.target)}) is the same as the baseline: the "
                    "KPI promises no change; correct the target, or the baseline",
                    Severity.WARNING,
                )
            key = (" ".join(kpi.indicator.casefold().split()), kpi.unit.casefold(), kpi.year)
            if key in seen and seen[key][1] != kpi.target:
                first, target = seen[key]
                line = document.locate(("activities", index, "kpis", first)).line
                out.add(
                    document,
                    (*path, "target"),
                    "kpi-conflict",
                    f"'{kpi.indicator}' in {kpi.year} has two targets: "
                    f"{plain_number(target)} (line {line}) and {plain_number(kpi.target)}; "
                    "keep one, or give them different years",
                    Severity.WARNING,
                )
            seen.setdefault(key, (k_index, kpi.target))
        budget = activity.budget
        if (
            budget is not None
            and budget.status is BudgetStatus.COMMITTED
            and activity.status is ActivityStatus.CANCELLED
        ):
            out.add(
                document,
                ("activities", index, "budget", "status"),
                "cancelled-commitment",
                "the activity is cancelled but its budget is still committed; write "
                "indicative, remove the budget, or correct the activity's status",
                Severity.WARNING,
            )
