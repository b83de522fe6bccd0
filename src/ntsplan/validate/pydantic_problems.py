"""The one place that turns a pydantic ``ValidationError`` into located problems.

Each error's ``loc`` is mapped back to the YAML node it came from: the key for an unknown
field, the value for a bad value, the key of the parent mapping for a missing field. The
messages say what to write instead.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ValidationError

from ntsplan.edits import Applicability, Fix
from ntsplan.load.characters import char_name, invisible_in
from ntsplan.load.document import DocPath, Document, yaml_text
from ntsplan.load.invisible import machine_value, without_invisible
from ntsplan.load.limits import MAX_NUMBER_CHARS
from ntsplan.load.lookalikes import latin
from ntsplan.problems import Position, Problem
from ntsplan.schema.base import ACTIVITY_HELP, ID_HELP, ID_PATTERN, URL_PATTERN, suggest_id
from ntsplan.schema.localized import LANGUAGE_CODES
from ntsplan.suggest import closest, did_you_mean, one_of, translated
from ntsplan.validate.dates import read_written_date, read_written_quarter
from ntsplan.validate.fields import field_model, inner_model
from ntsplan.validate.indentation import indent_hint, indent_slip
from ntsplan.validate.numbers import plain, read_written_number


def _home_of(model: type[BaseModel], name: str, prefix: str = "", depth: int = 0) -> str | None:
    """The dotted path of the first mapping below ``model`` that has a field ``name``, for a
    field written at the wrong level (``roms`` at the top instead of under ``workgroup``)."""
    if depth > 4:
        return None
    for field_name, field in model.model_fields.items():
        inner = inner_model(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            path = f"{prefix}{field_name}"
            if name in inner.model_fields:
                return path
            found = _home_of(inner, name, f"{path}.", depth + 1)
            if found:
                return found
    return None


def _field_help(model: type[BaseModel], loc: DocPath) -> str:
    owner = field_model(model, loc[:-1])
    if owner is None or not isinstance(loc[-1], str):
        return ""
    field = owner.model_fields.get(loc[-1])
    if field is None or not field.description:
        return ""
    # Kept as written: descriptions start with proper nouns too ("Dutch name", "ROM").
    return f": {field.description.rstrip('.')}"


def _message(
    error: Any, model: type[BaseModel], loc: DocPath, document: Document
) -> tuple[str, str]:
    """(code, message) for one pydantic error."""
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        name = loc[-1]
        return "missing-field", f"missing field '{name}'{_field_help(model, loc)} — add it"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        hidden = invisible_in(name)
        if hidden is not None:
            where = f"after '{name[: hidden[0]]}'" if hidden[0] else "at its start"
            return "unknown-field", (
                f"the key '{name}' holds an invisible {char_name(hidden[1])} {where}; "
                "delete it (retype the key)"
            )
        owner = field_model(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        slip = indent_hint(model, document, loc[:-1], name, document.locate(loc, key=True))
        if slip:
            return "unknown-field", f"unknown field '{name}' here; {slip}"
        hint = did_you_mean(name, allowed)
        home = _home_of(model, name)
        if not hint and home:
            hint = f" here: it belongs under '{home}'"
        elif not hint and allowed:
            hint = f"; allowed here: {', '.join(allowed)}; rename it to one of them, or move it"
        return "unknown-field", f"unknown field '{name}'{hint}"
    if _one_item(value) is not None and _scalar_kind(kind, value):
        item = _one_item(value)
        return (
            "wrong-type",
            f"[{item}] is a list, but one value is wanted here; write {item} without the brackets",
        )
    if kind in TYPE_ERRORS:
        return "wrong-type", type_message(kind, value, model, loc)
    if kind == "enum":
        expected = _enum_values(model, loc)
        meant = translated(value, expected) if isinstance(value, str) else None
        if meant is not None:
            return "invalid-value", (
                f"'{value}' is not one of the values here, which are English words; "
                f"'{value}' means {meant}: write {meant}"
            )
        hint = did_you_mean(str(value), expected) if isinstance(value, str) else ""
        return "invalid-value", f"'{value}' is not allowed here; write {one_of(expected)}{hint}"
    if kind == "string_pattern_mismatch":
        return "invalid-value", pattern_message(value, str(ctx.get("pattern", "")))
    if kind == "string_too_short":
        return "invalid-value", "this text is empty; write something or remove the field"
    if kind == "string_too_long":
        return "invalid-value", (
            f"this text is longer than {ctx.get('max_length')} characters; shorten it"
        )
    if kind == "too_short":
        need = ctx.get("min_length")
        have = ctx.get("actual_length")
        return "invalid-value", (
            f"at least {need} entries are needed here, found {have}; add "
            f"{more_words(int(need or 0) - int(have or 0))}"
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        words = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        shown, limit = plain_number(value), plain_number(bound)
        return "invalid-value", f"{shown} is out of range: the value must be {words} {limit}"
    if kind == "value_error":
        said = str(ctx.get("error", error["msg"]))
        meant = _written_date(value, said)
        return "invalid-value", f"{said}; '{value}' is {meant}: write {meant}" if meant else said
    return "invalid-value", str(error["msg"])


def _into_language(error: Any, loc: DocPath) -> tuple[Any, DocPath]:
    """An error of a text given per language (``unit: {nl: [bedrijven], en: ...}``) moved to
    the version that causes it: the validator of ``LocalText`` sees the mapping as a whole."""
    value = error.get("input")
    if error["type"] not in ("string_type", "string_too_short") or not isinstance(value, dict):
        return error, loc
    if not value or any(key not in LANGUAGE_CODES for key in value):
        return error, loc
    for language, version in value.items():
        if not isinstance(version, str) or not version:
            return {**error, "input": version}, (*loc, language)
    return error, loc


def _only_invisible(error: Any, model: type[BaseModel], loc: DocPath, document: Document) -> bool:
    """Whether ``error`` is caused only by invisible characters or look-alike letters that
    the loader reports at their own column, with the edit that corrects them
    (``load/invisible.py``, ``load/lookalikes.py``): the value (or key) without them is what
    the schema wants, so a second problem would only repeat."""
    kind: str = error["type"]
    if kind == "missing" and loc:
        # The field is there, with its key written with such a character.
        mapping = document.get(loc[:-1])
        return isinstance(mapping, dict) and any(
            isinstance(key, str)
            and key != loc[-1]
            and _only_invisible({"type": "extra_forbidden"}, model, (*loc[:-1], key), document)
            and latin(without_invisible(key)) == loc[-1]
            for key in mapping
        )
    written = str(loc[-1]) if kind == "extra_forbidden" and loc else error.get("input")
    if not isinstance(written, str):
        return False
    clean = latin(without_invisible(written))
    if clean == written or not machine_value(clean):
        return False
    if any(char not in document.text for char in set(written) - set(clean)):
        return False  # written as an escape ("\u200b"): the loader saw no character
    if kind == "extra_forbidden":
        owner = field_model(model, loc[:-1])
        return owner is not None and clean in owner.model_fields
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        return re.search(pattern, clean) is not None
    if kind == "enum":
        return clean in _enum_values(model, loc)
    return kind in TYPE_ERRORS or kind == "value_error"


def _enum_values(model: type[BaseModel], loc: DocPath) -> list[str]:
    owner = field_model(model, loc[:-1])
    field = owner.model_fields.get(str(loc[-1])) if owner else None
    target = inner_model(field.annotation) if field else None
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return [str(member.value) for member in target]
    return []


def problems_from_validation_error(
    error: ValidationError, model: type[BaseModel], document: Document
) -> list[Problem]:
    """Located, actionable problems for every error in ``error``."""
    problems: list[Problem] = []
    for reported in error.errors(include_url=False):
        # Drop pydantic's own loc steps (validator and union names); keep keys and indices.
        # The key of an unknown field is the user's own text and may hold '[' as well.
        raw = reported["loc"]
        unknown_key = len(raw) - 1 if reported["type"] == "extra_forbidden" else -1
        loc: DocPath = tuple(
            part
            for index, part in enumerate(raw)
            if isinstance(part, int) or "[" not in str(part) or index == unknown_key
        )
        item, loc = _into_language(reported, loc)
        if _only_invisible(item, model, loc, document):
            continue
        code, message = _message(item, model, loc, document)
        if code == "missing-field":
            position = document.locate_parent(loc)
        else:
            position = document.locate(loc, key=code == "unknown-field")
        indent = (
            indent_slip(model, document, loc[:-1], str(loc[-1]), position)[1]
            if code == "unknown-field" and loc
            else None
        )
        fix: Fix | None
        if indent is not None:
            title = f"Indent line {position.line} to column {indent}"
            fix = document.reindent(position, indent, title)
        elif "belongs under" in message or "belongs one level up" in message:
            fix = None  # an indentation slip has no one-word fix: 'rom' is not a typo for 'roms'
        elif meant := _written_date(item.get("input"), str(item.get("msg", ""))):
            fix = document.replace_value(loc, meant, f"Write {meant}")
        elif (one := _one_item(item.get("input"))) is not None and _scalar_kind(
            item["type"], item.get("input")
        ):
            fix = document.replace_value(loc, yaml_text(one), f"Write {one}")
        elif code == "wrong-type" and (typed := type_fix(item["type"], item.get("input"))):
            text, sure = typed
            fix = document.replace_value(
                loc,
                text,
                f"Write {text}",
                Applicability.SAFE if sure else Applicability.UNSAFE,
            )
        else:
            suggestion = _suggestion(item, model, loc)
            value = item.get("input")
            certain = (
                isinstance(value, str)
                and suggestion is not None
                and (translated(value, [suggestion]) is not None or suggest_id(value) == suggestion)
            )
            fix = (
                document.replacement(
                    loc,
                    suggestion,
                    key=code == "unknown-field",
                    applicability=Applicability.SAFE if certain else None,
                )
                if suggestion is not None
                else None
            )
        problems.append(
            Problem(document.file, position.line, position.column, code, message, path=loc, fix=fix)
        )
    return problems


def _written_date(value: object, said: str) -> str | None:
    """The date or quarter meant by a value a date or quarter field refused."""
    if not isinstance(value, str):
        return None
    if "YYYY-MM-DD" in said:
        return read_written_date(value)
    if "2026-Q1" in said:
        return read_written_quarter(value)
    return None


_SCALAR_KINDS = frozenset({"string_type", "enum", "int_type", "float_type", "bool_type"})
"""Errors of a field that wants one value: a list of one item there is that item."""


def _scalar_kind(kind: str, value: object) -> bool:
    """Whether ``kind`` is an error of a field that wants one value, given ``value``: a date
    field's own validator says so with a value error."""
    if kind in _SCALAR_KINDS:
        return True
    one = _one_item(value)
    dated = one is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", one) is not None
    return dated and kind in ("value_error", "date_type", "date_parsing")


