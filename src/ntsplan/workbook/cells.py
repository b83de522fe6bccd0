"""What a workbook cell holds, and the rules that keep untrusted text inert.

Text from the data (pull requests) is never a formula: a cell is written as a string, and a
string that a spreadsheet would read as a formula once someone edits it (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) also gets Excel's quote prefix, the
hidden apostrophe that keeps it text. Hyperlinks are made only for http, https and mailto.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from urllib.parse import urlsplit

# OWASP's list for CSV/formula injection, plus the full-width forms some spreadsheets fold.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_TEXT = 32_767  # Excel's limit for the text of one cell, in UTF-16 code units
MAX_URL = 2_079  # Excel's limit for a hyperlink


class Kind(enum.StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    WRAPPED = "wrapped"  # text on several lines
    MONEY = "money"  # euros
    NUMBER = "number"
    INTEGER = "integer"
    YEAR = "year"  # 2026, without a thousands separator
    QUARTER = "quarter"  # 1 to 4, shown as Q1 to Q4
    PERCENT = "percent"  # a fraction, shown as 56%
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; written as plain text when its address is not http, https or mailto."""

    url: str
    text: str


NOT_BUDGETED = "–"
"""What the document prints where no budgeted activity makes up a figure; the workbook's
formulas give the same text there, so "not budgeted" never reads as € 0."""


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula and its result as ntsplan computes it (stored for readers that do not
    recalculate; Excel and LibreOffice recalculate it from the cells it refers to)."""

    formula: str
    value: float | None
    """None when the result is "–": no budgeted activity makes it up (a Budgets sheet
    figure, an unbudgeted activity's years)."""


Cell = str | int | float | Link | Formula | None


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula when it is typed or edited."""
    return text.startswith(FORMULA_STARTS)


def clip(text: str) -> str:
    """``text`` within Excel's limit for one cell (counted in UTF-16 code units)."""
    if len(text.encode("utf-16-le")) // 2 <= MAX_TEXT:
        return text
    clipped = text.encode("utf-16-le")[: (MAX_TEXT - 1) * 2].decode("utf-16-le", "ignore")
    return clipped + "…"


def safe_url(url: str) -> str | None:
    """``url`` when it may become a hyperlink (http, https or mailto, no spaces or control
    characters, within Excel's length limit); None when it must stay text."""
    if len(url) > MAX_URL or any(ch.isspace() or ord(ch) < 32 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


@functools.cache
def column_letter(index: int) -> str:
    """'A' for column 0, 'Z' for 25, 'AA' for 26."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def quote_sheet(name: str) -> str:
    """A sheet name as formulas refer to it: in single quotes, quotes doubled."""
    return "'" + name.replace("'", "''") + "'"


def text_literal(text: str) -> str:
    """A string literal for a formula: in double quotes, quotes doubled."""
    return '"' + text.replace('"', '""') + '"'
