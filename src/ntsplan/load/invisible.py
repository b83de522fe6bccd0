"""Invisible characters and look-alike spaces inside the values and keys of a parsed file.

A zero-width space, a byte order mark in the middle of a line, a word joiner, a soft hyphen
or a non-breaking space copied from a web page or a word processor looks like nothing (or
like a plain space) in an editor, yet it changes the value ntsplan reads: an id no longer
matches, a web address points nowhere, a number is text. Some of these slips are caught
by the schema with a vaguer message (an invalid id), others pass silently (a web address
with a zero-width space in it is still "https://..."). This check finds each one at its
exact line and column, names it (``U+200B ZERO WIDTH SPACE``) and carries the edit that
deletes it:

- in a key, or in a value that is a single token once the character is gone (an id, a web
  address, an e-mail address, a number, a date, a word from a closed list), deleting it is
  certainly meant: an error with a *safe* fix;
- in free text, the character may be meant (a soft hyphen as a hyphenation hint, a joiner
  inside an emoji or a script that needs it, a non-breaking space before a unit): those are
  left alone; a zero-width space or a stray byte order mark there is a warning with an
  *unsafe* fix, for the editor to confirm.

Bidirectional controls (``characters.bidi_problems``) are errors wherever they stand; here
they get the same fix, safe or unsafe by the same rule. Characters in comments are not data
and are not reported. The common case, a file with none of these characters, costs one
regular-expression scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ntsplan.edits import Applicability, Fix, TextEdit, split_lines
from ntsplan.load.characters import (
    BIDI_RE,
    INVISIBLE_RE,
    LOOKALIKE_SPACES,
    bidi_message,
    char_name,
)
from ntsplan.load.document import DocPath, Document
from ntsplan.problems import Problem, Severity

_MEANINGFUL_IN_TEXT = frozenset("\u00ad\u200c\u200d\u034f") | LOOKALIKE_SPACES
"""In free text these may be meant: a hyphenation hint, joiners for emoji and scripts, a
space that must not break (``€\u00a0200``)."""

_MACHINE = re.compile(
    r"[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?"  # an id, or 'chain/activity'
    r"|(https?://|mailto:)\S+"  # a web or e-mail address
    r"|[^\s@]+@[^\s@]+\.[a-z]{2,}"  # an e-mail address
    r"|[-+]?[\d.,_]+"  # a number
    r"|\d{4}-\d{2}-\d{2}|\d{4}(-Q[1-4])?",  # a date, a year or a quarter
    re.IGNORECASE,
)
"""A value that is one of these once the characters are gone is certainly one of them."""
_URL = re.compile(r"(https?://|mailto:)\S+")


def without_invisible(text: str) -> str:
    """``text`` with every character this check reports removed."""
    return INVISIBLE_RE.sub("", text)


def machine_value(text: str) -> bool:
    """Whether ``text`` is one token an editor cannot mean to hold an invisible character:
    an id, a web or e-mail address, a number, a date."""
    return _MACHINE.fullmatch(text) is not None


def scalar_at(
    document: Document, line: int, column: int
) -> tuple[DocPath, bool, tuple[int, int]] | None:
    """(path, is-key, start) of the scalar or key whose written range holds (line, column)."""
    at = (line, column)
    for path, marks in document.marks.items():
        if marks.key is not None and marks.key_end is not None:
            key = (marks.key.line, marks.key.column)
            if key <= at < (marks.key_end.line, marks.key_end.column):
                return path, True, key
        if marks.end is None or isinstance(document.get(path), dict | list):
            continue
        start = (marks.value.line, marks.value.column)
        if start <= at < (marks.end.line, marks.end.column):
            return path, False, start
    return None


def _in_url(line: str, index: int) -> bool:
    """Whether ``index`` of ``line`` lies inside a web address written in the text."""
    return any(m.start() <= index < m.end() for m in _URL.finditer(line))


def _findings(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, character, line text) of every suspect character, 1-based."""
    for number, line in enumerate(split_lines(text), 1):
        for match in INVISIBLE_RE.finditer(line):
            yield number, match.start() + 1, match.group(), line


def invisible_problems(document: Document) -> list[Problem]:
    """A problem, with the edit that deletes it, for each invisible character or look-alike
    space in a key or a value of ``document``."""
    if INVISIBLE_RE.search(document.text) is None:
        return []
    file = document.file
    problems: list[Problem] = []
    for line, column, char, written in _findings(document.text):
        found = scalar_at(document, line, column)
        if found is None:
            continue  # a comment, or the white space between tokens
        path, is_key, start = found
        value = str(path[-1]) if is_key else document.get(path)
        if not isinstance(value, str):
            continue
        certain = is_key or machine_value(without_invisible(value)) or _in_url(written, column - 1)
        bidi = BIDI_RE.match(char) is not None
        if not (certain or bidi) and char in _MEANINGFUL_IN_TEXT:
            continue
        before = written[start[1] - 1 if start[0] == line else 0 : column - 1].lstrip("\"' ")
        problems.append(
            _problem(Found(file, line, column, char, path, value, before, is_key), certain, bidi)
        )
    return problems


class Found(NamedTuple):
    """One character found: where, in which key or value, and the text before it there."""

    file: Path
    line: int
    column: int
    char: str
    path: DocPath
    value: str
    before: str
    is_key: bool


_NUMBER = re.compile(r"[-+]?[\d.,_]+")


def _deletion_certain(found: Found, clean: str) -> bool:
    """Whether deleting the character gives what the editor saw. A zero-width character,
    or a space at either end, shows as nothing; a space that looks like one between two
    parts (``oost nl``, ``/my page``) was seen as a space, and deleting it joins what may
    have been meant apart (``oost-nl``), except in a number (``200 000``)."""
    if found.char not in LOOKALIKE_SPACES:
        return True
    inside = (
        bool(without_invisible(found.before).strip())
        and clean.startswith(without_invisible(found.before))
        and len(without_invisible(found.before)) < len(clean)
    )
    return not inside or _NUMBER.fullmatch(clean) is not None


def _problem(found: Found, certain: bool, bidi: bool) -> Problem:
    file, line, column, char, path, value, _, is_key = found
    name = char_name(char)
    clean = without_invisible(value)
    before = without_invisible(found.before)
    where = f"after '{before}'" if before else "at its start"
    fix = Fix(
        f"Delete the invisible {name}",
        (TextEdit(file, line, column, line, column + 1, ""),),
        Applicability.SAFE if certain and _deletion_certain(found, clean) else Applicability.UNSAFE,
    )
    if bidi:
        return Problem(
            file, line, column, "invisible-character", bidi_message(char), path=path, fix=fix
        )
    if certain:
        what = (
            "a space that is not a plain space"
            if char in LOOKALIKE_SPACES
            else "an invisible character"
        )
        message = (
            f"the {'key' if is_key else 'value'} '{clean}' holds {what}, {name}, {where}; "
            "it must be written without it: delete it"
            + ("" if fix.is_safe else ", or write what was meant in its place (a '-'?)")
        )
        return Problem(file, line, column, "invisible-character", message, path=path, fix=fix)
    message = (
        f"an invisible {name} stands here in the text, {where}; it is not shown, but "
        "it breaks searching, copying and line breaking: delete it unless it is meant"
    )
    return Problem(
        file, line, column, "invisible-in-text", message, Severity.WARNING, path=path, fix=fix
    )
