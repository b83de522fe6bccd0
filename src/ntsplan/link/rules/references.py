"""Every ROM and technology a file names exists.

A ROM named in plan.yaml (publishers) or in a value chain (workgroup roms, lead, contact)
must be listed in roms.yaml; a technology a value chain lists or aligns with must have a
file in technologies/. Fix: correct the id (the message suggests the nearest one), or add
the ROM to roms.yaml or the technology with ``ntsplan new technology``.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.hints import fix_for
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.load import Document
from ntsplan.load.document import DocPath
from ntsplan.validate.names import fold

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
)


def _rom(facts: Facts, document: Document, path: DocPath, rom_id: str, out: Findings) -> None:
    known = facts.known_roms
    if known is not None and rom_id not in known:
        fix, match = fix_for(rom_id, known, facts.names.roms, "ROM")
        out.add(
            document,
            path,
            "unknown-rom",
            f"unknown ROM '{rom_id}'; ROM's are listed in roms.yaml{fix}",
            suggestion=match,
            certain=match is not None and facts.names.roms.get(fold(rom_id)) == match,
        )


def check(facts: Facts, out: Findings) -> None:
    """Report publishers in plan.yaml that roms.yaml does not list."""
    plan = facts.validated.plan
    if plan is not None:
        for index, rom_id in enumerate(plan.model.publishers):
            _rom(facts, plan.document, ("publishers", index), rom_id, out)


def check_chain(facts: Facts, chain: Chain, out: Findings) -> None:
    """Report the ROM's and technologies of one chain that nothing defines."""
    document = chain.document
    group = chain.model.workgroup
    for index, rom_id in enumerate(group.roms):
        _rom(facts, document, ("workgroup", "roms", index), rom_id, out)
    _rom(facts, document, ("workgroup", "lead"), group.lead, out)
    if group.contact and group.contact.rom:
        _rom(facts, document, ("workgroup", "contact", "rom"), group.contact.rom, out)
    for index, tech in enumerate(chain.model.technologies):
        where = "; technologies are the files in technologies/"
        _technology(facts, document, ("technologies", index, "id"), tech.id, where, out=out)
    for index, alignment in enumerate(chain.model.alignment):
        path = ("alignment", index, "technology")
        _technology(facts, document, path, alignment.technology, "", out=out)


def _technology(
    facts: Facts, document: Document, path: DocPath, tech_id: str, where: str, *, out: Findings
) -> None:
    techs = facts.technology_ids
    if tech_id not in techs:
        fix, match = fix_for(tech_id, techs, facts.names.technologies, "technology")
        out.add(
            document,
            path,
            "unknown-technology",
            f"unknown technology '{tech_id}'{where}{fix}",
            suggestion=match,
            certain=match is not None and facts.names.technologies.get(fold(tech_id)) == match,
        )
