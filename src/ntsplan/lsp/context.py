"""Where the cursor is in a YAML file: the keys above it, and whether it is at a key or a
value. Read from the text by indentation, so that it works on half-typed lines that do not
parse yet; the JSON Schema of the file's kind says what belongs there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ntsplan.schema.jsonschema import SCHEMA_BY_NAME, json_schema

_LINE_RE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<rest>.*)$")
_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*+)\s*+:(?=\s|$)")
"""A key at the start of a line's content; possessive, so that a long word that is no key
fails at once instead of backtracking through it."""
_WORD_RE = re.compile(r"[\w./-]*")
"""A word, matched from the cursor outward: forward on the text after the cursor and on the
reversed text before it. Searching ``[\\w./-]*$`` in the text before the cursor instead
would try every start position: quadratic on a long word (a pasted 5 MB word hung the
server)."""


@dataclass(frozen=True, slots=True)
class Context:
    """The cursor's place: the key path (list levels left out), at a value or at a key,
    the part of the word before the cursor and the columns (0-based) of the whole word."""

    keys: tuple[str, ...]
    in_value: bool
    prefix: str
    start: int
    end: int
    list_item: bool = False
    """A '- ' item without a key yet: a value, or the first key of a mapping item."""


def _split(line: str) -> tuple[int, int, str]:
    """(indent of the line, column of its content after any '- ', that content)."""
    match = _LINE_RE.match(line)
    assert match  # the pattern matches every line
    indent = len(match.group("indent"))
    return indent, indent + len(match.group("dashes")), match.group("rest")


def _parents(lines: Sequence[str], row: int, column: int) -> tuple[str, ...]:
    """The keys of the mappings that hold a node starting at ``column`` on line ``row``."""
    keys: list[str] = []
    for line in reversed(lines[:row]):
        if column == 0:
            break
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent, content, rest = _split(line)
        key = _KEY_RE.match(rest)
        if key and content < column:
            keys.append(key.group("key"))
            column = content
        if content != indent and indent < column:
            column = indent  # the '- ' item that holds the node
    return tuple(reversed(keys))


@lru_cache(maxsize=4)
def text_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text``; the last few kept, since one request asks several times (on a
    file with a 1 MB line each split costs a millisecond)."""
    return tuple(text.split("\n"))


@lru_cache(maxsize=8)
def context_at(text: str, row: int, character: int) -> Context:
    """The context at 0-based ``row`` and ``character`` (code points) of ``text``."""
    lines = text_lines(text)
    line = lines[row] if row < len(lines) else ""
    character = min(character, len(line))
    before = _WORD_RE.match(line[character - 1 :: -1] if character > 0 else "")
    word = before.group(0)[::-1] if before else ""
    after = _WORD_RE.match(line, character)
    start, end = character - len(word), after.end() if after else character
    indent, content, rest = _split(line)
    key = _KEY_RE.match(rest)
    if key and character > content + key.end() - 1:
        keys = (*_parents(lines, row, content), key.group("key"))
        return Context(keys, True, word, start, end)
    if content != indent and character >= content and not key:
        return Context(_parents(lines, row, indent), True, word, start, end, list_item=True)
    # At a key: a new key of the mapping at this line's column.
    column = content if rest.strip() or content != indent else min(character, content)
    return Context(_parents(lines, row, column), False, word, start, end)


def _scalar(rest: str) -> str:
    value = rest.split(" #", 1)[0].strip()
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'" else value


def sibling_value(text: str, row: int, name: str) -> str | None:
    """The plain value of key ``name`` in the mapping that holds line ``row`` (above or
    below it): the id of the activity whose ``depends`` the cursor is in."""
    lines = text_lines(text)
    if row >= len(lines):
        return None
    _, column, _ = _split(lines[row])

    def value_of(line: str) -> str | None:
        key = _KEY_RE.match(_split(line)[2])
        if key and key.group("key") == name:
            return _scalar(_split(line)[2][key.end() :]) or None
        return None

    for other in range(row, -1, -1):
        line = lines[other]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        at, content, _ = _split(line)
        if content < column:
            return None
        if content == column and (found := value_of(line)) is not None:
            return found
        if content == column and at != content:
            break  # the '- ' line that starts the item
    for other in range(row + 1, len(lines)):
        line = lines[other]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        at, content, _ = _split(line)
        if at < column:
            return None
        if at == column and (found := value_of(line)) is not None:
            return found
    return None


def key_row(text: str, row: int, name: str) -> int | None:
    """The row of the nearest key ``name`` that holds line ``row`` (less indented, above)."""
    lines = text_lines(text)
    if row >= len(lines):
        return None
    _, column, _ = _split(lines[row])
    for other in range(row - 1, -1, -1):
        line = lines[other]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        _, content, rest = _split(line)
        if content < column:
            key = _KEY_RE.match(rest)
            if key and key.group("key") == name:
                return other
            column = content
    return None


def schema_name(root: Path, file: Path) -> str | None:
    """The schema a data file follows: plan, roms, technology or valuechain."""
    relative = file.relative_to(root).parts
    if relative == ("plan.yaml",):
        return "plan"
    if relative == ("roms.yaml",):
        return "roms"
    if len(relative) == 2 and relative[0] == "technologies":
        return "technology"
    if len(relative) == 2 and relative[0] == "valuechains":
        return "valuechain"
    return None


@cache
def _schema(name: str) -> dict[str, Any]:
    return json_schema(SCHEMA_BY_NAME[name])


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and the non-null branch of an optional field, keeping the outer
    description."""
    for _ in range(8):
        if "$ref" in node:
            target = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, "description": node.get("description", target.get("description"))}
            continue
        branches = [b for b in node.get("anyOf", []) if b.get("type") != "null"]
        if len(branches) == 1 and "anyOf" in node:
            node = {**branches[0], "description": node.get("description")}
            continue
        break
    return node


def schema_at(name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The schema of the node at ``keys`` (lists passed through) in a file of kind ``name``."""
    root = _schema(name)
    node = root
    for key in keys:
        node = _resolve(root, node)
        if node.get("type") == "array":
            node = _resolve(root, node.get("items", {}))
        child = node.get("properties", {}).get(key)
        if not isinstance(child, dict):
            return None
        node = child
    return _resolve(root, node)


def item_schema(name: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """Like ``schema_at``, but for an item when the node is a list."""
    node = schema_at(name, keys)
    if node is not None and node.get("type") == "array":
        return _resolve(_schema(name), node.get("items", {}))
    return node
