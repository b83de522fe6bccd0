"""Tables for the reports of ``status`` and ``diff``: aligned plain text and Markdown.

Pure string functions; the reporters decide what goes in the cells.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters that start Markdown or HTML syntax: escaped, so that a title written in a pull
# request cannot add a link, an image, a mention-like emphasis or HTML to a comment.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")
_BACKTICKS = re.compile(r"`+")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]) -> str:
    """Columns padded to their widest cell, two spaces apart; the columns in ``right``
    (by index) are aligned to the right, as numbers read best. No trailing spaces."""
    table = [list(header), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def md_cell(text: str) -> str:
    """Plain text safe inside a Markdown table cell: literal characters on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_code(text: str) -> str:
    """``text`` as a code span, whatever backticks it holds, safe inside a table cell.

    The text is shown as it is: a backtick in it gets a longer fence, and a pipe is
    escaped, because GitHub splits table cells at a pipe even inside code.
    """
    text = _LINE_BREAKS.sub(" ", text).replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[int]) -> str:
    """A GitHub-flavoured Markdown table. Cells are written as given: escape them with
    ``md_cell`` first, unless they hold Markdown on purpose."""
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    lines = [f"| {' | '.join(row)} |" for row in (header, rule, *rows)]
    return "\n".join(lines) + "\n"


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """'1 value chain', '2 value chains'; irregular plurals passed in."""
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def money(amount: float) -> str:
    """An amount in euros for a report in English: '€250,000', cents only when there are."""
    decimals = 0 if float(round(amount, 2)).is_integer() else 2
    sign = "-" if amount < 0 else ""
    return f"{sign}€{abs(amount):,.{decimals}f}"
