"""What every link rule shares: the findings it adds to, and the facts it checks against.

A rule is a module in this package with a docstring (what it checks, how to fix it), a
``CODES`` tuple (its problem codes, registered in ``ntsplan.codes``) and ``check(facts,
findings)`` and/or ``check_chain(facts, chain, findings)``; ``ntsplan.link.rules`` finds
and runs every such module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from ntsplan.edits import Applicability, Fix
from ntsplan.link.memo import ChainMemo
from ntsplan.load import Document, Kind
from ntsplan.load.document import DocPath
from ntsplan.problems import Problem, Severity
from ntsplan.schema import ValueChain
from ntsplan.validate import ValidationResult
from ntsplan.validate.names import NameIndex


@dataclass(slots=True)
class Findings:
    """The cross-file problems the rules find, each located in the document it concerns."""

    problems: list[Problem] = field(default_factory=list)

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
        certain: bool = False,
        fix: Fix | None = None,
    ) -> None:
        """A problem at ``path`` in ``document`` (at its key, with ``key``). ``suggestion``
        is the value (or key) to write instead: a fix replacing the one written, safe when
        it is ``certain`` (the id of a name) or one slip of the keyboard away, else unsafe;
        ``fix`` is any other fix."""
        position = document.locate(path, key=key)
        if suggestion is not None and fix is None:
            fix = document.replacement(
                path, suggestion, key=key, applicability=Applicability.SAFE if certain else None
            )
        self.problems.append(
            Problem(
                document.file,
                position.line,
                position.column,
                code,
                message,
                severity,
                path,
                fix,
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


class Chain(NamedTuple):
    """One valid value chain: its id, its model and the document it came from."""

    id: str
    model: ValueChain
    document: Document


@dataclass(frozen=True)
class Facts:
    """The validated plan folder, and what the rules look ids up in. ``memo`` is what the
    language server keeps between runs (None for one run)."""

    validated: ValidationResult
    memo: ChainMemo | None = None

    @cached_property
    def known_roms(self) -> set[str] | None:
        """The ROM ids of roms.yaml; None while roms.yaml is invalid (nothing to check
        against, and its own problems are reported)."""
        roms = self.validated.roms
        return {rom.id for rom in roms.model.roms} if roms else None

    @cached_property
    def technology_ids(self) -> set[str]:
        """The ids of every technology file, valid or not."""
        return self.validated.present.get(Kind.TECHNOLOGY, set())

    def chains(self) -> Iterator[Chain]:
        """Every valid value chain, by id."""
        for chain_id, checked in sorted(self.validated.valuechains.items()):
            yield Chain(chain_id, checked.model, checked.document)

    @cached_property
    def names(self) -> NameIndex:
        """The names of the ROM's and technologies (official, short, Dutch, English,
        aliases), folded, to their ids: for "that is ROM 'oost': write oost"."""
        from ntsplan.link.hints import names_of  # noqa: PLC0415 - hints imports this module's peers

        return names_of(self.validated)

    def parties(self, chain: ValueChain) -> set[str]:
        """Who may own, join or be a member in ``chain``: its stakeholders and every ROM."""
        return {s.id for s in chain.stakeholders} | (self.known_roms or set())
