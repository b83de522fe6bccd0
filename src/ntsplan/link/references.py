"""Cross-file checks: every reference resolves, ids are unique, the working groups add up.

Each check reads validated models and reports at the node at fault in its own file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ntsplan.link.hints import fix_for, listing, names_of
from ntsplan.load import Document, Kind
from ntsplan.problems import Problem, Severity
from ntsplan.schema import BudgetStatus, Status, TaskKind, ValueChain
from ntsplan.validate import ValidationResult
from ntsplan.validate.names import NameIndex, fold
from ntsplan.validate.suggest import closest, hint

DocPath = tuple[str | int, ...]


class Reporter:
    """Collects cross-file problems, located in the document they concern."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        document: Document,
        path: DocPath,
        code: str,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        key: bool = False,
        suggestion: str | None = None,
    ) -> None:
        position = document.locate(path, key=key)
        self.problems.append(
            Problem(
                document.file,
                position.line,
                position.column,
                code,
                message,
                severity,
                path,
                suggestion,
            )
        )

    def duplicates(
        self, document: Document, items: Iterable[tuple[DocPath, str]], what: str
    ) -> None:
        """Report the second and later occurrence of each id among ``items``."""
        first: dict[str, DocPath] = {}
        for path, ident in items:
            if ident in first:
                line = document.locate(first[ident]).line
                self.add(
                    document,
                    path,
                    "duplicate-id",
                    f"{what} '{ident}' is listed twice (also on line {line}); keep one",
                )
            else:
                first[ident] = path


class ChainMemo:
    """The reference problems of each value chain, kept between runs (the language server):
    a chain whose validated model and whose known ROM's and technologies are unchanged is
    not checked again. The problems are the same either way."""

    def __init__(self) -> None:
        self._kept: dict[int, tuple[object, object, list[Problem]]] = {}
        self._edges: dict[int, tuple[object, Any]] = {}

    def get(self, checked: object, key: object) -> list[Problem] | None:
        found = self._kept.get(id(checked))
        if found is None or found[0] is not checked or found[1] != key:
            return None
        return found[2]

    def put(self, checked: object, key: object, problems: list[Problem]) -> None:
        self._kept[id(checked)] = (checked, key, problems)

    def edges(self, checked: object) -> Any:
        """The dependency edges extracted from ``checked`` in an earlier run, or None."""
        found = self._edges.get(id(checked))
        return found[1] if found is not None and found[0] is checked else None

    def put_edges(self, checked: object, edges: Any) -> None:
        self._edges[id(checked)] = (checked, edges)

    def keep_only(self, alive: Iterable[object]) -> None:
        ids = {id(item) for item in alive}
        for kept in (self._kept, self._edges):
            for key in [key for key in kept if key not in ids]:
                del kept[key]


def check_references(validated: ValidationResult, memo: ChainMemo | None = None) -> list[Problem]:
    """All cross-file problems of a validated plan folder."""
    out = Reporter()
    names = names_of(validated)
    rom_ids = _check_roms(validated, out)
    known_roms = rom_ids if validated.roms else None
    _check_plan(validated, known_roms, out, names=names)
    _check_technologies(validated, out)
    technology_ids = validated.present.get(Kind.TECHNOLOGY, set())
    key = (
        frozenset(known_roms) if known_roms is not None else None,
        frozenset(technology_ids),
        frozenset(names.roms.items()),
        frozenset(names.technologies.items()),
    )
    for chain_id, checked in sorted(validated.valuechains.items()):
        kept = memo.get(checked, key) if memo else None
        if kept is not None:
            out.problems.extend(kept)
            continue
        chain_out = Reporter()
        _check_chain(
            chain_id,
            checked.model,
            document=checked.document,
            known_roms=known_roms,
            technology_ids=technology_ids,
            out=chain_out,
            names=names,
        )
        out.problems.extend(chain_out.problems)
        if memo:
            memo.put(checked, key, chain_out.problems)
    if memo:
        memo.keep_only(validated.valuechains.values())
    return out.problems


