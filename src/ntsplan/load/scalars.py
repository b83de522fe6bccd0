"""Plain (unquoted) YAML scalars to values: YAML 1.2's core schema, minus its surprises.

Only ``true``/``false`` are booleans (``yes``, ``no``, ``on``, ``off`` stay text), a number
with a leading zero (``0755``) stays text instead of becoming octal, ``.inf``/``.nan``,
numbers too large for a float and numbers longer than ``MAX_NUMBER_CHARS`` stay text for
the schema to refuse.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ntsplan.load.limits import MAX_NUMBER_CHARS

# YAML 1.2 core schema, minus what could surprise: no octal without 0o, no .inf/.nan.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT_RE = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_HEX_RE = re.compile(r"^0x[0-9a-fA-F]+$")
_OCT_RE = re.compile(r"^0o[0-7]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")

_GROUPED_RE = re.compile(r"^[1-9][0-9]{0,2}\.[0-9]{3}$")
"""'200.000': two hundred thousand to a Dutch reader, 200.0 to YAML."""

_FIRST_OF_NON_TEXT = frozenset("0123456789+-.~nNtTfF")
"""First characters of every plain scalar that is not text: a quick way out for the rest."""


def resolve_plain(text: str) -> Any:
    """Turn a plain (unquoted) scalar into a value by the rules in this module's docstring."""
    if not text:
        return None
    if text[0] not in _FIRST_OF_NON_TEXT or len(text) > MAX_NUMBER_CHARS:
        return text  # a 5,000-digit number stays text: the schema names the field's limit
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


_TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "null": type(None),
}


def tagged_value(wanted: str, text: str) -> tuple[Any, bool]:
    """The value of a scalar tagged ``!!wanted`` (int, float, bool or null), and whether the
    text fits the tag."""
    value = resolve_plain(text)
    fits = isinstance(value, _TAG_TYPES[wanted]) and (wanted == "bool" or type(value) is not bool)
    if fits and wanted == "float":
        value = float(value)
    return value, fits


def ambiguous_number(text: str, value: Any) -> str | None:
    """What to write instead when ``text`` (read as ``value``) may group thousands, as
    '200.000' does for a Dutch reader, or is a number too large to be one (kept as text, so
    that a text field would take it without a word); None for any other value."""
    if isinstance(value, str) and value and value[0] in "0123456789+-." and _FLOAT_RE.match(text):
        size = f"{len(text)} characters long" if len(text) > MAX_NUMBER_CHARS else "too large"
        return (
            f"this number is {size}, more than any field takes, so it is read as text; if it "
            "is meant as text, put it in quotes, otherwise write a number of at most 15 digits"
        )
    if type(value) is not float or not _GROUPED_RE.match(text):
        return None
    number = text.replace(".", "")
    return (
        f"{text} is read as {value:g}: in YAML the point is the decimal sign; if you mean "
        f"{number}, write {number}; if you mean {value:g}, write {value:g}"
    )
