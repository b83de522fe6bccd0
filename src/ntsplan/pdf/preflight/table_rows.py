"""No table that goes on over a page break leaves a single row on either page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ntsplan.pdf.preflight.codes import SINGLE_ROW
from ntsplan.pdf.preflight.findings import Finding
from ntsplan.pdf.weasy.pages import Box, PageLayout, boxes

CODE = SINGLE_ROW.name


@dataclass(slots=True)
class _Table:
    parts: list[tuple[int, list[Box]]] = field(default_factory=list)
    source: str | None = None


def body_rows(table: Box) -> list[Box]:
    """The body rows of a table box on one page (not its repeated header or footer)."""
    return [
        row
        for group in table.children
        if isinstance(group, boxes.TableRowGroupBox) and not (group.is_header or group.is_footer)
        for row in group.children
        if isinstance(row, boxes.TableRowBox)
    ]


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    tables: dict[int, _Table] = {}
    for page in pages:
        for placed in page.placed:
            if isinstance(placed.box, boxes.TableBox) and placed.box.element is not None:
                table = tables.setdefault(id(placed.box.element), _Table(source=placed.source))
                table.parts.append((page.number, body_rows(placed.box)))
    for table in tables.values():
        if len(table.parts) < 2 or sum(len(rows) for _, rows in table.parts) < 3:
            continue  # a table on one page, or two rows that must split: nothing to fix
        for number, rows in table.parts:
            if len(rows) == 1:
                row = rows[0]
                source = row.element.get("data-src") if row.element is not None else None
                yield Finding(
                    CODE,
                    number,
                    "a table that goes on over a page break leaves a single row on this page",
                    "this is a layout fault: report it to the ntsplan maintainers",
                    source or table.source,
                )
