"""The PDF's text layer is the text: every glyph maps to its characters, no text lies
outside the page, a matrix cell's words are its /ActualText, and every word a reader sees in
the HTML is in the PDF's text, in order, block by block. Reuses the session's build of the
shipped plan (``test_pdf.built``)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from test_pdf import BuiltPlan, built  # noqa: F401  # the session's build

pytest.importorskip("weasyprint")

if shutil.which("pdftotext") is None:
    pytest.skip("pdftotext (poppler-utils) is not installed", allow_module_level=True)

BLOCKS = frozenset(
    [
        "p",
        "li",
        "td",
        "th",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
        "figcaption",
        "div",
        "section",
        "header",
        "nav",
    ]
)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
HIDDEN_IN_PRINT = frozenset(
    {
        "screen-only",
        "document-footer",
        "skip-link",
        "side-nav",
        "visually-hidden",
        "toc-sublist-agendas",
        "scroll-hint",
        "back-to-contents",
    }
)
"""Classes print.css and document.css hide in print (display: none)."""
_TOKEN = re.compile(r"[^\W_]+")


class _VisibleBlocks(HTMLParser):
    """The words of each block of the HTML that print shows, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []
        self._stack: list[tuple[str, bool, int]] = []  # tag, hidden, block index
        self._current = -1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        hidden = (
            (bool(self._stack) and self._stack[-1][1])
            or tag in ("head", "script", "style", "svg", "title", "template")
            or bool(classes & HIDDEN_IN_PRINT)
        )
        if tag in BLOCKS and not hidden:
            self.blocks.append([])
            self._current = len(self.blocks) - 1
        self._stack.append((tag, hidden, self._current))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self._stack:
            name, _, _ = self._stack.pop()
            if name == tag:
                break
        # Text after a nested block belongs to the enclosing block again: a new piece of it.
        if self._stack and tag in BLOCKS and not self._stack[-1][1]:
            self.blocks.append([])
            self._current = len(self.blocks) - 1

    def handle_data(self, data: str) -> None:
        if self._stack and not self._stack[-1][1] and self._current >= 0:
            self.blocks[self._current].extend(tokens(data))


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("\u00ad", ""))]


def visible_blocks(html: str) -> list[list[str]]:
    parser = _VisibleBlocks()
    parser.feed(html)
    return [block for block in parser.blocks if block]


def pdf_tokens(pdf: Path) -> list[str]:
    """The PDF's words in content order (pdftotext -raw), a hyphenated word joined again."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return tokens(re.sub("\u2010\\s*\n", "", text))


def found_in_order(block: list[str], stream: list[str], where: dict[str, list[int]]) -> bool:
    """Whether the block's words occur in ``stream`` in order, close together: starting at
    an occurrence of its first word, within a few times the block's length."""
    for start in where.get(block[0], []):
        at, limit = start + 1, start + 4 * len(block) + 40
        for word in block[1:]:
            while at < min(limit, len(stream)) and stream[at] != word:
                at += 1
            if at >= min(limit, len(stream)):
                break
            at += 1
        else:
            return True
    return False


def test_every_visible_word_of_the_html_is_in_the_pdf_text_in_order(
    built: BuiltPlan,  # noqa: F811
) -> None:
    blocks = visible_blocks(built.html.read_text(encoding="utf-8"))
    stream = pdf_tokens(built.pdf)
    where: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(stream):
        where[word].append(index)
    missing = [" ".join(block) for block in blocks if not found_in_order(block, stream, where)]
    assert len(blocks) > 1000
    assert missing == [], f"{len(missing)} of {len(blocks)} blocks: {missing[:10]}"


def test_every_glyph_maps_to_text(built: BuiltPlan) -> None:  # noqa: F811
    """No ToUnicode entry maps a glyph to nothing (WeasyPrint 70 does so for a ligature
    whose cluster holds a soft hyphen): 'efficiënt' must not extract as 'e ciënt'."""
    empty = []
    with pikepdf.open(built.pdf) as pdf:
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if font.objgen in seen or "/ToUnicode" not in font:
                    continue
                seen.add(font.objgen)
                cmap = font.ToUnicode.read_bytes().decode("latin-1")
                empty += [
                    (str(font.BaseFont), glyph)
                    for glyph in re.findall(r"<([0-9a-fA-F]+)>\s*<>", cmap)
                    if int(glyph, 16) != 0
                ]
    assert empty == []
    assert "efficiënt" in pdf_tokens(built.pdf)


def test_a_soft_hyphen_inside_a_ligature_keeps_its_text(tmp_path: Path) -> None:
    """The typesetting pass puts no soft hyphen between 'f' and 'f', 'i' or 'l'."""
    from ntsplan.pdf.typeset import prepare_for_print  # noqa: PLC0415
    from ntsplan.pdf.weasy.document import render_pdf  # noqa: PLC0415
    from ntsplan.pdf.weasy.fetcher import AssetFetcher  # noqa: PLC0415 - imports WeasyPrint
    from ntsplan.plan.metadata import DocumentMetadata  # noqa: PLC0415

    words = "efficiënt coëfficiënt officiële affiniteit"
    paragraphs = "".join(f'<p style="width: {w}mm">{words}</p>' for w in (12, 20, 40))
    html = prepare_for_print(
        '<html lang="nl"><head><style>body { font: 10pt "Noto Sans"; hyphens: auto; }</style>'
        f"</head><body>{paragraphs}</body></html>"
    )
    metadata = DocumentMetadata("Test", ("ntsplan",), "nl", dt.date(2025, 5, 1))
    result = render_pdf(html, metadata=metadata, fetcher=AssetFetcher(()), base_dir=tmp_path)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(result.data)
    assert pdf_tokens(pdf).count("efficiënt") == 3
    assert pdf_tokens(pdf).count("officiële") == 3


def test_no_text_lies_outside_the_page(built: BuiltPlan) -> None:  # noqa: F811
    """Every word's box (pdftotext -bbox) lies on its page: no hidden text past the edge."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(built.pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', bbox, re.S):
        width, height = float(page.group(1)), float(page.group(2))
        for word in re.finditer(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<',
            page.group(3),
        ):
            x0, y0, x1, y1 = (float(word.group(n)) for n in range(1, 5))
            if x0 < 0 or y0 < 0 or x1 > width + 0.5 or y1 > height + 0.5:
                outside.append(word.group(5))
    assert outside == []


def test_matrix_cells_carry_their_words_as_actual_text(built: BuiltPlan) -> None:  # noqa: F811
    html = built.html.read_text(encoding="utf-8")
    marked = re.findall(r'<td class="mark[^"]*" data-actualtext="([^"]+)"', html)
    assert len(marked) > 50
    texts = []
    with pikepdf.open(built.pdf) as pdf:
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/TD" and "/ActualText" in node:
                    texts.append(str(node.ActualText))
                kids = node.get("/K")
                if isinstance(kids, pikepdf.Array):
                    stack.extend(kids)
                elif isinstance(kids, pikepdf.Dictionary):
                    stack.append(kids)
    assert sorted(texts) == sorted(marked)
