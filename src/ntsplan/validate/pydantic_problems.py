"""The one place that turns a pydantic ``ValidationError`` into located problems.

Each error's ``loc`` is mapped back to the YAML node it came from: the key for an unknown
field, the value for a bad value, the key of the parent mapping for a missing field. The
messages say what to write instead.
"""

from __future__ import annotations

import enum
import math
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ntsplan.load.document import DocPath, Document
from ntsplan.problems import Problem
from ntsplan.schema.base import ACTIVITY_HELP, ID_HELP, ID_PATTERN, URL_PATTERN, suggest_id
from ntsplan.validate.suggest import closest, did_you_mean, one_of

_YAML11_BOOLS = frozenset(
    {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}
)
_THOUSANDS_RE = re.compile(r"^[-+]?\d{1,3}([.,_ ]\d{3})+([.,]\d+)?$")


def _field_model(model: type[BaseModel], loc: DocPath) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``loc`` below ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Unwrap ``list[X]``, ``X | None`` and ``Annotated[X, ...]`` down to a model class."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated or origin in (list, tuple, set):
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else None
        else:
            return annotation


def _home_of(model: type[BaseModel], name: str, prefix: str = "", depth: int = 0) -> str | None:
    """The dotted path of the first mapping below ``model`` that has a field ``name``, for a
    field written at the wrong level (``roms`` at the top instead of under ``workgroup``)."""
    if depth > 4:
        return None
    for field_name, field in model.model_fields.items():
        inner = _inner_model(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            path = f"{prefix}{field_name}"
            if name in inner.model_fields:
                return path
            found = _home_of(inner, name, f"{path}.", depth + 1)
            if found:
                return found
    return None


def _field_help(model: type[BaseModel], loc: DocPath) -> str:
    owner = _field_model(model, loc[:-1])
    if owner is None or not isinstance(loc[-1], str):
        return ""
    field = owner.model_fields.get(loc[-1])
    if field is None or not field.description:
        return ""
    # Kept as written: descriptions start with proper nouns too ("Dutch name", "ROM").
    return f": {field.description.rstrip('.')}"


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


def _plain_number(value: Any) -> Any:
    """1000000.0 as 1000000: amounts and years read better without a trailing '.0'."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


def _pattern_message(value: Any, pattern: str) -> str:
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


def _number_message(value: Any, kind: str) -> str:
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[-+]?0\d+", text):
            return (
                f"'{value}' is read as text because of its leading zero; "
                f"write {int(text)} without the zero"
            )
        if _THOUSANDS_RE.match(text):
            digits = re.sub(r"[.,_ ]", "", text)
            return f"'{value}' is read as text; write the number without separators: {digits}"
        if text.lower() in {".nan", "nan", ".inf", "-.inf", "inf"}:
            return f"'{value}' is not a usable number; write {kind} instead"
        if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
            if not math.isfinite(float(text)):  # '1e400': the loader keeps it as text
                return f"'{value}' is too large a number; write {kind} instead"
            return f"'{value}' is text because of the quotes; write {text} without quotes"
    if isinstance(value, bool):
        return f"expected {kind}, got {_describe(value)}; write a number"
    return f"expected {kind}, got {_describe(value)}"


def _message(error: Any, model: type[BaseModel], loc: DocPath) -> tuple[str, str]:
    """(code, message) for one pydantic error."""
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        name = loc[-1]
        return "missing-field", f"missing field '{name}'{_field_help(model, loc)} — add it"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        owner = _field_model(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        hint = did_you_mean(name, allowed)
        home = _home_of(model, name)
        if not hint and home:
            hint = f" here: it belongs under '{home}'"
        elif not hint and allowed:
            hint = f"; allowed here: {', '.join(allowed)}"
        return "unknown-field", f"unknown field '{name}'{hint}"
    if kind == "bool_type":
        if isinstance(value, str) and value in _YAML11_BOOLS:
            return "wrong-type", f"'{value}' is read as text here; write true or false"
        return "wrong-type", f"expected true or false, got {_describe(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, float) and kind == "int_from_float":
            return "wrong-type", f"expected a whole number, got {value}"
        return "wrong-type", _number_message(value, "a whole number")
    if kind in ("float_type", "float_parsing", "finite_number"):
        return "wrong-type", _number_message(value, "a number")
    if kind == "string_type":
        if isinstance(value, bool | int | float):
            shown = str(value).lower() if isinstance(value, bool) else value
            return (
                "wrong-type",
                f'expected text, got {_describe(value)}; put it in quotes: "{shown}"',
            )
        return "wrong-type", f"expected text, got {_describe(value)}"
    if kind in ("list_type", "tuple_type"):
        return "wrong-type", f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "wrong-type", f"expected a mapping of 'key: value' lines, got {_describe(value)}"
    if kind == "enum":
        expected = _enum_values(model, loc)
        hint = did_you_mean(str(value), expected) if isinstance(value, str) else ""
        return "invalid-value", f"'{value}' is not allowed here; write {one_of(expected)}{hint}"
    if kind == "string_pattern_mismatch":
        return "invalid-value", _pattern_message(value, str(ctx.get("pattern", "")))
    if kind == "string_too_short":
        return "invalid-value", "this text is empty; write something or remove the field"
    if kind == "string_too_long":
        return "invalid-value", f"this text is longer than {ctx.get('max_length')} characters"
    if kind == "too_short":
        need = ctx.get("min_length")
        have = ctx.get("actual_length")
        return "invalid-value", f"at least {need} entries are needed here, found {have}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        shown, limit = _plain_number(value), _plain_number(bound)
        return "invalid-value", f"{shown} is out of range: the value must be {words} {limit}"
    if kind == "value_error":
        return "invalid-value", str(ctx.get("error", error["msg"]))
    return "invalid-value", str(error["msg"])


def _enum_values(model: type[BaseModel], loc: DocPath) -> list[str]:
    owner = _field_model(model, loc[:-1])
    field = owner.model_fields.get(str(loc[-1])) if owner else None
    target = _inner_model(field.annotation) if field else None
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return [str(member.value) for member in target]
    return []


def problems_from_validation_error(
    error: ValidationError, model: type[BaseModel], document: Document
) -> list[Problem]:
    """Located, actionable problems for every error in ``error``."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        # Drop pydantic's own loc steps (validator and union names); keep keys and indices.
        # The key of an unknown field is the user's own text and may hold '[' as well.
        raw = item["loc"]
        unknown_key = len(raw) - 1 if item["type"] == "extra_forbidden" else -1
        loc: DocPath = tuple(
            part
            for index, part in enumerate(raw)
            if isinstance(part, int) or "[" not in str(part) or index == unknown_key
        )
        code, message = _message(item, model, loc)
        if code == "missing-field":
            position = document.locate_parent(loc)
        else:
            position = document.locate(loc, key=code == "unknown-field")
        problems.append(
            Problem(
                document.file,
                position.line,
                position.column,
                code,
                message,
                path=loc,
                suggestion=_suggestion(item, model, loc),
            )
        )
    return problems


def _suggestion(error: Any, model: type[BaseModel], loc: DocPath) -> str | None:
    """The certain fix of one pydantic error, for editors: the key or value to write in
    place of the one at fault; None where a person has to decide."""
    kind: str = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        owner = _field_model(model, loc[:-1])
        return closest(str(loc[-1]), list(owner.model_fields)) if owner else None
    if kind == "enum" and isinstance(value, str):
        return closest(value, _enum_values(model, loc))
    pattern = str((error.get("ctx") or {}).get("pattern", ""))
    if kind == "string_pattern_mismatch" and pattern == ID_PATTERN and isinstance(value, str):
        slug = suggest_id(value)
        return slug if slug and slug != value else None
    return None
