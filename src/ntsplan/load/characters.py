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

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
"""Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, Mongolian separator."""


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
    """(0-based index, character) of the first zero-width or bidi character in ``text``."""
    for index, char in enumerate(text):
        if char in ZERO_WIDTH or BIDI_RE.match(char):
            return index, char
    return None
