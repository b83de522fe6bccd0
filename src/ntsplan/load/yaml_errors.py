"""Located, actionable problems for what libyaml and the UTF-8 decoder refuse.

The one place that turns a YAML syntax error into a problem (yamllint's
``get_syntax_error``): libyaml's words are replaced by what to do, and the position moves
to where the mistake starts (an unclosed quote or bracket, a tab in the indentation).
"""

from __future__ import annotations

import re
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


_INDICATORS = {
    "*": "YAML reads as an alias (a reference to an '&' anchor)",
    "&": "YAML reads as an anchor (a name for the value)",
    "!": "YAML reads as a tag (a type for the value)",
    "`": "YAML reserves",
    "@": "YAML reserves",
    "%": "YAML reads as a directive",
    "|": "YAML reads as the start of a block of text, whose first line must stay empty",
    ">": "YAML reads as the start of a folded text, whose first line must stay empty",
}
"""Characters that YAML reads as syntax at the start of an unquoted value."""

_VALUE_START_RE = re.compile(r"^\s*(?:-\s+)*(?:[^\s#'\"][^#]*?:\s+)?(?:-\s+)*")


def indicator_at_start(source: str, line: int) -> tuple[int, str] | None:
    """(column, character) when the value on ``line`` starts with a YAML indicator."""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    start = _VALUE_START_RE.match(text)
    column = start.end() if start else 0
    if column < len(text) and text[column] in _INDICATORS:
        return column + 1, text[column]
    return None


def indicator_message(char: str) -> str:
    """What to do about a value that starts with a YAML indicator."""
    return (
        f"this value starts with '{char}', which {_INDICATORS[char]}; if it is text, put "
        "the whole value in quotes (\"...\") or write '>-' after the key and the text on "
        "the next line, indented"
    )


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
    for line in dict.fromkeys(
        p.line
        for p in (position, _position(error.context_mark) if error.context_mark else None)
        if p is not None
    ):
        found = indicator_at_start(source, line)
        # '!' is a tag (reported by the loader); '%' in the first column is a directive.
        if found is not None and found[1] != "!" and found[0] > 1:
            column, char = found
            return Problem(file, line, column, "yaml-indicator", indicator_message(char))
    for line in dict.fromkeys((position.line, position.line - 1)):
        if column := _text_after_quote(source, line):
            return Problem(
                file,
                line,
                column,
                "yaml-syntax",
                "text follows the closing quote of a quoted value on this line; put the "
                "whole value in one pair of quotes, writing a quote inside it twice ('')",
            )
    if opened := _unclosed_quote(source, position.line):
        row, column = opened
        return Problem(
            file,
            row,
            column,
            "yaml-syntax",
            f"the quote opened here is not closed on this line, so YAML reads on to the next "
            f"quote, on line {position.line}, and fails there; close the quote at the end of "
            "this line (or remove it)",
        )
    for needle, code, message in _SYNTAX_HINTS:
        if needle in text:
            return Problem(file, position.line, position.column, code, message)
    detail = (error.problem or "invalid YAML").strip()
    if error.context:
        detail = f"{detail} ({error.context.strip()})"
    return Problem(
        file,
        position.line,
        position.column,
        "yaml-syntax",
        "YAML cannot read this line: check the ':' after each key, the quotes and the "
        f"indentation, or put the value in quotes (the YAML reader says: {detail})",
    )


_QUOTED_RE = re.compile(
    r"""^\s*(?:-\s+)*(?:[^\s#'"][^#]*?:\s+)?('(?:[^']|'')*'|"(?:[^"\\]|\\.)*")\s*([^\s#,\]}].*)?$"""
)


_OPENED_RE = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^#]*?:\s+)?(["'])""")
"""A line whose value starts with a quote."""


def _closes(quote: str, text: str) -> bool:
    if quote == "'":
        return "'" in text.replace("''", "")
    return re.search(r'(?<!\\)"', text) is not None


def _unclosed_quote(source: str, line: int) -> tuple[int, int] | None:
    """(line, column) of a quote opened on an earlier line and closed only on ``line``:
    YAML reads a quoted value over line breaks, so a quote left open swallows the lines
    below it and the error shows at the next quote of the same kind."""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return None
    for row in range(line - 1, max(0, line - 200), -1):
        match = _OPENED_RE.match(lines[row - 1])
        if match is None:
            continue
        quote = match.group(1)
        if _closes(quote, lines[row - 1][match.end() :]):
            continue
        between = lines[row : line - 1]
        if quote in lines[line - 1] and not any(quote in text for text in between):
            return row, match.end()
        return None
    return None


def _text_after_quote(source: str, line: int) -> int:
    """The column of text after a closing quote on ``line`` ('x' y), or 0."""
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return 0
    match = _QUOTED_RE.match(lines[line - 1])
    return match.start(2) + 1 if match and match.group(2) else 0


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


_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"\x7fELF", "a program"),
)

_SAVE_AS_UTF8 = (
    "save it as UTF-8 (in VS Code: click the encoding in the status bar, choose "
    "'Save with Encoding', then 'UTF-8')"
)


def _not_text(file: Path, raw: bytes) -> Problem | None:
    """A problem for a file that is not text at all (an image renamed to .yaml)."""
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            return Problem(
                file,
                1,
                1,
                "not-text",
                f"this is not a text file: it looks like {what}; a data file is YAML "
                "text — put the right file here, or move this one out of the data folder",
            )
    head = raw[:4096]
    if head.count(0) > 2 + len(head) // 100:  # a stray NUL in a text is located instead
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            return Problem(file, 1, 1, "encoding", f"the file is UTF-16; {_SAVE_AS_UTF8}")
        return Problem(
            file,
            1,
            1,
            "not-text",
            "this is not a text file (it holds NUL bytes); a data file is YAML text — put "
            "the right file here, or move this one out of the data folder",
        )
    return None


def decode(file: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped), or a located problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(file, 1, 1, "encoding", f"the file is UTF-16; {_SAVE_AS_UTF8}")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    binary = _not_text(file, raw)
    if binary is not None:
        return None, binary
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            char = ""
        if char.isprintable() and char.strip():
            message = (
                f"the file is not saved as UTF-8: byte 0x{byte:02X} here is '{char}' in "
                f"Windows-1252 (ANSI); {_SAVE_AS_UTF8}"
            )
        else:
            message = f"byte 0x{byte:02X} is not valid UTF-8; {_SAVE_AS_UTF8}"
        return None, Problem(file, line, column, "encoding", message)
