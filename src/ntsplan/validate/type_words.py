"""The words for a value of the wrong type or form: what was found, what to write.

Used by ``pydantic_problems``, the one place that turns a ``ValidationError`` into problems.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import BaseModel

from ntsplan.load.characters import char_name, invisible_in
from ntsplan.load.document import DocPath
from ntsplan.load.limits import MAX_NUMBER_CHARS
from ntsplan.schema.base import ACTIVITY_HELP, ID_HELP, ID_PATTERN, URL_PATTERN, suggest_id
from ntsplan.validate.fields import field_model
from ntsplan.validate.numbers import plain, read_written_number

_YAML11_BOOLS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}
)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) <= 40 else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


def plain_number(value: Any) -> Any:
    """1000000.0 as 1000000: amounts and years read better without a trailing '.0'."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def pattern_message(value: Any, pattern: str) -> str:
    hidden = invisible_in(value) if isinstance(value, str) else None
    if hidden is not None:
        index, char = hidden
        where = f"after '{value[:index]}'" if index else "at its start"
        return f"'{value}' holds an invisible {char_name(char)} {where}; delete it (retype it)"
    if pattern == ID_PATTERN:
        slug = suggest_id(str(value))
        hint = f"; write '{slug}'" if slug and slug != value else ""
        return f"'{value}' is not a valid id: use {ID_HELP}{hint}"
    if pattern == URL_PATTERN:
        return f"'{value}' is not a full web address; write it with https:// at the start"
    if "/" in pattern and ID_PATTERN[1:-1] in pattern:
        return f"'{value}' is not an activity reference: write {ACTIVITY_HELP}"
    if "@" in pattern:
        return f"'{value}' is not an e-mail address; write it as name@example.nl"
    if pattern == "^EUR$":
        return f"'{value}' is not supported: amounts are in euros; write EUR or leave it out"
    return f"'{value}' does not have the expected form ({pattern})"


def more_words(count: int) -> str:
    return f"{count} more" if count > 1 else "one more"


def _limits(model: type[BaseModel], loc: DocPath) -> tuple[Any, Any]:
    """The field's lower and upper bound (``ge``/``le``), where it has them."""
    owner = field_model(model, loc[:-1])
    field = owner.model_fields.get(str(loc[-1])) if owner and loc else None
    low = high = None
    for item in field.metadata if field else ():
        low = getattr(item, "ge", getattr(item, "gt", low))
        high = getattr(item, "le", getattr(item, "lt", high))
    return low, high


def _limit_words(limits: tuple[Any, Any]) -> str:
    low, high = limits
    if high is not None and low is not None:
        return f"the value must lie between {plain_number(low)} and {plain_number(high)}"
    if high is not None:
        return f"the value must be at most {plain_number(high)}"
    return "a number here has at most 15 digits"


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-6:]} ({len(text)} characters)"


_NUMBER_RE = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _number_message(value: Any, kind: str, limits: tuple[Any, Any] = (None, None)) -> str:
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[-+]?0\d+", text) and len(text) <= MAX_NUMBER_CHARS:
            return (
                f"'{value}' is read as text because of its leading zero; "
                f"write {int(text)} without the zero"
            )
        if _NUMBER_RE.fullmatch(text):
            too_long = len(text) > MAX_NUMBER_CHARS
            if too_long or not math.isfinite(float(text)):  # '1e400': kept as text
                return (
                    f"'{_shown(text)}' is far too large a number: {_limit_words(limits)}; "
                    "write a number in that range"
                )
            return f"'{value}' is text because of the quotes; write {text} without quotes"
        if text.lower() in {".nan", "nan", ".inf", "-.inf", "inf", "+.inf"}:
            return f"'{value}' is not a usable number; write {kind} instead"
        reading = read_written_number(text)
        if reading is not None and reading.value is not None:
            how = f" ({reading.why})" if reading.why else ""
            number = plain(reading.value)
            if kind == "a whole number" and not reading.value.is_integer():
                return f"'{_shown(value)}' is {number}{how}, but a whole number is needed here"
            return f"'{_shown(value)}' is text; write the plain number {number}{how}"
        if reading is not None:
            return (
                f"'{_shown(value)}' has no safe reading as a number: {reading.why}; write "
                f"{kind} with digits only, e.g. 250000 or 1.5 (for a KPI in percent, write "
                "15 and put '%' in its unit)"
            )
    if isinstance(value, bool):
        return f"expected {kind}, got {_describe(value)}; write a number"
    if isinstance(value, float) and math.isfinite(value) and not value.is_integer():
        low, high = math.floor(value), math.ceil(value)
        return f"expected {kind}, got {value}; write {low} or {high}"
    return f"expected {kind}, got {_describe(value)}; write it with digits only, e.g. 2026"


