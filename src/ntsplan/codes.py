"""The problem-code registry: every code ntsplan can report, with what it means and a fix.

A ``Problem`` carries a short code (``unknown-rom``). Each code is declared once, as a
``Code``, next to the code that emits it, and registered here by name::

    from ntsplan.codes import Code, register

    UNKNOWN_ROM, LEAD_NOT_MEMBER = register(
        Code(
            "unknown-rom",
            stage="link",
            title="A ROM id that roms.yaml does not list",
            description="A value chain or plan.yaml names a ROM that is not in roms.yaml.",
            fix="Correct the id (the message suggests the nearest one), or add the ROM.",
        ),
        Code("lead-not-member", ...),
    )

Where codes are declared (``ntsplan.explain.CATALOGUES`` lists the modules, so that
``ntsplan explain`` and ``docs/problems.md`` see every code):

* ``ntsplan/load/codes.py``: files, encodings and YAML syntax;
* ``ntsplan/validate/codes.py``: the schema (fields, types, values, prose);
* ``ntsplan/link/rules/<rule>.py``: each cross-file rule declares its own ``CODES``
  (the package ``ntsplan.link.rules`` imports every rule);
* ``ntsplan/importing/codes.py``: a returned workbook (``ntsplan import``);
* a new stage (the preflight, say) adds its own ``codes.py`` and one line to
  ``CATALOGUES``; ``make problems`` then regenerates docs/problems.md.

Tests (tests/check/test_codes.py) fail when a code is emitted but not registered, and when
a registered code is not exercised by a test case (tests/cases/invalid/*/expected.txt).
``docs/problems.md`` and ``ntsplan explain CODE`` are generated from this registry.

This module imports nothing from ntsplan, so every stage can import it without a cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["REGISTRY", "Code", "lookup", "register"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
STAGES = ("load", "validate", "link", "preflight", "import")
"""The stages that report problems, in pipeline order (the order of docs/problems.md)."""


@dataclass(frozen=True, slots=True)
class Code:
    """One problem code: its name (as in a ``Problem``), the stage that reports it, the
    severity it is usually reported with, a one-line title, a description of what is wrong
    and an example of how to fix it (plain text; indented lines are shown as code)."""

    name: str
    stage: str
    title: str
    description: str
    fix: str
    severity: str = "error"

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"problem code {self.name!r}: use lower-case words joined by '-'")
        if self.stage not in STAGES:
            raise ValueError(f"problem code {self.name!r}: stage must be one of {STAGES}")
        if self.severity not in ("error", "warning"):
            raise ValueError(f"problem code {self.name!r}: severity is 'error' or 'warning'")


REGISTRY: dict[str, Code] = {}
"""Every registered code by name, filled as the catalogues are imported."""


def register(*codes: Code) -> tuple[Code, ...]:
    """Add ``codes`` to the registry and return them (for module-level names).

    Registering the same name twice with a different text is a programming error; the
    same ``Code`` again (a module imported twice) is harmless.
    """
    for code in codes:
        known = REGISTRY.get(code.name)
        if known is not None and known != code:
            raise ValueError(f"problem code {code.name!r} is registered twice")
        REGISTRY[code.name] = code
    return codes


def lookup(name: str) -> Code | None:
    """The registered code called ``name``, or None."""
    return REGISTRY.get(name)
