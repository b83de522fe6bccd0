"""The problem codes of the link stage: references between files, ids, counts.

Registered in ``ntsplan.codes``; see that module for how to add one.
"""

from __future__ import annotations

from ntsplan.codes import Code, register

CODES = register(
    Code(
        "unknown-rom",
        stage="link",
        title="A ROM id that roms.yaml does not list",
        description="plan.yaml (publishers) or a value chain (workgroup, contact) names a ROM "
        "that is not in roms.yaml.",
        fix="Correct the id (the message suggests the nearest one), or add the ROM to "
        "roms.yaml:\n\n    roms: [nom, oostnl]    # wrong\n    roms: [nom, oost-nl]   # right",
    ),
    Code(
        "unknown-technology",
        stage="link",
        title="A technology id with no file in technologies/",
        description="A value chain lists a technology, or aligns with one, for which "
        "technologies/ID.yaml does not exist.",
        fix="Correct the id as suggested, or add the technology with 'ntsplan new technology'.",
    ),
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
        "unknown-activity",
        stage="link",
        title="A dependency on an activity that does not exist",
        description="An activity's depends list names an activity id that is not in the value "
        "chain (or 'chain/activity' for another chain).",
        fix="Correct the id as suggested:\n\n    depends: [pilot-lijn]           # this chain\n"
        "    depends: [chips/pilot-lijn]     # another chain",
    ),
    Code(
        "dependency-cycle",
        stage="link",
        title="Activities that depend on each other in a circle",
        description="Following the depends lists leads back to the first activity (or an "
        "activity depends on itself), so no order of the activities is possible.",
        fix="Remove one of the dependencies the message lists.",
    ),
    Code(
        "duplicate-id",
        stage="link",
        title="The same id twice",
        description="A ROM, technology number, stakeholder, activity or list entry appears "
        "twice where each must be unique, or a stakeholder uses a ROM's id.",
        fix="Keep one of the two entries, or give the second its own id.",
    ),
    Code(
        "lead-not-member",
        stage="link",
        title="The lead ROM is not in the working group",
        description="workgroup.lead names a ROM that workgroup.roms does not list.",
        fix="Add the lead to the list, first:\n\n"
        "    workgroup:\n      lead: nom\n      roms: [nom, oost-nl]",
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
    Code(
        "alignment-outside-chain",
        stage="link",
        severity="warning",
        title="Alignment with a technology the chain does not list",
        description="An alignment entry names a technology that exists but is not one of "
        "this value chain's technologies.",
        fix="Add the technology under technologies, or align with another agenda.",
    ),
    Code(
        "concept-commitment",
        stage="link",
        severity="warning",
        title="A committed budget in a concept value chain",
        description="A value chain in status concept cannot have committed budgets yet.",
        fix="Write budget status indicative until the chain is in review.",
    ),
    Code(
        "count-mismatch",
        stage="link",
        severity="warning",
        title="The plan expects another number of files",
        description="plan.yaml's expects section states how many technologies and value "
        "chains the plan holds, and the folder holds another number.",
        fix="Add the missing files, or correct the numbers under expects in plan.yaml.",
    ),
    Code(
        "deadline-passed",
        stage="link",
        severity="warning",
        title="The deadline lies before the edition's date",
        description="plan.yaml's deadline is earlier than its date.",
        fix="Correct the deadline or the date in plan.yaml.",
    ),
    Code(
        "copied-chain",
        stage="link",
        title="A value chain that copies another",
        description="A value chain has the same title, or the same list of activities, as "
        "another (accents, case and spacing aside): most likely a file copied to a new name "
        "and not yet changed, which would count twice in every total. The later file in "
        "file-name order is reported, at its title, naming the other.",
        fix="Give the copy its own title and content, or delete the file.",
    ),
)
