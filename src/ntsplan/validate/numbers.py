"""Numbers as people write them ("€ 200.000", "1,5 mln", "2 ton") read as plain numbers.

A plan's numbers are plain: ``250000``, ``1.5``. When an editor writes one the way a letter
would, the message must say exactly which number to write, or why no reading is safe. The
conventions are Dutch (the plan's editors are): a point groups thousands, a comma is the
decimal sign; "ton" is a hundred thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MULTIPLIERS = {
    "k": 1_000,
    "duizend": 1_000,
    "dzd": 1_000,
    "ton": 100_000,
    "m": 1_000_000,
    "mln": 1_000_000,
    "mio": 1_000_000,
    "miljoen": 1_000_000,
    "million": 1_000_000,
    "mld": 1_000_000_000,
    "mrd": 1_000_000_000,
    "miljard": 1_000_000_000,
    "billion": 1_000_000_000,
}
_MULTIPLIER_NAMES = {
    1_000: "a thousand",
    100_000: "a hundred thousand ('ton')",
    1_000_000: "a million",
    1_000_000_000: "a thousand million (miljard)",
}
_CURRENCY_RE = re.compile(r"^(?:€|eur(?:o|os)?\b)\s*|\s*(?:€|eur(?:o|os)?|,-|,--)$", re.IGNORECASE)
_WRITTEN_RE = re.compile(
    r"^(?P<sign>[-+]?)\s*(?P<number>\d[\d.,' _\u00a0]*?)\s*(?P<unit>[a-z]+)?\.?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Reading:
    """A number found in a text, or the reason there is no safe reading."""

    value: float | None
    why: str = ""
    """How the text was read ("1,5 mln is 1.5 × a million"), or why it cannot be."""


def plain(value: float) -> str:
    """A number as it should be written in a data file: 1500000, 1.5."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(value)


def _digits(number: str) -> tuple[float | None, str]:
    """The value of '200.000', '1,5', '1.500.000,50', '1,500,000' or '200 000'."""
    compact = re.sub(r"[' _\u00a0]", "", number)
    dots, commas = compact.count("."), compact.count(",")
    groups = r"\d{1,3}(?:[.,]\d{3})+"
    if dots and commas:
        decimal = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = compact.rpartition(decimal)
        if not re.fullmatch(groups.replace("[.,]", re.escape(thousands)), whole) and not (
            whole.isdigit()
        ):
            return None, f"'{number}' mixes points and commas in a way that has no clear reading"
        return float(whole.replace(thousands, "") + "." + fraction), ""
    if dots > 1 or commas > 1:
        if not re.fullmatch(groups, compact):
            return None, f"the separators in '{number}' do not group thousands"
        return float(compact.replace(".", "").replace(",", "")), ""
    if commas == 1:
        whole, fraction = compact.split(",")
        if len(fraction) == 3 and whole != "0":
            return None, (
                f"'{number}' can be read two ways: {whole}{fraction} (the comma grouping "
                f"thousands) or {plain(float(whole + '.' + fraction))} (the comma as decimal "
                "sign)"
            )
        return float(f"{whole}.{fraction}"), ""
    if dots == 1:
        whole, fraction = compact.split(".")
        if len(fraction) == 3 and whole != "0":
            return float(whole + fraction), ""  # Dutch: '200.000' is two hundred thousand
        return float(compact), ""
    return float(compact), ""


def read_written_number(text: str) -> Reading | None:
    """The number meant by ``text``, when it is one written as people write numbers;
    None when the text does not look like a number at all."""
    stripped = _CURRENCY_RE.sub("", text.strip()).strip()
    if stripped.endswith("%"):
        number = stripped[:-1].strip()
        value, _ = _digits(number) if re.fullmatch(r"\d[\d.,]*", number) else (None, "")
        if value is None:
            return None
        return Reading(None, "it is a percentage, and ntsplan cannot tell of what")
    match = _WRITTEN_RE.match(stripped)
    if not match:
        return None
    unit = (match["unit"] or "").lower()
    if unit and unit not in _MULTIPLIERS:
        return None
    value, why = _digits(match["number"].strip())
    if value is None:
        return Reading(None, why)
    sign = -1 if match["sign"] == "-" else 1
    if unit:
        factor = _MULTIPLIERS[unit]
        result = round(sign * value * factor, 6)
        return Reading(result, f"{match['number'].strip()} × {_MULTIPLIER_NAMES[factor]}")
    return Reading(sign * value)
