"""word/document.xml: the text in the house style's named styles, gathering the
relationships (links, pictures) and bookmarks it needs as it is written."""

from __future__ import annotations

from ntsplan.editable.document import (
    Block,
    Cell,
    Contents,
    EditableDocument,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    block_text,
)
from ntsplan.editable.docx.drawing import inline_picture
from ntsplan.editable.docx.markup import (
    BULLETS,
    DOC_NS,
    HEAD,
    TABLE_STYLE,
    TWIPS_PER_MM,
    bookmark_names,
    text_run,
    text_width_twips,
)
from ntsplan.editable.languages import language_tag
from ntsplan.editable.styles import Style, StyleSheet


class BodyWriter:
    """Writes document.xml, gathering relationships (links, pictures) and bookmarks."""

    def __init__(self, document: EditableDocument, styles: StyleSheet) -> None:
        self.document = document
        self.styles = styles
        self.relationships: list[tuple[str, str, str, bool]] = [
            ("rIdStyles", "styles", "styles.xml", False),
            ("rIdNumbering", "numbering", "numbering.xml", False),
            ("rIdSettings", "settings", "settings.xml", False),
            ("rIdHeader", "header", "header1.xml", False),
            ("rIdFooter", "footer", "footer1.xml", False),
        ]
        self.links: dict[str, str] = {}
        self.media: list[tuple[str, str, bytes]] = []
        self.bookmark_names = bookmark_names(document)
        self.bookmark_id = 0
        self.drawing_id = 0
        self.numbered_lists = 0

    def document_xml(self) -> str:
        body = "".join(self.block(block) for block in self.document.blocks)
        page = self.styles.page
        top, right, bottom, left = (round(m * TWIPS_PER_MM) for m in page.margins)
        section = (
            "<w:sectPr>"
            '<w:headerReference w:type="default" r:id="rIdHeader"/>'
            '<w:footerReference w:type="default" r:id="rIdFooter"/>'
            f'<w:pgSz w:w="{round(page.width * TWIPS_PER_MM)}"'
            f' w:h="{round(page.height * TWIPS_PER_MM)}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}"'
            f' w:header="{round(top * 0.45)}" w:footer="{round(bottom * 0.45)}" w:gutter="0"/>'
            "</w:sectPr>"
        )
        return f"{HEAD}<w:document {DOC_NS}><w:body>{body}{section}</w:body></w:document>"

    # Blocks ---------------------------------------------------------------------------

    def block(self, block: Block, *, numbering: tuple[int, int] | None = None) -> str:
        if isinstance(block, Heading):
            style = self.styles.heading(block.level)
            return self.paragraph(style, block.runs, block.anchors, block.lang)
        if isinstance(block, Paragraph):
            style = self.styles.paragraph[block.style]
            return self.paragraph(style, block.runs, block.anchors, block.lang, numbering=numbering)
        if isinstance(block, ListBlock):
            return self.bullets(block, 0)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        return self.contents(block)

    def paragraph(
        self,
        style: Style,
        runs: tuple[Run, ...],
        anchors: tuple[str, ...] = (),
        lang: str | None = None,
        *,
        numbering: tuple[int, int] | None = None,
        extra_ppr: str = "",
    ) -> str:
        ppr = f'<w:pStyle w:val="{style.docx_id}"/>'
        if numbering is not None:
            number, level = numbering
            ppr += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{number}"/></w:numPr>'
        ppr += extra_ppr
        if lang:
            ppr += f'<w:rPr><w:lang w:val="{language_tag(lang)}"/></w:rPr>'
        marks = self._bookmarks(anchors)
        return f"<w:p><w:pPr>{ppr}</w:pPr>{marks}{self.runs(runs, lang)}</w:p>"

    def bullets(self, block: ListBlock, level: int, number: int | None = None) -> str:
        if number is None:
            if block.ordered:
                self.numbered_lists += 1
                number = BULLETS + self.numbered_lists
            else:
                number = BULLETS
        out = []
        for item in block.items:
            first = True
            for inner in item:
                if isinstance(inner, ListBlock):
                    nested = None if inner.ordered != block.ordered else number
                    out.append(self.bullets(inner, min(level + 1, 2), nested))
                    continue
                if isinstance(inner, (Paragraph, Heading)):
                    style = self.styles.paragraph["List Paragraph"]
                    if first:
                        out.append(
                            self.paragraph(
                                style,
                                inner.runs,
                                inner.anchors,
                                inner.lang,
                                numbering=(number, level),
                            )
                        )
                    else:  # a second paragraph of the item: indented, without a bullet
                        indent = round((level + 1) * 6 * TWIPS_PER_MM)
                        out.append(
                            self.paragraph(
                                style,
                                inner.runs,
                                inner.anchors,
                                inner.lang,
                                extra_ppr=f'<w:ind w:left="{indent}"/>',
                            )
                        )
                else:
                    out.append(self.block(inner))
                first = False
        return "".join(out)

    def table(self, table: Table) -> str:
        width = text_width_twips(self.styles)
        grid = [round(points * 20) for points in table.widths(width / 20)]
        caption = ""
        if table.caption:
            caption = self.paragraph(
                self.styles.paragraph["Caption"], table.caption, extra_ppr="<w:keepNext/>"
            )
        look = (
            f'<w:tblLook w:val="0000" w:firstRow="{int(bool(table.head))}"'
            f' w:lastRow="{int(bool(table.foot))}" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="1" w:noVBand="1"/>'
        )
        rows = [self.row(row, grid, head=True) for row in table.head]
        rows += [self.row(row, grid) for row in table.body]
        rows += [self.row(row, grid) for row in table.foot]
        grid_xml = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
        return (
            f'{caption}<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/>'
            f'<w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>{look}'
            f"</w:tblPr><w:tblGrid>{grid_xml}</w:tblGrid>{''.join(rows)}</w:tbl>"
            # Word needs a paragraph between two tables, and after the last one in a cell.
            f'<w:p><w:pPr><w:pStyle w:val="{self.styles.paragraph["Table Contents"].docx_id}"/>'
            '<w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
        )

    def row(self, row: tuple[Cell, ...], grid: list[int], *, head: bool = False) -> str:
        cells = []
        column = 0
        for cell in row:
            span = min(cell.span, max(len(grid) - column, 1))
            width = sum(grid[column : column + span])
            tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if span > 1:
                tcpr += f'<w:gridSpan w:val="{span}"/>'
            inner = "".join(self._cell_block(b) for b in cell.blocks) or (
                f'<w:p><w:pPr><w:pStyle w:val="{self.styles.paragraph["Table Contents"].docx_id}"/>'
                "</w:pPr></w:p>"
            )
            cells.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>")
            column += span
        for index in range(column, len(grid)):
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{grid[index]}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
            )
        trpr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if head
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"

    def _cell_block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self.paragraph(
                self.styles.paragraph["Table Heading"], block.runs, block.anchors, block.lang
            )
        if isinstance(block, (Table, Contents)):
            return self.paragraph(
                self.styles.paragraph["Table Contents"], (Run(block_text(block)),)
            )
        return self.block(block)

    def figure(self, figure: Figure) -> str:
        number = len([m for m in self.media if m[1] == "image/svg+xml"]) + 1
        svg_name = f"media/chart-{number}.svg"
        svg_id = f"rIdChart{number}"
        self.media.append((f"word/{svg_name}", "image/svg+xml", figure.svg.encode("utf-8")))
        self.relationships.append((svg_id, "image", svg_name, False))
        png_id = None
        if figure.png:
            png_name = f"media/chart-{number}.png"
            png_id = f"rIdChartPng{number}"
            self.media.append((f"word/{png_name}", "image/png", figure.png))
            self.relationships.append((png_id, "image", png_name, False))
        limit = text_width_twips(self.styles) / 20  # points
        width, height = figure.width, figure.height
        if width > limit:
            width, height = limit, height * limit / width
        self.drawing_id += 1
        drawing = inline_picture(
            self.drawing_id,
            f"Chart {number}",
            figure.alt,
            (width, height),
            svg_id=svg_id,
            png_id=png_id,
        )
        style = self.styles.paragraph["Figure"].docx_id
        paragraph = (
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f"{self._bookmarks(figure.anchors)}{drawing}</w:p>"
        )
        caption = (
            self.paragraph(self.styles.paragraph["Caption"], figure.caption)
            if figure.caption
            else ""
        )
        return paragraph + caption

    def contents(self, block: Contents) -> str:
        heading = self.styles.paragraph["Contents Heading"].docx_id
        title = f'<w:p><w:pPr><w:pStyle w:val="{heading}"/></w:pPr>{text_run(block.title)}</w:p>'
        entries = list(block.entries) or [(1, "")]
        lines = []
        for index, (level, text) in enumerate(entries):
            style = self.styles.paragraph[f"Contents {min(level, 2)}"].docx_id
            start = (
                '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>'
                '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                if index == 0
                else ""
            )
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if index == len(entries) - 1 else ""
            lines.append(
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{start}'
                f"{text_run(text)}<w:r><w:tab/></w:r>{end}</w:p>"
            )
        return (
            '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
            f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{title}{''.join(lines)}"
            "</w:sdtContent></w:sdt>"
        )

    # Runs -----------------------------------------------------------------------------

    def runs(self, runs: tuple[Run, ...], paragraph_lang: str | None) -> str:
        out: list[str] = []
        index = 0
        while index < len(runs):
            run = runs[index]
            target = self._link_target(run.href)
            if target is None:
                out.append(self._run(run, paragraph_lang))
                index += 1
                continue
            group = []
            while index < len(runs) and runs[index].href == run.href:
                group.append(self._run(runs[index], paragraph_lang, link=True))
                index += 1
            out.append(f'<w:hyperlink {target} w:history="1">{"".join(group)}</w:hyperlink>')
        return "".join(out)

    def _run(self, run: Run, paragraph_lang: str | None, *, link: bool = False) -> str:
        rpr = ""
        if link:
            rpr += f'<w:rStyle w:val="{self.styles.character["Link"].docx_id}"/>'
        elif run.strong != run.emphasis:
            key = "Strong" if run.strong else "Emphasis"
            rpr += f'<w:rStyle w:val="{self.styles.character[key].docx_id}"/>'
        if run.strong and (link or run.emphasis):
            rpr += "<w:b/>"
        if run.emphasis and (link or run.strong):
            rpr += "<w:i/>"
        lang = run.lang or paragraph_lang
        if lang:
            rpr += f'<w:lang w:val="{language_tag(lang)}"/>'
        rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
        if run.line_break:
            return f"<w:r>{rpr_xml}<w:br/></w:r>"
        return text_run(run.text, rpr_xml)

    def _link_target(self, href: str | None) -> str | None:
        if href is None:
            return None
        if href.startswith("#"):
            name = self.bookmark_names.get(href[1:])
            return f'w:anchor="{name}"' if name else None
        rel = self.links.get(href)
        if rel is None:
            rel = f"rIdLink{len(self.links) + 1}"
            self.links[href] = rel
            self.relationships.append((rel, "hyperlink", href, True))
        return f'r:id="{rel}"'

    def _bookmarks(self, anchors: tuple[str, ...]) -> str:
        out = []
        for anchor in anchors:
            name = self.bookmark_names[anchor]
            self.bookmark_id += 1
            out.append(
                f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{name}"/>'
                f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>'
            )
        return "".join(out)
