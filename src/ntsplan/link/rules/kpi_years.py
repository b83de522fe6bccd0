"""A KPI's target year lies within its activity's period.

Protects the reader from a result promised for a year in which nothing is done for it: a
target for 2027 of an activity that ends in 2026-Q2 (or one reached before it starts).
Fix: set the year within the period, or change the period.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.problems import Severity

CODES = register(
    Code(
        "kpi-year-outside-period",
        stage="link",
        severity="warning",
        title="A KPI's target year outside its activity's period",
        description="The year by which a KPI's target is reached lies before the activity "
        "starts or after it ends.",
        fix="Write a year within the period, or change the period:\n\n"
        "    period: {start: 2025-Q3, end: 2026-Q2}\n    kpis:\n      - ...\n        year: 2026",
    ),
)


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report KPI years outside the years of their activity's period."""
    for index, activity in enumerate(chain.model.activities):
        period = activity.period
        if period is None:
            continue
        first, last = period.start.year, period.end.year
        for k_index, kpi in enumerate(activity.kpis):
            if first <= kpi.year <= last:
                continue
            when = "after the activity ends" if kpi.year > last else "before the activity starts"
            edge = period.end if kpi.year > last else period.start
            years = str(first) if first == last else f"{first} to {last}"
            out.add(
                chain.document,
                ("activities", index, "kpis", k_index, "year"),
                "kpi-year-outside-period",
                f"the target year {kpi.year} is {when} ({edge}); write a year from {years}, "
                "or change the period",
                Severity.WARNING,
            )
