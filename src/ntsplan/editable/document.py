"""The plan as a word processor sees it: headings, paragraphs with a named style, lists,
tables and figures, each holding runs of text. Both writers (``odt``, ``docx``) read this
one tree, so the two files cannot drift apart.

Nothing here carries formatting of its own: a block names a style of the style sheet
(``styles``), a run says only what the text is (strong, emphasised, a link, a language).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with one meaning throughout."""

    text: str
    strong: bool = False
    emphasis: bool = False
    lang: str | None = None
    """The language of the text when it is not the document's."""
    href: str | None = None
    """An external address (http, https or mailto only) or ``#anchor`` inside the document."""
    line_break: bool = False
    """A line break instead of text (``text`` is empty)."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of ``level`` 1 (a chapter), 2 (a section) or 3 and below."""

    level: int
    runs: tuple[Run, ...]
    anchors: tuple[str, ...] = ()
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph in one of the style sheet's paragraph styles (``styles.PARAGRAPH``)."""

    style: str
    runs: tuple[Run, ...]
    anchors: tuple[str, ...] = ()
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell. ``number`` is the cell's value when it shows one number (an amount,
    a count), written as a number (ODF's ``office:value``) beside the text the PDF shows."""

    blocks: tuple[Block, ...]
    header: bool = False
    number: float | None = None
    currency: bool = False
    numeric: bool = False
    """Set right-aligned as figures are (the HTML's ``num`` column)."""
    span: int = 1
    nowrap: bool = False
    """Kept on one line where the PDF keeps it so (a period: 'Q3 2025 – Q1 2026')."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table with header rows (repeated on every page), body rows and total rows."""

    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    foot: tuple[tuple[Cell, ...], ...] = ()
    caption: tuple[Run, ...] = ()
    name: str = ""
    """What the table is (``budget-overview``, ``matrix``...), to name it in the file."""

    @property
    def columns(self) -> int:
        """The number of columns: the widest row, counting spans."""
        rows = (*self.head, *self.body, *self.foot)
        return max((sum(cell.span for cell in row) for row in rows), default=1)

    def widths(self, total: float, char: float = 4.9, padding: float = 8.0) -> tuple[float, ...]:
        """Each column's width in points, adding up to ``total``: every column gets at least
        the room of its longest word (of its whole text where it must not wrap, as a
        period), and what is left goes to the columns with longer texts, as a browser
        sizes an automatic table. ``char`` is the width of an average character (a bold
        one in the header rows is a seventh wider)."""
        least = [padding] * self.columns
        wants = [padding] * self.columns
        rows = [(row, char * 8 / 7) for row in self.head]
        rows += [(row, char) for row in (*self.body, *self.foot)]
        for row, per_char in rows:
            column = 0
            for cell in row:
                if cell.span == 1 and column < self.columns:
                    text = " ".join(block_text(b) for b in cell.blocks)
                    longest_word = max((len(w) for w in text.split()), default=0)
                    unbroken = len(text) if cell.nowrap else longest_word
                    indent = 18.0 if any(isinstance(b, ListBlock) for b in cell.blocks) else 0.0
                    least[column] = max(least[column], unbroken * per_char + padding + indent)
                    wants[column] = max(wants[column], min(len(text), 400) * per_char + padding)
                column += cell.span
        if sum(least) >= total:
            return tuple(w * total / sum(least) for w in least)
        spare = total - sum(least)
        extra = [w - m for w, m in zip(wants, least, strict=True)]
        if sum(extra) <= 0:
            return tuple(m + spare / self.columns for m in least)
        share = min(1.0, spare / sum(extra))
        widths = [m + e * share for m, e in zip(least, extra, strict=True)]
        rest = (total - sum(widths)) / self.columns
        return tuple(w + rest for w in widths)


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart as an SVG image, with its text alternative and a caption under it."""

    svg: str
    width: float
    height: float
    """The size in points (1/72 inch), from the SVG's own width and height."""
    alt: str
    caption: tuple[Run, ...] = ()
    anchors: tuple[str, ...] = ()
    png: bytes = b""
    """A raster copy for readers that show no SVG (older Word); empty when none was made."""


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: a field the word processor fills from the headings,
    delivered filled with ``entries`` (number and title per chapter, level 1 or 2)."""

    title: str
    entries: tuple[tuple[int, str], ...] = ()


Block = Heading | Paragraph | ListBlock | Table | Figure | Contents


def block_text(block: Block) -> str:
    """A block's words, as plain text (for measuring, and for a place that can hold only
    text)."""
    if isinstance(block, (Paragraph, Heading)):
        return "".join(r.text for r in block.runs)
    if isinstance(block, ListBlock):
        return "; ".join(block_text(b) for item in block.items for b in item)
    if isinstance(block, Table):
        rows = (*block.head, *block.body, *block.foot)
        return "; ".join(" ".join(block_text(b) for c in row for b in c.blocks) for row in rows)
    if isinstance(block, Figure):
        return block.alt
    return block.title


@dataclass(frozen=True, slots=True)
class Properties:
    """The document's properties (File > Properties), all from plan.yaml."""

    title: str
    subject: str
    authors: tuple[str, ...]
    language: str
    date: str
    """The edition date, ISO 8601 (``2025-07-01``): created and modified alike."""
    generator: str
    keywords: tuple[str, ...] = ()
    custom: tuple[tuple[str, str], ...] = ()
    """Further named properties: edition, status, reference."""


