"""The cross-file checks, one module per rule (yamllint's shape).

Each rule module has a docstring that says what it checks and how to fix what it finds, a
``CODES`` tuple with its problem codes (registered in ``ntsplan.codes``) and one or both of
``check(facts, findings)`` (the whole folder) and ``check_chain(facts, chain, findings)``
(one value chain, against the known ROM's and technologies only: the language server keeps
those problems while the chain is unchanged). ``RULES`` holds every module of this package
except ``base``, found when the package is imported, so a new check is one new module (and
its case folder under tests/cases/invalid/); nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from ntsplan.link.memo import ChainMemo
from ntsplan.link.rules.base import Chain, Facts, Findings
from ntsplan.problems import Problem
from ntsplan.validate import ValidationResult

__all__ = ["RULES", "Chain", "Facts", "Findings", "run_rules"]

Check = Callable[[Facts, Findings], None]
CheckChain = Callable[[Facts, Chain, Findings], None]


def _discover() -> tuple[ModuleType, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return tuple(found)


RULES: tuple[ModuleType, ...] = _discover()
"""Every rule module, by name."""


def run_rules(validated: ValidationResult, memo: ChainMemo | None = None) -> list[Problem]:
    """Every cross-file problem of a validated plan folder, from every rule; with ``memo``,
    the per-chain problems of unchanged value chains are taken from it."""
    facts = Facts(validated, memo)
    findings = Findings()
    for rule in RULES:
        if (check := getattr(rule, "check", None)) is not None:
            folder_check: Check = check
            folder_check(facts, findings)
    per_chain: list[CheckChain] = [r.check_chain for r in RULES if hasattr(r, "check_chain")]
    key = (
        frozenset(facts.known_roms) if facts.known_roms is not None else None,
        frozenset(facts.technology_ids),
        # The names behind ids appear in messages ("that is ROM 'oost'"): part of the key.
        frozenset(facts.names.roms.items()),
        frozenset(facts.names.technologies.items()),
    )
    for chain in facts.chains():
        checked = validated.valuechains[chain.id]
        kept = memo.get(checked, key) if memo else None
        if kept is None:
            found = Findings()
            for check_chain in per_chain:
                check_chain(facts, chain, found)
            kept = found.problems
            if memo:
                memo.put(checked, key, kept)
        findings.problems.extend(kept)
    if memo:
        memo.keep_only(validated.valuechains.values())
    return findings.problems
