"""Dates, money, numbers and periods written the way a Dutch or English reader expects.

Pure functions; month names and patterns come from the label catalogue, so the templates
never spell them out.
"""

from __future__ import annotations

import datetime as dt

from ntsplan.plan.labels import Labels
from ntsplan.schema import Quarter


def format_date(date: dt.date, labels: Labels) -> str:
    """'1 juli 2025' or '1 July 2025'."""
    month = labels.months[date.month - 1]
    return labels.text("format.date").format(day=date.day, month=month, year=date.year)


def _grouped(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"  # English grouping: 1,250,000.50
    if language == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_number(value: float, language: str) -> str:
    """A number with grouping, and decimals only where it has them ('1.250' / '1,250')."""
    if float(value).is_integer():
        return _grouped(value, 0, language)
    return _grouped(value, 2, language).rstrip("0")


def format_money(amount: float, language: str) -> str:
    """An amount in euros: '€ 1.250.000' (Dutch) or '€1,250,000' (English); cents only
    when there are cents."""
    decimals = 0 if float(round(amount, 2)).is_integer() else 2
    number = _grouped(amount, decimals, language)
    return f"€ {number}" if language == "nl" else f"€{number}"


def spread_note(labels: Labels, unit: int, *, rest: bool = False) -> str:
    """The note under figures per year: spread evenly over quarters, rounded to ``unit``
    euros so that the years add up (``ntsplan.plan.rollup.spread_by_year``); with ``rest``
    (some amount is not a whole number of units) also where the part below a unit goes."""
    whole = unit == 1
    rounding = (
        labels.text("budget.rounding_whole") if whole else format_money(unit, labels.language)
    )
    note = labels.text("budget.year_note").format(rounding=rounding)
    if rest and not whole:
        note += " " + labels.text("budget.year_rest").format(unit=rounding)
    return note


def format_quarter(value: Quarter, labels: Labels) -> str:
    """'Q3 2025' for a quarter, '2026' for a whole year."""
    if value.quarter is None:
        return str(value.year)
    return labels.text("format.quarter").format(quarter=value.quarter, year=value.year)


def format_period(start: Quarter, end: Quarter, labels: Labels) -> str:
    """'Q3 2025 – Q1 2026', or a single value when the period starts and ends alike."""
    if start == end:
        return format_quarter(start, labels)
    return f"{format_quarter(start, labels)} – {format_quarter(end, labels)}"
