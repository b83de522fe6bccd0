"""No text lies outside the page: text that nobody sees (visually hidden, placed past the
page's edge) would still be copied, searched and read aloud from there. Text that starts on
the page and runs past its edge is the overflow check's."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ntsplan.pdf.preflight.codes import OFF_PAGE
from ntsplan.pdf.preflight.findings import Finding, quoted
from ntsplan.pdf.weasy.pages import TOLERANCE, PageLayout, all_texts, boxes, left_of, right_of


def check(pages: Sequence[PageLayout]) -> Iterator[Finding]:
    for page in pages:
        for placed in page.placed:
            if not isinstance(placed.box, boxes.LineBox):
                continue
            outside = [
                text
                for text in all_texts(placed.box)
                if text.text.strip()
                and (left_of(text) >= page.width - TOLERANCE or right_of(text) <= TOLERANCE)
            ]
            if outside:
                yield Finding(
                    OFF_PAGE.name,
                    page.number,
                    f"the text {quoted(outside[0].text)} lies outside the page",
                    "this is a layout fault: report it to the ntsplan maintainers",
                    placed.source,
                )
                break  # one finding per page