@dataclass(frozen=True, slots=True)
class PageFurniture:
    """What the running header and footer show: the title, for an edition that is not
    final its status, and the words around the page number ('pagina 3 van 40')."""

    title: str
    status: str | None
    page_word: str
    of_word: str


@dataclass(frozen=True, slots=True)
class EditableDocument:
    """One editable edition: its blocks, properties and page furniture."""

    blocks: tuple[Block, ...]
    properties: Properties
    furniture: PageFurniture
    anchors: frozenset[str] = field(default_factory=frozenset)
    """Every anchor a block carries, so that writers link only to places that exist."""


def tidy_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs without the white space at either end, without empty runs, and with runs of
    the same kind next to each other joined (their spaces collapsed, as HTML shows them)."""
    items = list(runs)
    while items and not items[0].line_break and not items[0].text.strip():
        items.pop(0)
    while items and not items[-1].line_break and not items[-1].text.strip():
        items.pop()
    if not items:
        return ()
    if not items[0].line_break:
        first = items[0]
        items[0] = Run(first.text.lstrip(), first.strong, first.emphasis, first.lang, first.href)
    if not items[-1].line_break:
        last = items[-1]
        items[-1] = Run(last.text.rstrip(), last.strong, last.emphasis, last.lang, last.href)
    merged: list[Run] = []
    for run in items:
        if merged and same_kind(merged[-1], run):
            previous = merged[-1]
            text = previous.text + run.text
            if previous.text.endswith(" ") and run.text.startswith(" "):
                text = previous.text + run.text[1:]
            merged[-1] = Run(text, run.strong, run.emphasis, run.lang, run.href)
        else:
            merged.append(run)
    return tuple(merged)


def same_kind(a: Run, b: Run) -> bool:
    return (
        not a.line_break
        and not b.line_break
        and (a.strong, a.emphasis, a.lang, a.href) == (b.strong, b.emphasis, b.lang, b.href)
    )


def kicker_below_heading(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A chapter's kicker ('Waardeketen') under its heading instead of above it: the
    chapter's page break belongs to the heading (the style Heading 1), so a kicker above it
    would be left at the foot of the page before. The chapter's anchors go to the heading."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            isinstance(block, Heading)
            and block.level == 1
            and isinstance(previous, Paragraph)
            and previous.style == "Kicker"
        ):
            out[-1] = Heading(
                block.level, block.runs, (*previous.anchors, *block.anchors), block.lang
            )
            out.append(Paragraph(previous.style, previous.runs, (), previous.lang))
        else:
            out.append(block)
    return tuple(out)
