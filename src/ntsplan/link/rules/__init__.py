"""The cross-file checks, one module per rule (yamllint's shape).

Each rule module has a docstring that says what it checks and how to fix what it finds, a
``CODES`` tuple with its problem codes (registered in ``ntsplan.codes``) and a function
``check(facts, findings)``. ``RULES`` holds every module of this package except ``base``,
found when the package is imported, so a new check is one new module (and its case folder
under tests/cases/invalid/); nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

from ntsplan.link.rules.base import Facts, Findings
from ntsplan.problems import Problem
from ntsplan.validate import ValidationResult

__all__ = ["RULES", "Facts", "Findings", "run_rules"]

Check = Callable[[Facts, Findings], None]


def _discover() -> tuple[ModuleType, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return tuple(found)


RULES: tuple[ModuleType, ...] = _discover()
"""Every rule module, by name."""


def run_rules(validated: ValidationResult) -> list[Problem]:
    """Every cross-file problem of a validated plan folder, from every rule."""
    facts = Facts(validated)
    findings = Findings()
    for rule in RULES:
        check: Check = rule.check
        check(facts, findings)
    return findings.problems
