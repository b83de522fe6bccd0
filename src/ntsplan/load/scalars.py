"""Plain (unquoted) YAML scalars to values: YAML 1.2's core schema, minus its surprises.

Only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text), a number
with a leading zero (``0755``) stays text instead of becoming octal, ``.inf``/``.nan`` and
numbers too large for a float stay text for the schema to refuse.
"""

from __future__ import annotations

import math
import re
from typing import Any

# YAML 1.2 core schema, minus what could surprise: no octal without 0o, no .inf/.nan.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_HEX_RE = re.compile(r"^0x[0-9a-fA-F]+$")
_OCT_RE = re.compile(r"^0o[0-7]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


_FIRST_OF_NON_TEXT = frozenset("0123456789+-.~nNtTfF")
"""First characters of every plain scalar that is not text: a quick way out for the rest."""


def resolve_plain(text: str) -> Any:
    """Turn a plain (unquoted) scalar into a value by the rules in this module's docstring."""
    if not text:
        return None
    if text[0] not in _FIRST_OF_NON_TEXT:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        return int(text)
    if _HEX_RE.match(text):
        return int(text, 16)
    if _OCT_RE.match(text):
        return int(text[2:], 8)
    if _FLOAT_RE.match(text) and any(c.isdigit() for c in text):
        number = float(text)
        # '1e400' would become infinity: keep it as text, like .inf, for the schema to refuse.
        return number if math.isfinite(number) else text
    return text
