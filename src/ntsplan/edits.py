"""Text edits, and the one function that applies them: every fix, in every tool, goes here.

A fix that a problem names is data (ruff's ``Fix``, rustc's suggestions): one or more
:class:`TextEdit` (a file, a range in it, the new text), a title that says what it does, and
an :class:`Applicability`: *safe* (certainly what was meant: a typo of an id, an indent) or
*unsafe* (the likely reading, for the editor to confirm). ``ntsplan fix``, the language
server's quick fixes, ``ntsplan import`` and the tests all apply edits with
:func:`apply_edits`, so a fix that works in one works in all.

Positions are those of the problems: 1-based lines and 1-based columns counted in code
points, the end exclusive; line breaks are those of the YAML reader (``\\n``, ``\\r\\n``,
``\\r``, NEL, LS, PS), so a mark from the loader and a position here always agree. Nothing
outside an edit's range changes: comments, key order, quoting and line endings of the
untouched text are kept byte for byte.

This module imports nothing from the pipeline's stages; every stage may use it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

__all__ = [
    "Applicability",
    "EditConflictError",
    "Fix",
    "TextEdit",
    "apply_edits",
    "apply_to_text",
    "line_starts",
    "offset_of",
    "overlapping",
    "position_of",
    "split_lines",
]

_P = TypeVar("_P", int, tuple[int, int])
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class Applicability(enum.StrEnum):
    """How sure a fix is. ``ntsplan fix`` applies safe fixes; unsafe ones with ``--unsafe``."""

    SAFE = "safe"
    """Certainly what was meant: applying it can only restore the intended value."""
    UNSAFE = "unsafe"
    """The likely reading; the editor confirms it (an editor's quick fix shows it too)."""


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace the text of ``file`` from (``start_line``, ``start_column``) up to, not
    including, (``end_line``, ``end_column``) with ``text``. An empty range inserts."""

    file: Path
    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str

    @property
    def start(self) -> tuple[int, int]:
        return (self.start_line, self.start_column)

    @property
    def end(self) -> tuple[int, int]:
        return (self.end_line, self.end_column)

    def to_json(self) -> dict[str, object]:
        """The edit as plain data (the JSON reporter, the language server's diagnostics)."""
        return {
            "file": self.file.as_posix(),
            "start": {"line": self.start_line, "column": self.start_column},
            "end": {"line": self.end_line, "column": self.end_column},
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """What to write instead, as edits; ``title`` says it in words ("Replace 'rom' with
    'roms'"), the same words the problem's message uses."""

    title: str
    edits: tuple[TextEdit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "applicability": str(self.applicability),
            "edits": [edit.to_json() for edit in self.edits],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Fix | None:
        """The fix ``to_json`` wrote, or None for data that is not one (a client's echo)."""
        try:
            edits = []
            for raw in data["edits"]:  # type: ignore[attr-defined]
                start, end = raw["start"], raw["end"]
                edits.append(
                    TextEdit(
                        Path(str(raw["file"])),
                        int(start["line"]),
                        int(start["column"]),
                        int(end["line"]),
                        int(end["column"]),
                        str(raw["text"]),
                    )
                )
            return cls(str(data["title"]), tuple(edits), Applicability(str(data["applicability"])))
        except (KeyError, TypeError, ValueError):
            return None


class EditConflictError(ValueError):
    """Two edits overlap, or an edit lies outside its file: nothing is applied."""


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (line 1 at index 0)."""
    return [0, *(match.end() for match in _BREAK.finditer(text))]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks, as the YAML reader counts them."""
    return _BREAK.split(text)


def _line_end(text: str, starts: list[int], index: int) -> int:
    """The offset of the end of line ``index`` (0-based), before its line break."""
    if index + 1 < len(starts):
        end = starts[index + 1]
        return end - 2 if text[end - 2 : end] == "\r\n" else end - 1
    return len(text)


def offset_of(text: str, starts: list[int], line: int, column: int) -> int:
    """The offset of (``line``, ``column``) in ``text``; a column one past the end of its
    line is allowed (the place to append). Raises EditConflictError outside the text."""
    if not 1 <= line <= len(starts) or column < 1:
        raise EditConflictError(f"line {line}, column {column} is outside the file")
    offset = starts[line - 1] + column - 1
    if offset > _line_end(text, starts, line - 1):
        raise EditConflictError(f"line {line}, column {column} is past the end of its line")
    return offset


def position_of(starts: list[int], offset: int) -> tuple[int, int]:
    """The (line, column) of ``offset``, the inverse of ``offset_of``."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low + 1, offset - starts[low] + 1


def _clash(first_start: _P, first_end: _P, start: _P, end: _P) -> bool:
    """Whether two ranges, the first starting no later, cannot both be applied: they share
    text, or both insert at one place (whose text would come first is unknown)."""
    return start < first_end or first_start == first_end == start == end


def apply_to_text(text: str, edits: Iterable[TextEdit]) -> str:
    """``text`` with every edit applied (all positions refer to ``text`` as given).

    Identical edits count once. Raises EditConflictError, applying nothing, when two edits
    overlap (or insert at the same place) or one lies outside the text.
    """
    starts = line_starts(text)
    spans: list[tuple[int, int, str]] = []
    for edit in dict.fromkeys(edits):
        begin = offset_of(text, starts, edit.start_line, edit.start_column)
        end = offset_of(text, starts, edit.end_line, edit.end_column)
        if end < begin:
            raise EditConflictError(f"an edit ends before it starts (line {edit.start_line})")
        spans.append((begin, end, edit.text))
    spans.sort(key=lambda span: (span[0], span[1]))
    for (before, end, _), (begin, next_end, _) in pairwise(spans):
        if _clash(before, end, begin, next_end):
            line, column = position_of(starts, begin)
            raise EditConflictError(f"two edits overlap at line {line}, column {column}")
    pieces: list[str] = []
    cursor = 0
    for begin, end, new in spans:
        pieces.append(text[cursor:begin])
        pieces.append(new)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def apply_edits(texts: Mapping[Path, str], edits: Iterable[TextEdit]) -> dict[Path, str]:
    """The new text of every file that ``edits`` change (files not in ``texts`` are an
    error). Raises EditConflictError, changing nothing, when any two edits overlap."""
    by_file: dict[Path, list[TextEdit]] = {}
    for edit in edits:
        by_file.setdefault(edit.file, []).append(edit)
    changed: dict[Path, str] = {}
    for file, file_edits in by_file.items():
        if file not in texts:
            raise EditConflictError(f"an edit names {file.as_posix()}, which is not given")
        changed[file] = apply_to_text(texts[file], file_edits)
    return changed


def overlapping(first: Iterable[TextEdit], second: Iterable[TextEdit]) -> bool:
    """Whether any edit of ``first`` touches the range of one of ``second`` (same file):
    two fixes that cannot both be applied in one pass."""
    others = list(second)
    for a in first:
        for b in others:
            if a.file == b.file:
                x, y = (a, b) if (a.start, a.end) <= (b.start, b.end) else (b, a)
                if _clash(x.start, x.end, y.start, y.end):
                    return True
    return False
