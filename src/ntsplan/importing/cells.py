"""What a returned cell means: a number, a year, a quarter, a text or one of a list of
choices, or the reason it is none of these (``CellError``, with what to write instead).

Nothing is guessed: a number typed as text ('250.000', '1.250.000,00') is refused, since a
dot may separate thousands (Dutch) or decimals (English); a formula is refused, never
evaluated; a text that starts with '=' is refused (a spreadsheet would take it for one).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from ntsplan.importing.workbook import ReadCell

_DUTCH = re.compile(r"^€?\s*-?\d{1,3}(\.\d{3})+(,\d+)?$|^€?\s*-?\d+,\d+$")
_ENGLISH = re.compile(r"^€?\s*-?\d{1,3}(,\d{3})+(\.\d+)?$")
_DIGITS = re.compile(r"^-?\d+(\.\d+)?$")
_QUARTER = re.compile(r"^[Qq]?\s*([1-4])$")


class CellError(Exception):
    """A cell that cannot be imported: the problem code and what to write instead."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _shown(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)


def check_not_formula(cell: ReadCell) -> None:
    """Refuse a formula, and text that a spreadsheet would take for one."""
    if cell.formula:
        raise CellError(
            "cell-formula",
            f"the cell holds the formula {cell.value}, which is never evaluated; replace it "
            "by its value (Paste Special > Values only)",
        )
    if isinstance(cell.value, str) and cell.value.lstrip().startswith("="):
        raise CellError(
            "cell-formula",
            f"the text {_shown(cell.value)} starts with '=', as a formula does; write it "
            "without the '='",
        )


def _plain(number: str) -> str:
    value = float(number)
    return str(int(value)) if value.is_integer() else repr(value)


def number(cell: ReadCell, what: str, *, minimum: float | None = None) -> float | None:
    """A number cell's value (None when empty)."""
    check_not_formula(cell)
    value = cell.value
    if cell.empty:
        return None
    if isinstance(value, bool):
        raise CellError("cell-not-number", f"{what} is TRUE or FALSE here; type a number")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise CellError("cell-bad-number", f"{what} is not a finite number; type one")
        if minimum is not None and value < minimum:
            raise CellError(
                "cell-bad-number", f"{what} is {value:g}; it cannot be below {minimum:g}"
            )
        return float(value)
    text = str(value).strip()
    bare = text.replace("\u00a0", "").replace(" ", "")
    if _DUTCH.match(bare):
        meant = bare.lstrip("€").replace(".", "").replace(",", ".")
        raise CellError(
            "cell-not-number",
            f"{what} is the text {_shown(text)} in Dutch number format; type the number "
            f"{_plain(meant)} (no thousands separators, a decimal point) in a number cell",
        )
    if _ENGLISH.match(bare):
        meant = bare.lstrip("€").replace(",", "")
        raise CellError(
            "cell-not-number",
            f"{what} is the text {_shown(text)}; type the number {_plain(meant)} (without "
            "thousands separators) in a number cell",
        )
    if _DIGITS.match(bare):
        raise CellError(
            "cell-not-number",
            f"{what} is the text {_shown(text)}, not a number; format the cell as a number "
            f"and type {_plain(bare)}",
        )
    raise CellError(
        "cell-not-number",
        f"{what} is the text {_shown(text)}; type a number such as 250000, or clear the "
        "cell's change",
    )


def year(cell: ReadCell, what: str) -> int | None:
    """A year from 2000 to 2100 (a number, or text of four digits), or None when empty."""
    check_not_formula(cell)
    value = cell.value
    if cell.empty:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CellError("cell-bad-period", f"{what} is {_shown(value)}; write a year such as 2026")
    if not float(value).is_integer() or not 2000 <= value <= 2100:
        raise CellError(
            "cell-bad-period", f"{what} is {value:g}; write a whole year from 2000 to 2100"
        )
    return int(value)


def quarter(cell: ReadCell, what: str) -> int | None:
    """A quarter 1 to 4 (a number, or 'Q3'), or None when empty (the whole year)."""
    check_not_formula(cell)
    value = cell.value
    if cell.empty:
        return None
    if isinstance(value, str):
        match = _QUARTER.match(value.strip())
        if match:
            return int(match.group(1))
    elif (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and float(value).is_integer()
        and 1 <= value <= 4
    ):
        return int(value)
    raise CellError(
        "cell-bad-period",
        f"{what} is {_shown(value)}; write a quarter 1 to 4 (or Q1 to Q4), or leave it empty "
        "for the whole year",
    )


def text(cell: ReadCell) -> str | None:
    """A text cell's value, stripped (None when empty); a number typed there is its text."""
    check_not_formula(cell)
    if cell.empty:
        return None
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def choice(cell: ReadCell, what: str, choices: Mapping[str, str], shown: list[str]) -> str | None:
    """One of ``choices`` (a word, folded to lower case, to its YAML value), or None when
    empty; ``shown`` are the words the message offers."""
    check_not_formula(cell)
    if cell.empty:
        return None
    word = str(cell.value).strip().casefold()
    if word in choices:
        return choices[word]
    listed = ", ".join(shown)
    raise CellError(
        "cell-unknown-choice",
        f"{what} {_shown(cell.value)} is not one of the choices; write one of: {listed}",
    )