def _one_item(value: object) -> str | None:
    """The text of the one item of a list written where one value is wanted ('[rom]')."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return value[0]
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dt.date):
        return value[0].isoformat()
    return None


def reword_duplicate_keys(
    problems: list[Problem], model: type[BaseModel], document: Document
) -> list[Problem]:
    """Duplicate keys of ``document`` that a wrong indent explains, reworded to say so."""
    reworded: list[Problem] = []
    for problem in problems:
        path = problem.path
        if problem.code == "duplicate-key" and problem.file == document.file and path:
            slip, column = indent_slip(
                model,
                document,
                path[:-1],
                str(path[-1]),
                Position(problem.line, problem.column),
            )
            if slip:
                first = problem.message.split(";")[0]
                fix = (
                    document.reindent(
                        Position(problem.line, problem.column),
                        column,
                        f"Indent line {problem.line} to column {column}",
                    )
                    if column is not None
                    else None
                )
                reworded.append(replace(problem, message=f"{first}; {slip}", fix=fix))
                continue
        reworded.append(problem)
    return reworded


def _suggestion(error: Any, model: type[BaseModel], loc: DocPath) -> str | None:
    """The certain fix of one pydantic error, for editors: the key or value to write in
    place of the one at fault; None where a person has to decide."""
    kind: str = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        owner = field_model(model, loc[:-1])
        return closest(str(loc[-1]), list(owner.model_fields)) if owner else None
    if kind == "enum" and isinstance(value, str):
        values = _enum_values(model, loc)
        return translated(value, values) or closest(value, values)
    pattern = str((error.get("ctx") or {}).get("pattern", ""))
    if kind == "string_pattern_mismatch" and pattern == ID_PATTERN and isinstance(value, str):
        slug = suggest_id(value)
        return slug if slug and slug != value else None
    if kind == "string_pattern_mismatch" and pattern == URL_PATTERN and isinstance(value, str):
        return _with_scheme(value)
    return None


_HOST_RE = re.compile(r"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?", re.IGNORECASE)


def _with_scheme(value: str) -> str | None:
    """``www.rvo.nl/x`` as the address a browser would open, ``https://www.rvo.nl/x``; the
    reading is likely, not certain (the site may be http only), so the fix is unsafe."""
    return f"https://{value}" if _HOST_RE.fullmatch(value) else None


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
        meant = _with_scheme(value) if isinstance(value, str) else None
        hint = f": '{meant}'" if meant else ""
        return f"'{value}' is not a full web address; write it with https:// at the start{hint}"
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
