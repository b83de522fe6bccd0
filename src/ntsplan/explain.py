"""Every problem code, explained: ``ntsplan explain CODE`` and ``docs/problems.md``.

The codes are declared by the stages (see ``ntsplan.codes``); this module imports their
catalogues, so that the registry is complete, and writes the explanations.
"""

from __future__ import annotations

import importlib

from ntsplan.codes import REGISTRY, STAGES, Code

CATALOGUES = (
    "ntsplan.load.codes",
    "ntsplan.validate.codes",
    "ntsplan.link.codes",
)
"""The modules that declare problem codes; a stage with codes of its own adds a line."""


def all_codes() -> list[Code]:
    """Every registered code, by stage in pipeline order, then by name."""
    for module in CATALOGUES:
        importlib.import_module(module)
    return sorted(REGISTRY.values(), key=lambda c: (STAGES.index(c.stage), c.name))
