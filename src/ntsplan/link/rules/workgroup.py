"""The lead ROM of a value chain is a member of its working group.

Fix: add the lead to ``workgroup.roms``, first. A lead that roms.yaml does not list is
reported as an unknown ROM instead (rule ``references``).
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Chain, Facts, Findings

CODES = register(
    Code(
        "lead-not-member",
        stage="link",
        title="The lead ROM is not in the working group",
        description="workgroup.lead names a ROM that workgroup.roms does not list.",
        fix="Add the lead to the list, first:\n\n"
        "    workgroup:\n      lead: nom\n      roms: [nom, oost-nl]",
    ),
)


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report a lead that is a known ROM outside the working group."""
    group = chain.model.workgroup
    known = facts.known_roms
    if known is not None and group.lead not in known:
        return  # an unknown ROM, reported by the references rule
    if group.lead not in group.roms:
        out.add(
            chain.document,
            ("workgroup", "lead"),
            "lead-not-member",
            f"the lead ROM '{group.lead}' is not in workgroup.roms; add it to the list",
        )
