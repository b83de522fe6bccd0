"""Dates and quarters as people write them ("1 mei 2025", "01-05-2025", "Q4 2025").

The plan writes dates as YYYY-MM-DD and quarters as 2025-Q4. An editor who writes a date
the way a letter would gets the one to write instead; only readings without doubt count:
day-month-year (the Dutch order), a month's name in Dutch or English, a quarter with its
year on either side.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_NAMED = re.compile(r"^(\d{1,2})\.?\s+([a-z]+)\.?\s+(\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_QUARTER = re.compile(r"^(?:q([1-4])[\s-]*(\d{4})|(\d{4})[\s-]*q([1-4])|(\d{4})-([1-4]))$")


def read_written_date(text: str) -> str | None:
    """The YYYY-MM-DD meant by ``text``, or None when there is no reading without doubt."""
    written = " ".join(text.strip().lower().split())
    day = month = year = None
    if match := _NAMED.match(written):
        day, month, year = int(match[1]), _MONTHS.get(match[2]), int(match[3])
    elif match := _NUMERIC.match(written):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _SLASHED.match(written):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    if day is None or month is None or year is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def read_written_quarter(text: str) -> str | None:
    """The 2025-Q4 meant by ``text`` ('Q4 2025', '2025 Q4', '2025-4'), or None."""
    match = _QUARTER.match(" ".join(text.strip().lower().split()))
    if match is None:
        return None
    quarter = match[1] or match[4] or match[6]
    year = match[2] or match[3] or match[5]
    return f"{year}-Q{quarter}"