TYPE_ERRORS = frozenset(
    {
        "bool_type",
        "int_type",
        "int_parsing",
        "int_from_float",
        "float_type",
        "float_parsing",
        "finite_number",
        "string_type",
        "list_type",
        "tuple_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
    }
)


def type_message(kind: str, value: Any, model: type[BaseModel], loc: DocPath) -> str:
    """What to write for a value of the wrong type."""
    if kind == "bool_type":
        if isinstance(value, str) and value in _YAML11_BOOLS:
            return f"'{value}' is read as text here; write true or false"
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            plain_bool = value.strip().lower()
            return f"'{value}' is text because of the quotes; write {plain_bool} without quotes"
        return f"expected true or false, got {_describe(value)}; write true or false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, float) and kind == "int_from_float" and math.isfinite(value):
            low, high = math.floor(value), math.ceil(value)
            return f"expected a whole number, got {value}; write {low} or {high}"
        return _number_message(value, "a whole number", _limits(model, loc))
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _number_message(value, "a number", _limits(model, loc))
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            shown = str(value).lower() if isinstance(value, bool) else value
            return f'expected text, got {_describe(value)}; put it in quotes: "{shown}"'
        if value is None:
            return "expected text, got nothing; write the text after the ':'"
        return (
            f"expected text, got {_describe(value)}; write the text itself on this line, "
            "or after '>-' on the lines below"
        )
    if kind in ("list_type", "tuple_type"):
        example = (
            f"; write [{value}], or '- {value}' on the next line"
            if isinstance(value, str | int | float) and not isinstance(value, bool)
            else "; write each entry on its own line starting with '- '"
        )
        return f"expected a list (lines starting with '- '), got {_describe(value)}{example}"
    # A mapping (model_type, model_attributes_type, dict_type).
    inner = field_model(model, loc)
    keys = f" ({', '.join(list(inner.model_fields)[:6])})" if inner else ""
    return (
        f"expected a mapping of 'key: value' lines{keys}, got {_describe(value)}; "
        "write the keys on the lines below, indented"
    )


def type_fix(kind: str, value: Any) -> tuple[str, bool] | None:
    """The YAML text that ``type_message`` tells the editor to write, when it names one
    value (and whether that reading is certain); None where a person has to choose."""
    if kind == "bool_type" and isinstance(value, str):
        word = value.strip().lower()
        if word in ("true", "false"):
            return word, True
        if value in _YAML11_BOOLS:
            return ("true" if word in ("yes", "on", "y") else "false"), True
        return None
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing") and isinstance(
        value, str
    ):
        text = value.strip()
        whole = kind.startswith("int")
        if len(text) > MAX_NUMBER_CHARS:
            return None
        if re.fullmatch(r"[-+]?0\d+", text):
            return str(int(text)), True
        if _NUMBER_RE.fullmatch(text):
            return (text, True) if math.isfinite(float(text)) else None
        reading = read_written_number(text)
        if reading is None or reading.value is None:
            return None
        if whole and not reading.value.is_integer():
            return None
        return plain(reading.value), True
    if kind == "string_type" and isinstance(value, bool | int | float):
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        return f'"{shown}"', False  # likely text meant, but the editor should look
    items = r"[\w\u00c0-\u024f/ .-]+(?:\s*,\s*[\w\u00c0-\u024f/ .-]+)*"
    if (
        kind in ("list_type", "tuple_type")
        and isinstance(value, str)
        and re.fullmatch(items, value)
    ):
        return f"[{', '.join(part.strip() for part in value.split(','))}]", True
    return None
