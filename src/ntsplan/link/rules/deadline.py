"""The deadline in plan.yaml lies after the edition's date.

Fix: correct the deadline or the date in plan.yaml (a warning).
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.problems import Severity

CODES = register(
    Code(
        "deadline-passed",
        stage="link",
        severity="warning",
        title="The deadline lies before the edition's date",
        description="plan.yaml's deadline is earlier than its date.",
        fix="Correct the deadline or the date in plan.yaml.",
    ),
)


def check(facts: Facts, out: Findings) -> None:
    """Report a deadline before the date."""
    plan = facts.validated.plan
    if plan is not None and plan.model.deadline < plan.model.date:
        info = plan.model
        out.add(
            plan.document,
            ("deadline",),
            "deadline-passed",
            f"the deadline ({info.deadline}) is before the date of this edition ({info.date}); "
            "correct the deadline, or the date if this edition is older",
            Severity.WARNING,
        )
