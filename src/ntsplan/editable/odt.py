"""An ``EditableDocument`` as an OpenDocument text (ODF 1.3, ``.odt``).

The package is written directly, part by part, so that every byte is ours to fix: the
named styles come from the house style (``styles``) into ``styles.xml`` once, and the text
refers to them by name; only what cannot be a named style (a run in another language, a
table's cells) is an automatic style. No frames hold text: a chart is an image in a frame
inside its paragraph, its caption a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

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
from ntsplan.editable.languages import language_country, language_tag
from ntsplan.editable.package import zip_package
from ntsplan.editable.styles import Style, StyleSheet, odt_name

MIMETYPE = "application/vnd.oasis.opendocument.text"
NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
}
_XMLNS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BORDER = "0.5pt solid #c9d3dd"
HEAD_FILL = "#e8eef5"


def write_odt(document: EditableDocument, styles: StyleSheet) -> bytes:
    """The document as the bytes of an ``.odt`` file, the same for the same document."""
    body = _Body(document, styles)
    content = body.content()
    pictures = body.pictures
    manifest = [("/", MIMETYPE)] + [
        (name, "text/xml") for name in ("content.xml", "styles.xml", "meta.xml")
    ]
    manifest += [(name, mime) for name, mime, _ in pictures]
    entries = [
        ("mimetype", MIMETYPE.encode("ascii")),
        ("content.xml", content.encode("utf-8")),
        ("styles.xml", _styles_xml(document, styles).encode("utf-8")),
        ("meta.xml", _meta_xml(document).encode("utf-8")),
        *((name, data) for name, _, data in pictures),
        ("META-INF/manifest.xml", _manifest_xml(manifest).encode("utf-8")),
    ]
    return zip_package(entries, stored=frozenset({"mimetype"}))


class _Body:
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
            f'{_HEAD}<office:document-content {_XMLNS} office:version="1.3">'
            f"{_font_faces(self.styles)}"
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
            _lang_properties(lang),
            style.odt_name,
        )

    def run_style(self, run: Run) -> str | None:
        parts = []
        if run.strong:
            parts.append('fo:font-weight="bold"')
        if run.emphasis:
            parts.append('fo:font-style="italic"')
        if run.lang:
            parts.append(_lang_attributes(run.lang))
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
                f"{_bookmarks(block.anchors)}{self.runs(block.runs)}</text:h>"
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
        return f'<text:p text:style-name="{name}">{_bookmarks(anchors)}{self.runs(runs)}</text:p>'

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
                value = _number(cell.number)
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
        width, height = _fit(figure.width, figure.height, self._text_width() / 25.4 * 72)
        frame = (
            f'<draw:frame draw:style-name="Chart" draw:name="Chart {number}"'
            f' text:anchor-type="as-char" svg:width="{width:.2f}pt" svg:height="{height:.2f}pt"'
            f' draw:z-index="0">{images}<svg:title>{xml.text(figure.alt)}</svg:title>'
            f"<svg:desc>{xml.text(figure.alt)}</svg:desc></draw:frame>"
        )
        style = self.styles.paragraph["Figure"].odt_name
        paragraph = (
            f'<text:p text:style-name="{style}">{_bookmarks(figure.anchors)}{frame}</text:p>'
        )
        caption = self.paragraph("Caption", figure.caption, (), None) if figure.caption else ""
        return paragraph + caption

    def contents(self, block: Contents) -> str:
        heading = self.styles.paragraph["Contents Heading"].odt_name
        entry = self.styles.paragraph["Contents 1"].odt_name
        title = xml.text(block.title)
        lines = "".join(
            f'<text:p text:style-name="{self._contents_style(level)}">'
            f"{_spaced(text)}<text:tab/></text:p>"
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
            piece = _spaced(run.text)
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


def _spaced(text: str) -> str:
    """Text for a paragraph: ODF collapses runs of spaces, so the second and later spaces
    of a run are written as ``text:s``; tabs and line ends as their elements."""
    out: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index:
            out.append("<text:line-break/>")
        pieces = line.split("\t")
        for piece_index, piece in enumerate(pieces):
            if piece_index:
                out.append("<text:tab/>")
            out.append(_spaces(piece))
    return "".join(out)


def _spaces(text: str) -> str:
    out: list[str] = []
    count = 0
    for char in text:
        if char == " ":
            count += 1
            continue
        if count:
            out.append(" " if count == 1 else f' <text:s text:c="{count - 1}"/>')
            count = 0
        out.append(xml.text(char))
    if count:
        out.append(" " if count == 1 else f' <text:s text:c="{count - 1}"/>')
    return "".join(out)


def _bookmarks(anchors: tuple[str, ...]) -> str:
    return "".join(f'<text:bookmark text:name="{xml.attr(a)}"/>' for a in anchors)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _fit(width: float, height: float, limit: float) -> tuple[float, float]:
    if width <= limit:
        return width, height
    return limit, height * limit / width


def _lang_attributes(lang: str) -> str:
    language, country = language_country(lang)
    country_attr = f' fo:country="{country}"' if country else ' fo:country="none"'
    return f'fo:language="{language}"{country_attr}'


def _lang_properties(lang: str) -> str:
    return f"<style:text-properties {_lang_attributes(lang)}/>"


# styles.xml -----------------------------------------------------------------------------


def _font_faces(styles: StyleSheet) -> str:
    fonts = sorted(
        {s.font for s in (*styles.paragraph.values(), *styles.character.values()) if s.font}
    )
    faces = "".join(
        f'<style:font-face style:name="{xml.attr(font)}" svg:font-family="{xml.attr(repr(font))}"'
        f' style:font-pitch="{"fixed" if "Mono" in font else "variable"}"/>'
        for font in fonts
    )
    return f"<office:font-face-decls>{faces}</office:font-face-decls>"


def _style_properties(style: Style, styles: StyleSheet, *, paragraph: bool) -> str:
    para: list[str] = []
    text: list[str] = []
    if style.font:
        text.append(f'style:font-name="{xml.attr(style.font)}"')
    if style.size is not None:
        text.append(f'fo:font-size="{style.size:g}pt"')
    if style.bold is not None:
        text.append(f'fo:font-weight="{"bold" if style.bold else "normal"}"')
    if style.italic is not None:
        text.append(f'fo:font-style="{"italic" if style.italic else "normal"}"')
    if style.underline is not None:
        text.append(
            'style:text-underline-style="solid" style:text-underline-width="auto"'
            ' style:text-underline-color="font-color"'
            if style.underline
            else 'style:text-underline-style="none"'
        )
    if style.color:
        text.append(f'fo:color="{style.color}"')
    tabs = ""
    if paragraph:
        if style.before is not None:
            para.append(f'fo:margin-top="{style.before:g}pt"')
        if style.after is not None:
            para.append(f'fo:margin-bottom="{style.after:g}pt"')
        if style.indent is not None:
            para.append(f'fo:margin-left="{style.indent:g}mm"')
        if style.align:
            para.append(f'fo:text-align="{style.align}"')
        if style.keep_with_next:
            para.append('fo:keep-with-next="always"')
        if style.page_break_before is not None:
            para.append(f'fo:break-before="{"page" if style.page_break_before else "auto"}"')
        if style.key in ("Header", "Footer", "Contents 1", "Contents 2"):
            page = styles.page
            width = page.width - page.margins[1] - page.margins[3] - (style.indent or 0)
            leader = (
                ' style:leader-style="dotted" style:leader-text="."'
                if "Contents" in style.key
                else ""
            )
            tabs = (
                f'<style:tab-stops><style:tab-stop style:position="{width:.1f}mm"'
                f' style:type="right"{leader}/></style:tab-stops>'
            )
    out = ""
    if para or tabs:
        out += f"<style:paragraph-properties {' '.join(para)}>{tabs}</style:paragraph-properties>"
    if text:
        out += f"<style:text-properties {' '.join(text)}/>"
    return out


def _style_xml(style: Style, styles: StyleSheet, family: str, group: dict[str, Style]) -> str:
    attrs = f'style:name="{style.odt_name}" style:family="{family}"'
    if style.odt_name != style.odt:
        attrs += f' style:display-name="{xml.attr(style.odt)}"'
    if style.parent:
        attrs += f' style:parent-style-name="{group[style.parent].odt_name}"'
    if style.outline is not None:
        attrs += f' style:default-outline-level="{style.outline}"'
    if family == "paragraph" and style.key.startswith("Heading"):
        attrs += ' style:next-style-name="' + styles.paragraph["Text Body"].odt_name + '"'
        attrs += ' style:class="text"'
    properties = _style_properties(style, styles, paragraph=family == "paragraph")
    return f"<style:style {attrs}>{properties}</style:style>"


def _list_styles() -> str:
    bullets = "".join(
        f'<text:list-level-style-bullet text:level="{level}"'
        f' text:bullet-char="{"•–◦"[(level - 1) % 3]}">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab"'
        f' text:list-tab-stop-position="{level * 6}mm" fo:text-indent="-4mm"'
        f' fo:margin-left="{level * 6}mm"/></style:list-level-properties>'
        "</text:list-level-style-bullet>"
        for level in range(1, 4)
    )
    numbers = "".join(
        f'<text:list-level-style-number text:level="{level}" style:num-suffix="."'
        ' style:num-format="1">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        f'<style:list-level-label-alignment text:label-followed-by="listtab"'
        f' text:list-tab-stop-position="{level * 6}mm" fo:text-indent="-5mm"'
        f' fo:margin-left="{level * 6}mm"/></style:list-level-properties>'
        "</text:list-level-style-number>"
        for level in range(1, 4)
    )
    return (
        f'<text:list-style style:name="{odt_name("List Bullet")}" style:display-name="List Bullet">'
        f"{bullets}</text:list-style>"
        f'<text:list-style style:name="{odt_name("Numbering 123")}"'
        ' style:display-name="Numbering 123">'
        f"{numbers}</text:list-style>"
    )


def _outline_style() -> str:
    levels = "".join(
        f'<text:outline-level-style text:level="{level}" style:num-format=""/>'
        for level in range(1, 11)
    )
    return f'<text:outline-style style:name="Outline">{levels}</text:outline-style>'


def _styles_xml(document: EditableDocument, styles: StyleSheet) -> str:
    language, country = language_country(document.properties.language)
    standard = styles.paragraph["Standard"]
    defaults = (
        '<style:default-style style:family="paragraph"><style:text-properties'
        f' style:font-name="{xml.attr(standard.font or "Noto Sans")}"'
        f' fo:font-size="{standard.size or 10:g}pt" fo:language="{language}"'
        f' fo:country="{country or "none"}" fo:hyphenate="false"/></style:default-style>'
    )
    paragraph = "".join(
        _style_xml(s, styles, "paragraph", styles.paragraph) for s in styles.paragraph.values()
    )
    character = "".join(
        _style_xml(s, styles, "text", styles.character) for s in styles.character.values()
    )
    graphics = (
        '<style:style style:name="Graphics" style:family="graphic"><style:graphic-properties'
        ' text:anchor-type="as-char" style:wrap="none"/></style:style>'
    )
    page = styles.page
    top, right, bottom, left = page.margins
    layout = (
        '<style:page-layout style:name="Page"><style:page-layout-properties'
        f' fo:page-width="{page.width:g}mm" fo:page-height="{page.height:g}mm"'
        ' style:print-orientation="portrait"'
        f' fo:margin-top="{max(top - 10, 5):g}mm" fo:margin-right="{right:g}mm"'
        f' fo:margin-bottom="{max(bottom - 8, 5):g}mm" fo:margin-left="{left:g}mm"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="6mm"'
        f' fo:margin-bottom="4mm" fo:border-bottom="{BORDER}" fo:padding-bottom="1mm"/>'
        "</style:header-style>"
        '<style:footer-style><style:header-footer-properties fo:min-height="5mm"'
        ' fo:margin-top="3mm"/></style:footer-style></style:page-layout>'
    )
    furniture = document.furniture
    header_style = styles.paragraph["Header"].odt_name
    footer_style = styles.paragraph["Footer"].odt_name
    status = f" · {xml.text(furniture.status)}" if furniture.status else ""
    master = (
        '<style:master-page style:name="Standard" style:page-layout-name="Page">'
        f'<style:header><text:p text:style-name="{header_style}">{xml.text(furniture.title)}'
        f'{status}<text:tab/><text:chapter text:display="name" text:outline-level="1"/>'
        "</text:p></style:header>"
        f'<style:footer><text:p text:style-name="{footer_style}">{xml.text(furniture.page_word)}'
        ' <text:page-number text:select-page="current"/>'
        f" {xml.text(furniture.of_word)} <text:page-count/></text:p></style:footer>"
        "</style:master-page>"
    )
    return (
        f'{_HEAD}<office:document-styles {_XMLNS} office:version="1.3">'
        f"{_font_faces(styles)}"
        f"<office:styles>{defaults}{paragraph}{character}{graphics}{_list_styles()}"
        f"{_outline_style()}</office:styles>"
        f"<office:automatic-styles>{layout}</office:automatic-styles>"
        f"<office:master-styles>{master}</office:master-styles>"
        "</office:document-styles>"
    )


def _meta_xml(document: EditableDocument) -> str:
    props = document.properties
    date = f"{props.date}T00:00:00"
    parts: Iterator[str] = iter(
        [
            f"<meta:generator>{xml.text(props.generator)}</meta:generator>",
            f"<dc:title>{xml.text(props.title)}</dc:title>",
            f"<dc:subject>{xml.text(props.subject)}</dc:subject>",
            *(f"<meta:keyword>{xml.text(k)}</meta:keyword>" for k in props.keywords),
            f"<meta:initial-creator>{xml.text(', '.join(props.authors))}</meta:initial-creator>",
            f"<dc:creator>{xml.text(', '.join(props.authors))}</dc:creator>",
            f"<meta:creation-date>{date}</meta:creation-date>",
            f"<dc:date>{date}</dc:date>",
            f"<dc:language>{xml.text(language_tag(props.language))}</dc:language>",
            *(
                f'<meta:user-defined meta:name="{xml.attr(name)}">{xml.text(value)}'
                "</meta:user-defined>"
                for name, value in props.custom
            ),
        ]
    )
    return (
        f'{_HEAD}<office:document-meta {_XMLNS} office:version="1.3">'
        f"<office:meta>{''.join(parts)}</office:meta></office:document-meta>"
    )


def _manifest_xml(entries: list[tuple[str, str]]) -> str:
    version = ' manifest:version="1.3"'
    lines = "".join(
        f'<manifest:file-entry manifest:full-path="{xml.attr(path)}"'
        f'{version if path == "/" else ""} manifest:media-type="{mime}"/>'
        for path, mime in entries
    )
    return (
        f'{_HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        f'manifest:1.0" manifest:version="1.3">{lines}</manifest:manifest>'
    )
