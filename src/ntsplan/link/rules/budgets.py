"""A value chain in status concept holds no committed budgets.

Commitments come once the chain is in review (a warning). Fix: write the budget status
``indicative`` until then.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Chain, Facts, Findings
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


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report committed budgets in a concept chain."""
    document = chain.document
    if chain.model.status is not Status.CONCEPT:
        return
    for index, activity in enumerate(chain.model.activities):
        if activity.budget and activity.budget.status is BudgetStatus.COMMITTED:
            out.add(
                document,
                ("activities", index, "budget", "status"),
                "concept-commitment",
                "a concept value chain cannot hold committed budgets; write indicative "
                "until the chain is in review",
                Severity.WARNING,
            )
