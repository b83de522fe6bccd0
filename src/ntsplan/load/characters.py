"""Characters that change what a reader sees without being visible themselves.

Unicode's bidirectional controls (the "Trojan Source" class, CVE-2021-42574) reorder how a
line is displayed, so that a reviewer reads something other than what ntsplan reads. They
have no place in a plan and are errors wherever they stand. Zero-width characters are
legitimate inside prose (joiners in some scripts and emoji), but they make an id or a key
look right while it is not: ``invisible_in`` names them for the messages about those.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ntsplan.problems import Problem

BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the marks."""

INVISIBLE_RE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u180e\u2000-\u200f\u202a-\u202f\u205f-\u206f"
    "\u3000\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0001-\U000e007f]"
)
"""Every character that is invisible or looks like a plain space: format characters (Unicode
category Cf, zero-width and bidi), spaces other than U+0020, the combining grapheme joiner
and the Hangul fillers that render as blanks. The one list: ``invisible_in`` and the
loader's check (``load/invisible.py``) both read it."""

LOOKALIKE_SPACES = frozenset("\u00a0\u1680\u202f\u205f\u3000") | frozenset(
    map(chr, range(0x2000, 0x200B))
)
"""The spaces among them, which look like U+0020 but are not: no-break, narrow, en, em, thin,
ideographic..."""


def char_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def bidi_message(char: str) -> str:
    """What the problem at a bidirectional control says."""
    return (
        f"an invisible {char_name(char)} stands here; it changes how the line is shown, so "
        "readers may see other text than ntsplan reads — delete it (in VS Code it shows as "
        "a highlighted box)"
    )


def bidi_problems(file: Path, text: str) -> list[Problem]:
    """An error at each bidirectional control character in ``text``."""
    if BIDI_RE.search(text) is None:  # the common case: one scan, nothing found
        return []
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in BIDI_RE.finditer(line):
            problems.append(
                Problem(
                    file,
                    number,
                    match.start() + 1,
                    "invisible-character",
                    bidi_message(match.group()),
                )
            )
    return problems


def invisible_in(text: str) -> tuple[int, str] | None:
    """(0-based index, character) of the first invisible character in ``text`` (one of
    ``INVISIBLE_RE`` that is not a look-alike space)."""
    for match in INVISIBLE_RE.finditer(text):
        if match.group() not in LOOKALIKE_SPACES:
            return match.start(), match.group()
    return None
