"""Limits that keep a hostile or broken file from exhausting time or memory.

They are documented in the README ("Security and limits"); change both together.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1_048_576
"""A data file larger than 1 MiB is refused: hand-edited plan files are a few KiB."""

MAX_DEPTH = 64
"""Mappings and lists nested deeper than this are refused (the schema needs about 6)."""

MAX_NODES = 200_000
"""A file may expand to at most this many values, aliases counted in full (alias bombs)."""

MAX_ALIASES = 1_000
"""At most this many aliases (``*name``) in one file."""

MAX_NUMBER_CHARS = 40
"""A plain value longer than this is never read as a number: it stays text for the schema
to refuse with its limit. (Python refuses to convert integers of more than 4,300 digits, and
no field of a plan needs more than about 15.)"""