def _check_roms(validated: ValidationResult, out: Reporter) -> set[str]:
    if validated.roms is None:
        return set()
    registry = validated.roms.model
    out.duplicates(
        validated.roms.document,
        ((("roms", index, "id"), rom.id) for index, rom in enumerate(registry.roms)),
        "ROM",
    )
    return {rom.id for rom in registry.roms}


def _unknown_rom(
    document: Document,
    path: DocPath,
    rom_id: str,
    known: set[str] | None,
    out: Reporter,
    *,
    names: NameIndex | None = None,
) -> bool:
    """Report ``rom_id`` if the registry is valid and lacks it; True when reported."""
    if known is None or rom_id in known:
        return False
    fix, match = fix_for(rom_id, known, names.roms if names else {}, "ROM")
    out.add(
        document,
        path,
        "unknown-rom",
        f"unknown ROM '{rom_id}'; ROM's are listed in roms.yaml{fix}",
        suggestion=match,
    )
    return True


def _check_plan(
    validated: ValidationResult,
    known_roms: set[str] | None,
    out: Reporter,
    names: NameIndex | None = None,
) -> None:
    if validated.plan is None:
        return
    info, document = validated.plan.model, validated.plan.document
    for index, rom_id in enumerate(info.publishers):
        _unknown_rom(document, ("publishers", index), rom_id, known_roms, out, names=names)
    out.duplicates(document, ((("publishers", i), r) for i, r in enumerate(info.publishers)), "ROM")
    if info.deadline < info.date:
        out.add(
            document,
            ("deadline",),
            "deadline-passed",
            f"the deadline ({info.deadline}) is before the date of this edition ({info.date}); "
            "correct the deadline, or the date if this edition is older",
            Severity.WARNING,
        )
    counts = {
        "technologies": (
            info.expects.technologies,
            len(validated.present.get(Kind.TECHNOLOGY, ())),
        ),
        "valuechains": (info.expects.valuechains, len(validated.present.get(Kind.VALUECHAIN, ()))),
    }
    for name, (expected, found) in counts.items():
        if expected != found:
            out.add(
                document,
                ("expects", name),
                "count-mismatch",
                f"the plan expects {expected} {_label(name)} but the data folder holds {found}; "
                f"{_count_fix(name, expected, found)}",
                Severity.WARNING,
            )


def _count_fix(name: str, expected: int, found: int) -> str:
    folder = "technologies" if name == "technologies" else "valuechains"
    kind = "technology" if name == "technologies" else "valuechain"
    if found < expected:
        return (
            f"add the missing files to {folder}/ ('ntsplan new {kind}'), or set "
            f"expects.{name} to {found}"
        )
    return f"set expects.{name} to {found}, or remove the extra files from {folder}/"


def _label(name: str) -> str:
    return {"technologies": "technologies", "valuechains": "value chains"}[name]


def _check_technologies(validated: ValidationResult, out: Reporter) -> None:
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


