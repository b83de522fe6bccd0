"""content.xml: the document's text, in the named styles of styles.xml, with the
automatic styles and pictures it needs gathered as it is written."""

from __future__ import annotations

from ntsplan.editable import xml
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
from ntsplan.editable.odt.markup import (
    BORDER,
    HEAD,
    HEAD_FILL,
    XMLNS,
    bookmarks,
    fit,
    lang_attributes,
    lang_properties,
    number_value,
    spaced,
)
from ntsplan.editable.odt.styles import font_faces
from ntsplan.editable.styles import Style, StyleSheet, odt_name


class ContentWriter:
    """Writes content.xml, gathering the automatic styles and pictures it needs."""

    def __init__(self, document: EditableDocument, styles: StyleSheet) -> None:
        self.document = document
        self.styles = styles
        self.auto: dict[tuple[str, ...], str] = {}
        self.auto_xml: list[str] = []
        self.pictures: list[tuple[str, str, bytes]] = []
        self.tables = 0

    def content(self) -> str:
        text = "".join(self.block(block) for block in self.document.blocks)
        cells = (
            '<style:style style:name="Cell" style:family="table-cell">'
            f'<style:table-cell-properties fo:padding="1mm" fo:border-bottom="{BORDER}"/>'
            "</style:style>"
            '<style:style style:name="CellHead" style:family="table-cell">'
            f'<style:table-cell-properties fo:padding="1mm" fo:background-color="{HEAD_FILL}"'
            f' fo:border-bottom="{BORDER}"/></style:style>'
            '<style:style style:name="CellFoot" style:family="table-cell">'
            '<style:table-cell-properties fo:padding="1mm" fo:border-top="0.75pt solid #1f2d3d"'
            f' fo:border-bottom="{BORDER}"/></style:style>'
            '<style:style style:name="Tbl" style:family="table"><style:table-properties'
            f' style:width="{self._text_width():.1f}mm" table:align="margins"'
            ' fo:margin-top="1mm" fo:margin-bottom="3mm"/></style:style>'
            '<style:style style:name="Sect" style:family="section">'
            '<style:section-properties style:editable="false"/></style:style>'
            '<style:style style:name="Chart" style:family="graphic"'
            ' style:parent-style-name="Graphics"><style:graphic-properties'
            ' style:vertical-pos="top" style:vertical-rel="baseline"/></style:style>'
        )
        return (
            f'{HEAD}<office:document-content {XMLNS} office:version="1.3">'
            f"{font_faces(self.styles)}"
            f"<office:automatic-styles>{cells}{''.join(self.auto_xml)}</office:automatic-styles>"
            f"<office:body><office:text>{text}</office:text></office:body>"
            "</office:document-content>"
        )

    def _text_width(self) -> float:
        page = self.styles.page
        return page.width - page.margins[1] - page.margins[3]

    # Automatic styles ---------------------------------------------------------------

    def _auto(self, key: tuple[str, ...], family: str, xml_body: str, parent: str = "") -> str:
        name = self.auto.get(key)
        if name is None:
            name = f"{family[0].upper()}{len(self.auto) + 1}"
            self.auto[key] = name
            parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
            self.auto_xml.append(
                f'<style:style style:name="{name}" style:family="{family}"{parent_attr}>'
                f"{xml_body}</style:style>"
            )
        return name

    def paragraph_style(self, style: Style, lang: str | None) -> str:
        """The style of a paragraph: the named one, or one in another language."""
        if lang is None:
            return style.odt_name
        return self._auto(
            ("P", style.odt_name, lang),
            "paragraph",
            lang_properties(lang),
            style.odt_name,
        )

    def run_style(self, run: Run) -> str | None:
        parts = []
        if run.strong:
            parts.append('fo:font-weight="bold"')
        if run.emphasis:
            parts.append('fo:font-style="italic"')
        if run.lang:
            parts.append(lang_attributes(run.lang))
        if not parts:
            return None
        if not run.lang and run.strong != run.emphasis:
            key = "Strong" if run.strong else "Emphasis"
            return self.styles.character[key].odt_name
        return self._auto(("T", *parts), "text", f"<style:text-properties {' '.join(parts)}/>")

    # Blocks ---------------------------------------------------------------------------

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            style = self.styles.heading(block.level)
            name = self.paragraph_style(style, block.lang)
            return (
                f'<text:h text:style-name="{name}" text:outline-level="{block.level}">'
                f"{bookmarks(block.anchors)}{self.runs(block.runs)}</text:h>"
            )
        if isinstance(block, Paragraph):
            return self.paragraph(block.style, block.runs, block.anchors, block.lang)
        if isinstance(block, ListBlock):
            return self.bullets(block)
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Figure):
            return self.figure(block)
        return self.contents(block)

    def paragraph(
        self, key: str, runs: tuple[Run, ...], anchors: tuple[str, ...], lang: str | None
    ) -> str:
        name = self.paragraph_style(self.styles.paragraph[key], lang)
        return f'<text:p text:style-name="{name}">{bookmarks(anchors)}{self.runs(runs)}</text:p>'

    def bullets(self, block: ListBlock) -> str:
        style = odt_name("Numbering 123" if block.ordered else "List Bullet")
        items = []
        for item in block.items:
            inner = "".join(self._list_item_block(b) for b in item)
            items.append(f"<text:list-item>{inner}</text:list-item>")
        return f'<text:list text:style-name="{style}">{"".join(items)}</text:list>'

    def _list_item_block(self, block: Block) -> str:
        if isinstance(block, (Paragraph, Heading, ListBlock)):
            if isinstance(block, Heading):
                return self.paragraph("List Paragraph", block.runs, block.anchors, block.lang)
            return self.block(block)
        # A list item holds paragraphs and lists only: anything else is told in words.
        return self.paragraph("List Paragraph", (Run(block_text(block)),), (), None)

    def table(self, table: Table) -> str:
        self.tables += 1
        columns = table.columns
        caption = (
            self.paragraph("Caption", table.caption, (), None).replace(
                'text:style-name="Caption"', f'text:style-name="{self._caption_style()}"'
            )
            if table.caption
            else ""
        )
        rows = []
        if table.head:
            head = "".join(self.row(row, columns, "CellHead") for row in table.head)
            rows.append(f"<table:table-header-rows>{head}</table:table-header-rows>")
        rows.extend(self.row(row, columns, "Cell") for row in table.body)
        rows.extend(self.row(row, columns, "CellFoot") for row in table.foot)
        name = xml.attr(f"{table.name or 'Table'} {self.tables}")
        width = self._text_width()
        points = table.widths(width / 25.4 * 72)
        column_xml = "".join(
            '<table:table-column table:style-name="'
            + self._auto(
                ("C", f"{share:.1f}"),
                "table-column",
                f'<style:table-column-properties style:column-width="{share:.1f}pt"'
                f' style:rel-column-width="{round(share * 20)}*"/>',
            )
            + '"/>'
            for share in points
        )
        return (
            f'{caption}<table:table table:name="{name}" table:style-name="Tbl">'
            f"{column_xml}{''.join(rows)}</table:table>"
        )

    def _caption_style(self) -> str:
        """A table's caption stays with its table."""
        return self._auto(
            ("P", "Caption", "keep"),
            "paragraph",
            '<style:paragraph-properties fo:keep-with-next="always"/>',
            self.styles.paragraph["Caption"].odt_name,
        )

    def row(self, row: tuple[Cell, ...], columns: int, cell_style: str) -> str:
        cells = []
        used = 0
        for cell in row:
            attrs = f' table:style-name="{cell_style}"'
            if cell.number is not None:
                value = number_value(cell.number)
                if cell.currency:
                    attrs += ' office:value-type="currency" office:currency="EUR"'
                    attrs += f' office:value="{value}"'
                else:
                    attrs += f' office:value-type="float" office:value="{value}"'
            else:
                attrs += ' office:value-type="string"'
            if cell.span > 1:
                attrs += f' table:number-columns-spanned="{cell.span}"'
            inner = "".join(self._cell_block(b) for b in cell.blocks) or (
                f'<text:p text:style-name="{self.styles.paragraph["Table Contents"].odt_name}"/>'
            )
            cells.append(f"<table:table-cell{attrs}>{inner}</table:table-cell>")
            cells.extend("<table:covered-table-cell/>" for _ in range(cell.span - 1))
            used += cell.span
        cells.extend(
            f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
            f'<text:p text:style-name="{self.styles.paragraph["Table Contents"].odt_name}"/>'
            "</table:table-cell>"
            for _ in range(columns - used)
        )
        return f"<table:table-row>{''.join(cells)}</table:table-row>"

    def _cell_block(self, block: Block) -> str:
        if isinstance(block, Heading):
            return self.paragraph("Table Heading", block.runs, block.anchors, block.lang)
        if isinstance(block, (Table, Contents)):
            return self.paragraph("Table Contents", (Run(block_text(block)),), (), None)
        return self.block(block)

    def figure(self, figure: Figure) -> str:
        number = len([p for p in self.pictures if p[1] == "image/svg+xml"]) + 1
        svg_name = f"Pictures/chart-{number}.svg"
        self.pictures.append((svg_name, "image/svg+xml", figure.svg.encode("utf-8")))
        images = (
            f'<draw:image xlink:href="{svg_name}" xlink:type="simple" xlink:show="embed"'
            ' xlink:actuate="onLoad" draw:mime-type="image/svg+xml"/>'
        )
        if figure.png:
            png_name = f"Pictures/chart-{number}.png"
            self.pictures.append((png_name, "image/png", figure.png))
            images += (
                f'<draw:image xlink:href="{png_name}" xlink:type="simple" xlink:show="embed"'
                ' xlink:actuate="onLoad" draw:mime-type="image/png"/>'
            )
        width, height = fit(figure.width, figure.height, self._text_width() / 25.4 * 72)
        frame = (
            f'<draw:frame draw:style-name="Chart" draw:name="Chart {number}"'
            f' text:anchor-type="as-char" svg:width="{width:.2f}pt" svg:height="{height:.2f}pt"'
            f' draw:z-index="0">{images}<svg:title>{xml.text(figure.alt)}</svg:title>'
            f"<svg:desc>{xml.text(figure.alt)}</svg:desc></draw:frame>"
        )
        style = self.styles.paragraph["Figure"].odt_name
        paragraph = f'<text:p text:style-name="{style}">{bookmarks(figure.anchors)}{frame}</text:p>'
        caption = self.paragraph("Caption", figure.caption, (), None) if figure.caption else ""
        return paragraph + caption

    def contents(self, block: Contents) -> str:
        heading = self.styles.paragraph["Contents Heading"].odt_name
        entry = self.styles.paragraph["Contents 1"].odt_name
        title = xml.text(block.title)
        lines = "".join(
            f'<text:p text:style-name="{self._contents_style(level)}">'
            f"{spaced(text)}<text:tab/></text:p>"
            for level, text in block.entries
        )
        return (
            '<text:table-of-content text:style-name="Sect" text:protected="true"'
            ' text:name="Contents">'
            '<text:table-of-content-source text:outline-level="1" text:use-index-marks="false">'
            f'<text:index-title-template text:style-name="{heading}">{title}'
            "</text:index-title-template>"
            '<text:table-of-content-entry-template text:outline-level="1"'
            f' text:style-name="{entry}">'
            "<text:index-entry-link-start/><text:index-entry-text/>"
            '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
            "<text:index-entry-page-number/><text:index-entry-link-end/>"
            "</text:table-of-content-entry-template>"
            "</text:table-of-content-source><text:index-body>"
            '<text:index-title text:style-name="Sect" text:name="Contents_Head">'
            f'<text:p text:style-name="{heading}">{title}</text:p></text:index-title>'
            f"{lines}</text:index-body></text:table-of-content>"
        )

    def _contents_style(self, level: int) -> str:
        return self.styles.paragraph[f"Contents {min(level, 2)}"].odt_name

    # Runs -----------------------------------------------------------------------------

    def runs(self, runs: tuple[Run, ...]) -> str:
        out = []
        for run in runs:
            if run.line_break:
                out.append("<text:line-break/>")
                continue
            piece = spaced(run.text)
            style = self.run_style(run)
            if style:
                piece = f'<text:span text:style-name="{style}">{piece}</text:span>'
            href = self._href(run.href)
            if href:
                link = self.styles.character["Link"].odt_name
                piece = (
                    f'<text:a xlink:type="simple" xlink:href="{xml.attr(href)}"'
                    f' text:style-name="{link}">{piece}</text:a>'
                )
            out.append(piece)
        return "".join(out)

    def _href(self, href: str | None) -> str | None:
        if href is None:
            return None
        if href.startswith("#"):
            return href if href[1:] in self.document.anchors else None
        return href
