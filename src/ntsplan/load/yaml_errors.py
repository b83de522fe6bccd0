"""Located, actionable problems for what libyaml and the UTF-8 decoder refuse.

The one place that turns a YAML syntax error into a problem (yamllint's
``get_syntax_error``): libyaml's words are replaced by what to do, and the position moves
to where the mistake starts (an unclosed quote or bracket, a tab in the indentation).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ntsplan.problems import Position, Problem

# libyaml reports reader errors at byte offsets, the pure-Python reader at characters.
_LIBYAML = hasattr(yaml, "CSafeLoader")


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_TAB_MESSAGE = (
    "a tab character is used for indentation here; YAML indents with spaces only — "
    "replace the tab with spaces"
)

_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    (
        "exceeded maximum nesting depth",
        "too-deep",
        "values are nested too deeply here; a plan file needs only a few levels",
    ),
    (
        # libyaml says "in this context", the pure-Python parser "here".
        "mapping values are not allowed",
        "yaml-syntax",
        "a ': ' appears where no key can start; put text containing ': ' in quotes, "
        "or check the indentation of this line",
    ),
    (
        "could not find expected ':'",
        "yaml-syntax",
        "a line here is neither 'key: value' nor '- item'; add the missing ':' or fix the "
        "indentation",
    ),
    (
        "did not find expected key",
        "yaml-syntax",
        "the indentation is off: this line does not line up with the keys around it",
    ),
    (
        "did not find expected '-' indicator",
        "yaml-syntax",
        "a list item does not line up with the items above it; indent every '- ' equally",
    ),
    (
        "found unexpected end of stream",
        "yaml-syntax",
        "the file ends inside a quoted text or a [ ] / { } block; close it",
    ),
    (
        "did not find expected ',' or ']'",
        "yaml-syntax",
        "this '[' list is not closed: add ']' after its last item (items are separated by ',')",
    ),
    (
        "did not find expected ',' or '}'",
        "yaml-syntax",
        "this '{' mapping is not closed: add '}' after its last entry (entries are separated "
        "by ',')",
    ),
    (
        "found undefined alias",
        "yaml-syntax",
        "an alias (*name) refers to an anchor (&name) that is not defined above it",
    ),
)


_AT_CONTEXT = (
    "found unexpected end of stream",
    "could not find expected ':'",
    # An unclosed [ or { is noticed only where something else starts; point at the bracket.
    "did not find expected ',' or",
)


def _tab_near(text: str, position: Position) -> bool:
    """Whether a tab in the indentation of the line at fault (or the one before) is the
    likely cause: libyaml reports tabs in many different words."""
    lines = text.splitlines()
    for number in (position.line, position.line - 1):
        if 1 <= number <= len(lines):
            line = lines[number - 1]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return True
    return False


def syntax_problem(file: Path, error: yaml.MarkedYAMLError, source: str) -> Problem:
    """Turn a libyaml error into a located problem (yamllint's ``get_syntax_error``)."""
    text = f"{error.problem or ''} {error.context or ''}"
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and any(n in text for n in _AT_CONTEXT):
        # The parser notices these only further on (at the end of the file, on the next
        # line); the context mark is where the unclosed quote or the key without ':' starts.
        mark = error.context_mark
    position = _position(mark) if mark is not None else Position(1, 1)
    if _tab_near(source, position):
        return Problem(file, position.line, position.column, "tab-indent", _TAB_MESSAGE)
    for needle, code, message in _SYNTAX_HINTS:
        if needle in text:
            return Problem(file, position.line, position.column, code, message)
    detail = (error.problem or "invalid YAML").strip()
    if error.context:
        detail = f"{detail} ({error.context.strip()})"
    return Problem(
        file, position.line, position.column, "yaml-syntax", f"YAML syntax error: {detail}"
    )


def reader_problem(file: Path, error: yaml.reader.ReaderError, text: str) -> Problem:
    """A character YAML does not allow (a control character), located in the text."""
    # libyaml gives a byte offset into the UTF-8 text, the pure-Python reader a character one.
    if _LIBYAML:
        before = text.encode("utf-8")[: error.position].decode("utf-8", errors="replace")
    else:  # pragma: no cover
        before = text[: error.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    char = error.character  # an int from libyaml, a one-character str from pure Python
    code = ord(char) if isinstance(char, str) and len(char) == 1 else char
    shown = f" (U+{code:04X})" if isinstance(code, int) else ""
    return Problem(
        file,
        line,
        column,
        "encoding",
        f"the file holds a control character{shown}; remove it (save the file as plain UTF-8 text)",
    )


def decode(file: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped), or a located problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(
            file, 1, 1, "encoding", "the file is UTF-16; save it as UTF-8 (without BOM)"
        )
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return None, Problem(
            file,
            line,
            column,
            "encoding",
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
        )