def _check_chain(
    chain_id: str,
    chain: ValueChain,
    *,
    document: Document,
    known_roms: set[str] | None,
    technology_ids: set[str],
    out: Reporter,
    names: NameIndex | None = None,
) -> None:
    group = chain.workgroup
    for index, rom_id in enumerate(group.roms):
        _unknown_rom(document, ("workgroup", "roms", index), rom_id, known_roms, out, names=names)
    out.duplicates(
        document, ((("workgroup", "roms", i), r) for i, r in enumerate(group.roms)), "ROM"
    )
    if not _unknown_rom(
        document, ("workgroup", "lead"), group.lead, known_roms, out, names=names
    ) and (group.lead not in group.roms):
        out.add(
            document,
            ("workgroup", "lead"),
            "lead-not-member",
            f"the lead ROM '{group.lead}' is not in workgroup.roms; add it to the list",
        )
    if group.contact and group.contact.rom:
        _unknown_rom(
            document,
            ("workgroup", "contact", "rom"),
            group.contact.rom,
            known_roms,
            out,
            names=names,
        )

    chain_techs = [t.id for t in chain.technologies]
    for index, tech_id in enumerate(chain_techs):
        if tech_id not in technology_ids:
            fix, match = fix_for(
                tech_id, technology_ids, names.technologies if names else {}, "technology"
            )
            out.add(
                document,
                ("technologies", index, "id"),
                "unknown-technology",
                f"unknown technology '{tech_id}'; technologies are the files in technologies/{fix}",
                suggestion=match,
            )
    out.duplicates(
        document,
        ((("technologies", i, "id"), t) for i, t in enumerate(chain_techs)),
        "technology",
    )
    for index, alignment in enumerate(chain.alignment):
        path: DocPath = ("alignment", index, "technology")
        if alignment.technology not in technology_ids:
            fix, match = fix_for(
                alignment.technology,
                technology_ids,
                names.technologies if names else {},
                "technology",
            )
            out.add(
                document,
                path,
                "unknown-technology",
                f"unknown technology '{alignment.technology}'{fix}",
                suggestion=match,
            )
        elif alignment.technology not in chain_techs:
            out.add(
                document,
                path,
                "alignment-outside-chain",
                f"'{alignment.technology}' is not one of this chain's technologies; "
                "add it under technologies or align with another agenda",
                Severity.WARNING,
            )

    stakeholder_ids = [s.id for s in chain.stakeholders]
    out.duplicates(
        document,
        ((("stakeholders", i, "id"), s) for i, s in enumerate(stakeholder_ids)),
        "stakeholder",
    )
    for index, stakeholder_id in enumerate(stakeholder_ids):
        if known_roms and stakeholder_id in known_roms:
            out.add(
                document,
                ("stakeholders", index, "id"),
                "duplicate-id",
                f"'{stakeholder_id}' is a ROM id; ROM's take part through workgroup.roms, "
                "so give this stakeholder another id",
            )
    parties = set(stakeholder_ids) | (known_roms or set())

    def check_party(path: DocPath, party_id: str) -> None:
        if known_roms is None or party_id in parties:
            if party_id in (known_roms or ()) and party_id not in group.roms:
                out.add(
                    document,
                    path,
                    "rom-not-in-workgroup",
                    f"ROM '{party_id}' takes part here but is not in workgroup.roms; add it",
                    Severity.WARNING,
                )
            return
        match = closest(party_id, parties)
        named = (names.roms if names else {}).get(fold(party_id))
        if named is not None and named in parties:
            fix, match = f"; '{party_id}' is the name of ROM '{named}': write {named}", named
        elif match:
            fix = hint(match)
        else:
            fix = f"; the ROM ids are: {listing(known_roms or ())}" + (
                f", the stakeholders of this chain: {listing(stakeholder_ids)}"
                if stakeholder_ids
                else " (this chain lists no stakeholders)"
            )
        out.add(
            document,
            path,
            "unknown-party",
            f"unknown party '{party_id}'; use a ROM id or the id of a stakeholder listed in "
            f"this chain{fix}",
            suggestion=match,
        )

    activity_ids = [a.id for a in chain.activities]
    out.duplicates(
        document,
        ((("activities", i, "id"), a) for i, a in enumerate(activity_ids)),
        "activity",
    )
    for index, activity in enumerate(chain.activities):
        base: DocPath = ("activities", index)
        check_party((*base, "owner"), activity.owner)
        if (
            activity.kind is TaskKind.ROM
            and known_roms is not None
            and activity.owner not in known_roms
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
            check_party((*base, "partners", p_index), partner)
        if (
            chain.status is Status.CONCEPT
            and activity.budget
            and activity.budget.status is BudgetStatus.COMMITTED
        ):
            out.add(
                document,
                (*base, "budget", "status"),
                "concept-commitment",
                "a concept value chain cannot hold committed budgets; write indicative "
                "until the chain is in review",
                Severity.WARNING,
            )
    for index, consortium in enumerate(chain.consortia):
        for m_index, member in enumerate(consortium.members):
            check_party(("consortia", index, "members", m_index), member)
