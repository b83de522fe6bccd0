"""Owners, partners and consortium members are parties of the value chain.

A party is a ROM (roms.yaml) or a stakeholder listed in the chain. A ROM that takes part
must be in the working group (a warning), and a ROM task (``kind: rom``) must be owned by
a ROM. Fix: correct the id, add the stakeholder under ``stakeholders``, add the ROM to
``workgroup.roms``, or set ``kind: stakeholder``.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.hints import listing
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.load import Document
from ntsplan.load.document import DocPath
from ntsplan.problems import Severity
from ntsplan.schema import TaskKind, ValueChain
from ntsplan.suggest import closest, hint
from ntsplan.validate.names import fold

CODES = register(
    Code(
        "unknown-party",
        stage="link",
        title="An owner, partner or member that is neither a ROM nor a stakeholder",
        description="Activity owners and partners and consortium members are ROM ids or the "
        "ids of stakeholders listed in the same value chain.",
        fix="Correct the id, or add the party under stakeholders:\n\n"
        "    stakeholders:\n      - id: tno\n        name: TNO",
    ),
    Code(
        "rom-not-in-workgroup",
        stage="link",
        severity="warning",
        title="A ROM takes part but is not in the working group",
        description="A ROM owns an activity or is a partner or member, but is not listed in "
        "the chain's workgroup.roms.",
        fix="Add the ROM to workgroup.roms.",
    ),
    Code(
        "rom-task-owner",
        stage="link",
        title="A ROM task owned by a stakeholder",
        description="An activity of kind 'rom' is a task of a ROM, but its owner is a stakeholder.",
        fix="Make a ROM the owner, or write kind: stakeholder.",
    ),
)


def _party(
    facts: Facts,
    chain: ValueChain,
    document: Document,
    path: DocPath,
    party_id: str,
    *,
    out: Findings,
) -> None:
    known = facts.known_roms
    parties = facts.parties(chain)
    if known is None or party_id in parties:
        if party_id in (known or ()) and party_id not in chain.workgroup.roms:
            out.add(
                document,
                path,
                "rom-not-in-workgroup",
                f"ROM '{party_id}' takes part here but is not in workgroup.roms; add it",
                Severity.WARNING,
            )
        return
    match = closest(party_id, parties)
    named = facts.names.roms.get(fold(party_id))
    stakeholders = [s.id for s in chain.stakeholders]
    if named is not None and named in parties:
        fix, match = f"; '{party_id}' is the name of ROM '{named}': write {named}", named
    elif match:
        fix = hint(match)
    else:
        fix = f"; the ROM ids are: {listing(known)}" + (
            f", the stakeholders of this chain: {listing(stakeholders)}"
            if stakeholders
            else " (this chain lists no stakeholders)"
        )
    out.add(
        document,
        path,
        "unknown-party",
        f"unknown party '{party_id}'; use a ROM id or the id of a stakeholder listed in "
        f"this chain{fix}",
        suggestion=match,
        certain=named is not None and match == named,
    )


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report every party that is not one, and ROM's outside the working group."""
    document = chain.document
    known = facts.known_roms
    parties = facts.parties(chain.model)
    for index, activity in enumerate(chain.model.activities):
        base: DocPath = ("activities", index)
        _party(facts, chain.model, document, (*base, "owner"), activity.owner, out=out)
        if (
            activity.kind is TaskKind.ROM
            and known is not None
            and activity.owner not in known
            and activity.owner in parties
        ):
            out.add(
                document,
                (*base, "owner"),
                "rom-task-owner",
                f"this is a ROM task (kind: rom) but '{activity.owner}' is not a ROM; "
                "make a ROM the owner or set kind: stakeholder",
            )
        for p_index, partner in enumerate(activity.partners):
            _party(facts, chain.model, document, (*base, "partners", p_index), partner, out=out)
    for index, consortium in enumerate(chain.model.consortia):
        for m_index, member in enumerate(consortium.members):
            path = ("consortia", index, "members", m_index)
            _party(facts, chain.model, document, path, member, out=out)
