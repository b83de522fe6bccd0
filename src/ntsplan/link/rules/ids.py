"""Ids are unique: ROM's, publishers, technology numbers, and in each value chain its
working group, technologies, stakeholders and activities.

The second occurrence is reported, with the line of the first. Fix: keep one of the two
entries, or give the second its own id. A stakeholder may not take a ROM's id, since ROM's
take part through ``workgroup.roms``.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.hints import listing
from ntsplan.link.rules.base import Chain, Facts, Findings

CODES = register(
    Code(
        "duplicate-id",
        stage="link",
        title="The same id twice",
        description="A ROM, technology number, stakeholder, activity or list entry appears "
        "twice where each must be unique, or a stakeholder uses a ROM's id.",
        fix="Keep one of the two entries, or give the second its own id.",
    ),
)


def check(facts: Facts, out: Findings) -> None:
    """Report every repeated id."""
    validated = facts.validated
    if validated.roms is not None:
        roms = validated.roms.model.roms
        out.duplicates(
            validated.roms.document,
            ((("roms", i, "id"), rom.id) for i, rom in enumerate(roms)),
            "ROM",
        )
    if validated.plan is not None:
        publishers = validated.plan.model.publishers
        out.duplicates(
            validated.plan.document,
            ((("publishers", i), r) for i, r in enumerate(publishers)),
            "ROM",
        )
    numbers: dict[int, str] = {}
    for tech_id, checked in sorted(validated.technologies.items()):
        number = checked.model.number
        if number in numbers:
            out.add(
                checked.document,
                ("number",),
                "duplicate-id",
                f"number {number} is also used by technology '{numbers[number]}'; "
                "each technology has its own place in the NTS list: write a number no "
                f"other technology has (in use: {listing(str(n) for n in numbers)})",
            )
        else:
            numbers[number] = tech_id


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report repeated ids within one value chain."""
    document = chain.document
    members = chain.model.workgroup.roms
    out.duplicates(document, ((("workgroup", "roms", i), r) for i, r in enumerate(members)), "ROM")
    techs = [t.id for t in chain.model.technologies]
    out.duplicates(
        document, ((("technologies", i, "id"), t) for i, t in enumerate(techs)), "technology"
    )
    stakeholders = [s.id for s in chain.model.stakeholders]
    out.duplicates(
        document,
        ((("stakeholders", i, "id"), s) for i, s in enumerate(stakeholders)),
        "stakeholder",
    )
    for index, stakeholder_id in enumerate(stakeholders):
        if facts.known_roms and stakeholder_id in facts.known_roms:
            out.add(
                document,
                ("stakeholders", index, "id"),
                "duplicate-id",
                f"'{stakeholder_id}' is a ROM id; ROM's take part through workgroup.roms, "
                "so give this stakeholder another id",
            )
    activities = [a.id for a in chain.model.activities]
    out.duplicates(
        document,
        ((("activities", i, "id"), a) for i, a in enumerate(activities)),
        "activity",
    )
