"""The plan holds as many technologies and value chains as plan.yaml expects.

``expects`` in plan.yaml states the numbers; a folder with more or fewer files gets a
warning (a plan in progress has fewer). Fix: add the missing files, or correct the numbers
under ``expects``.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load import Kind
from ntsplan.problems import Severity

CODES = register(
    Code(
        "count-mismatch",
        stage="link",
        severity="warning",
        title="The plan expects another number of files",
        description="plan.yaml's expects section states how many technologies and value "
        "chains the plan holds, and the folder holds another number.",
        fix="Add the missing files, or correct the numbers under expects in plan.yaml.",
    ),
)

_LABELS = {"technologies": "technologies", "valuechains": "value chains"}


def _fix(name: str, expected: int, found: int) -> str:
    kind = "technology" if name == "technologies" else "valuechain"
    if found < expected:
        return (
            f"add the missing files to {name}/ ('ntsplan new {kind}'), or set "
            f"expects.{name} to {found}"
        )
    return f"set expects.{name} to {found}, or remove the extra files from {name}/"


def check(facts: Facts, out: Findings) -> None:
    """Compare the expected numbers with the files present (valid or not)."""
    validated = facts.validated
    if validated.plan is None:
        return
    expects = validated.plan.model.expects
    counts = {
        "technologies": (expects.technologies, len(validated.present.get(Kind.TECHNOLOGY, ()))),
        "valuechains": (expects.valuechains, len(validated.present.get(Kind.VALUECHAIN, ()))),
    }
    for name, (expected, found) in counts.items():
        if expected != found:
            out.add(
                validated.plan.document,
                ("expects", name),
                "count-mismatch",
                f"the plan expects {expected} {_LABELS[name]} but the data folder holds {found}; "
                f"{_fix(name, expected, found)}",
                Severity.WARNING,
            )
