"""Reporter registries name classes by import path (``"ntsplan.status.text:TextStatusReporter"``),
so that the command line can list every format without importing a single reporter."""

from __future__ import annotations

import importlib
from typing import Any


def load_class(path: str) -> Any:
    """The class at ``path``, ``"package.module:Class"``, imported now."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)
