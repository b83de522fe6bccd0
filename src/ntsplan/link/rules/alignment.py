"""A value chain aligns only with technologies it lists.

An ``alignment`` entry names a technology that exists but is not one of the chain's
``technologies`` (a warning; an unknown technology is reported by rule ``references``).
Fix: add the technology under ``technologies``, or align with another agenda.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.problems import Severity

CODES = register(
    Code(
        "alignment-outside-chain",
        stage="link",
        severity="warning",
        title="Alignment with a technology the chain does not list",
        description="An alignment entry names a technology that exists but is not one of "
        "this value chain's technologies.",
        fix="Add the technology under technologies, or align with another agenda.",
    ),
)


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report alignments with technologies outside the chain."""
    document = chain.document
    listed = {t.id for t in chain.model.technologies}
    for index, alignment in enumerate(chain.model.alignment):
        tech = alignment.technology
        if tech in facts.technology_ids and tech not in listed:
            out.add(
                document,
                ("alignment", index, "technology"),
                "alignment-outside-chain",
                f"'{tech}' is not one of this chain's technologies; "
                "add it under technologies or align with another agenda",
                Severity.WARNING,
            )
