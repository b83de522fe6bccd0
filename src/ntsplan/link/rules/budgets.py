"""A value chain in status concept holds no committed budgets.

Commitments come once the chain is in review (a warning). Fix: write the budget status
``indicative`` until then.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.problems import Severity
from ntsplan.schema import BudgetStatus, Status

CODES = register(
    Code(
        "concept-commitment",
        stage="link",
        severity="warning",
        title="A committed budget in a concept value chain",
        description="A value chain in status concept cannot have committed budgets yet.",
        fix="Write budget status indicative until the chain is in review.",
    ),
)


def check(facts: Facts, out: Findings) -> None:
    """Report committed budgets in concept chains."""
    for _, chain, document in facts.chains():
        if chain.status is not Status.CONCEPT:
            continue
        for index, activity in enumerate(chain.activities):
            if activity.budget and activity.budget.status is BudgetStatus.COMMITTED:
                out.add(
                    document,
                    ("activities", index, "budget", "status"),
                    "concept-commitment",
                    "a concept value chain cannot hold committed budgets; write indicative "
                    "until the chain is in review",
                    Severity.WARNING,
                )
