"""An ``EditableDocument`` as a Word document (Office Open XML, ``.docx``).

Written part by part, like ``odt``: the house style's named styles go into styles.xml once
(headings as Word's built-in ``heading 1``..., which a Dutch Word shows as "Kop 1"), tables
take one named table style, lists two numbering definitions. The only fields are ntsplan's
own (the contents, the page number, the running chapter title); text from the data is
always a run of text, and a chart is an inline picture, never a text box.
"""

from __future__ import annotations

import re

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
from ntsplan.editable.languages import language_tag
from ntsplan.editable.package import zip_package
from ntsplan.editable.styles import Style, StyleSheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_DOC_NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:pic="{PIC}"'
    f' xmlns:asvg="{ASVG}"'
)
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_PT = 12700
TABLE_STYLE = "PlanTable"
BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="C9D3DD"'
HEAD_FILL = "E8EEF5"
_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]")
BULLETS = 1
"""The numbering instance of bulleted lists; numbered lists get one each (from 2), so that
each starts at 1."""


def write_docx(document: EditableDocument, styles: StyleSheet) -> bytes:
    """The document as the bytes of a ``.docx`` file, the same for the same document."""
    body = _Body(document, styles)
    document_xml = body.document_xml()
    rels = body.relationships
    media = body.media
    content_types = _content_types(media)
    entries = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", _package_rels()),
        ("docProps/core.xml", _core(document)),
        ("docProps/app.xml", _app(document)),
        ("docProps/custom.xml", _custom(document)),
        ("word/document.xml", document_xml),
        ("word/styles.xml", _styles(document, styles)),
        ("word/numbering.xml", _numbering(body.numbered_lists)),
        ("word/settings.xml", _settings(document)),
        ("word/header1.xml", body.header()),
        ("word/footer1.xml", body.footer()),
        ("word/_rels/document.xml.rels", _document_rels(rels)),
    ]
    encoded = [(name, text.encode("utf-8")) for name, text in entries]
    return zip_package([*encoded, *((name, data) for name, _, data in media)])


class _Body:
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
        self.bookmark_names = _bookmark_names(document)
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
        return f"{_HEAD}<w:document {_DOC_NS}><w:body>{body}{section}</w:body></w:document>"

    def _text_width_twips(self) -> int:
        page = self.styles.page
        return round((page.width - page.margins[1] - page.margins[3]) * TWIPS_PER_MM)

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
        width = self._text_width_twips()
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
        blip = f'<a:blip r:embed="{svg_id}"/>'
        if figure.png:
            png_name = f"media/chart-{number}.png"
            png_id = f"rIdChartPng{number}"
            self.media.append((f"word/{png_name}", "image/png", figure.png))
            self.relationships.append((png_id, "image", png_name, False))
            blip = (
                f'<a:blip r:embed="{png_id}"><a:extLst><a:ext uri="{SVG_EXT}">'
                f'<asvg:svgBlip r:embed="{svg_id}"/></a:ext></a:extLst></a:blip>'
            )
        limit = self._text_width_twips() / 20  # points
        width, height = figure.width, figure.height
        if width > limit:
            width, height = limit, height * limit / width
        cx, cy = round(width * EMU_PER_PT), round(height * EMU_PER_PT)
        self.drawing_id += 1
        alt = xml.attr(figure.alt)
        name = f"Chart {number}"
        drawing = (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{self.drawing_id}" name="{name}"'
            f' descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            f'</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="{PIC}"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{self.drawing_id}" name="{name}" descr="{alt}"/>'
            f"<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>{blip}<a:stretch><a:fillRect/>"
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
            "</w:drawing></w:r>"
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
        title = f'<w:p><w:pPr><w:pStyle w:val="{heading}"/></w:pPr>{_text_run(block.title)}</w:p>'
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
                f"{_text_run(text)}<w:r><w:tab/></w:r>{end}</w:p>"
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
        return _text_run(run.text, rpr_xml)

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

    # Header and footer ----------------------------------------------------------------

    def header(self) -> str:
        furniture = self.document.furniture
        style = self.styles.paragraph["Header"].docx_id
        text = furniture.title + (f" · {furniture.status}" if furniture.status else "")
        heading = self.styles.heading(1).docx
        field = _simple_field(f' STYLEREF "{heading}" ')
        tab = f'<w:tabs><w:tab w:val="right" w:pos="{self._text_width_twips()}"/></w:tabs>'
        border = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="3" w:color="C9D3DD"/></w:pBdr>'
        return (
            f'{_HEAD}<w:hdr {_DOC_NS}><w:p><w:pPr><w:pStyle w:val="{style}"/>{border}{tab}</w:pPr>'
            f"{_text_run(text)}<w:r><w:tab/></w:r>{field}</w:p></w:hdr>"
        )

    def footer(self) -> str:
        furniture = self.document.furniture
        style = self.styles.paragraph["Footer"].docx_id
        return (
            f'{_HEAD}<w:ftr {_DOC_NS}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f"{_text_run(furniture.page_word + ' ')}{_simple_field(' PAGE ', '1')}"
            f"{_text_run(' ' + furniture.of_word + ' ')}{_simple_field(' NUMPAGES ', '1')}"
            "</w:p></w:ftr>"
        )


def _bookmark_names(document: EditableDocument) -> dict[str, str]:
    """Word's bookmark names for the document's anchors: letters, digits and underscores,
    at most 40 characters, unique; the same anchors always get the same names."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for anchor in sorted(document.anchors):
        base = _BOOKMARK_CHARS.sub("_", anchor)
        if not base[:1].isalpha():
            base = "b" + base
        name = base[:40]
        counter = 1
        while name in taken:
            counter += 1
            suffix = f"_{counter}"
            name = base[: 40 - len(suffix)] + suffix
        taken.add(name)
        names[anchor] = name
    return names


def _text_run(text: str, rpr: str = "") -> str:
    if not text:
        return ""
    parts = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{xml.text(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def _simple_field(instruction: str, shown: str = "") -> str:
    """One of ntsplan's own fields (never text from the data), showing ``shown`` until the
    word processor works it out (LibreOffice does for PAGE, not for STYLEREF)."""
    result = f"<w:r><w:t>{xml.text(shown)}</w:t></w:r>" if shown else ""
    return f'<w:fldSimple w:instr="{xml.attr(instruction)}">{result}</w:fldSimple>'


# Package parts ---------------------------------------------------------------------------


def _content_types(media: list[tuple[str, str, bytes]]) -> str:
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    office = "application/vnd.openxmlformats-officedocument"
    overrides = {
        "/word/document.xml": f"{wml}.document.main+xml",
        "/word/styles.xml": f"{wml}.styles+xml",
        "/word/numbering.xml": f"{wml}.numbering+xml",
        "/word/settings.xml": f"{wml}.settings+xml",
        "/word/header1.xml": f"{wml}.header+xml",
        "/word/footer1.xml": f"{wml}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": f"{office}.extended-properties+xml",
        "/docProps/custom.xml": f"{office}.custom-properties+xml",
    }
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
    }
    for name, mime, _ in media:
        defaults[name.rsplit(".", 1)[1]] = mime
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + "".join(f'<Default Extension="{e}" ContentType="{m}"/>' for e, m in defaults.items())
        + "".join(f'<Override PartName="{p}" ContentType="{m}"/>' for p, m in overrides.items())
        + "</Types>"
    )


def _package_rels() -> str:
    base = "http://schemas.openxmlformats.org"
    rels = [
        ("rId1", f"{base}/officeDocument/2006/relationships/officeDocument", "word/document.xml"),
        (
            "rId2",
            f"{base}/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            "rId3",
            f"{base}/officeDocument/2006/relationships/extended-properties",
            "docProps/app.xml",
        ),
        (
            "rId4",
            f"{base}/officeDocument/2006/relationships/custom-properties",
            "docProps/custom.xml",
        ),
    ]
    return (
        f'{_HEAD}<Relationships xmlns="{REL}">'
        + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{p}"/>' for i, t, p in rels)
        + "</Relationships>"
    )


def _document_rels(rels: list[tuple[str, str, str, bool]]) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    lines = "".join(
        f'<Relationship Id="{rid}" Type="{base}{kind}" Target="{xml.attr(target)}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for rid, kind, target, external in rels
    )
    return f'{_HEAD}<Relationships xmlns="{REL}">{lines}</Relationships>'


def _core(document: EditableDocument) -> str:
    props = document.properties
    date = f"{props.date}T00:00:00Z"
    authors = xml.text("; ".join(props.authors))
    return (
        f"{_HEAD}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml.text(props.title)}</dc:title>"
        f"<dc:subject>{xml.text(props.subject)}</dc:subject>"
        f"<dc:creator>{authors}</dc:creator>"
        f"<cp:keywords>{xml.text(', '.join(props.keywords))}</cp:keywords>"
        f"<dc:language>{language_tag(props.language)}</dc:language>"
        f"<cp:lastModifiedBy>{authors}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _app(document: EditableDocument) -> str:
    return (
        f"{_HEAD}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>{xml.text(document.properties.generator)}</Application>"
        "</Properties>"
    )


def _custom(document: EditableDocument) -> str:
    items = "".join(
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"'
        f' pid="{index}" name="{xml.attr(name)}">'
        f"<vt:lpwstr>{xml.text(value)}</vt:lpwstr></property>"
        for index, (name, value) in enumerate(document.properties.custom, start=2)
    )
    return (
        f"{_HEAD}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    )


def _settings(document: EditableDocument) -> str:
    # updateFields: Word fills the contents' page numbers when the file is opened.
    return (
        f'{_HEAD}<w:settings xmlns:w="{W}"><w:updateFields w:val="true"/>'
        '<w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>'
        f'<w:themeFontLang w:val="{language_tag(document.properties.language)}"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode"'
        ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        "</w:settings>"
    )


def _numbering(numbered_lists: int) -> str:
    def level(index: int, ordered: bool) -> str:
        indent = round((index + 1) * 6 * TWIPS_PER_MM)
        hanging = round(4 * TWIPS_PER_MM)
        if ordered:
            fmt = f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%{index + 1}."/>'
        else:
            bullet = "•–◦"[index % 3]
            fmt = f'<w:numFmt w:val="bullet"/><w:lvlText w:val="{bullet}"/>'
        return (
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/>{fmt}<w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
        )

    abstract = "".join(
        f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>'
        + "".join(level(i, ordered) for i in range(3))
        + "</w:abstractNum>"
        for aid, ordered in ((0, False), (1, True))
    )
    nums = f'<w:num w:numId="{BULLETS}"><w:abstractNumId w:val="0"/></w:num>'
    nums += "".join(
        f'<w:num w:numId="{BULLETS + n}"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        for n in range(1, numbered_lists + 1)
    )
    return f'{_HEAD}<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>'


def _rpr(style: Style) -> str:
    out = ""
    if style.font:
        font = xml.attr(style.font)
        out += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
    if style.bold is not None:
        out += "<w:b/><w:bCs/>" if style.bold else '<w:b w:val="0"/>'
    if style.italic is not None:
        out += "<w:i/><w:iCs/>" if style.italic else '<w:i w:val="0"/>'
    if style.color:
        out += f'<w:color w:val="{style.color[1:].upper()}"/>'
    if style.size is not None:
        half = round(style.size * 2)
        out += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    if style.underline is not None:
        out += f'<w:u w:val="{"single" if style.underline else "none"}"/>'
    return f"<w:rPr>{out}</w:rPr>" if out else ""


def _ppr(style: Style, styles: StyleSheet) -> str:
    out = ""
    if style.keep_with_next:
        out += "<w:keepNext/>"
    if style.page_break_before is not None:
        out += (
            "<w:pageBreakBefore/>" if style.page_break_before else '<w:pageBreakBefore w:val="0"/>'
        )
    if style.key in ("Contents 1", "Contents 2", "Header"):
        page = styles.page
        width = round((page.width - page.margins[1] - page.margins[3]) * TWIPS_PER_MM)
        leader = ' w:leader="dot"' if "Contents" in style.key else ""
        out += f'<w:tabs><w:tab w:val="right"{leader} w:pos="{width}"/></w:tabs>'
    if style.before is not None or style.after is not None:
        attrs = ""
        if style.before is not None:
            attrs += f' w:before="{round(style.before * 20)}"'
        if style.after is not None:
            attrs += f' w:after="{round(style.after * 20)}"'
        out += f"<w:spacing{attrs}/>"
    if style.indent is not None:
        out += f'<w:ind w:left="{round(style.indent * TWIPS_PER_MM)}"/>'
    if style.align:
        value = {"start": "left", "end": "right", "center": "center", "justify": "both"}
        out += f'<w:jc w:val="{value[style.align]}"/>'
    if style.outline is not None:
        out += f'<w:outlineLvl w:val="{style.outline - 1}"/>'
    return f"<w:pPr>{out}</w:pPr>" if out else ""


def _styles(document: EditableDocument, styles: StyleSheet) -> str:
    standard = styles.paragraph["Standard"]
    font = xml.attr(standard.font or "Noto Sans")
    lang = language_tag(document.properties.language)
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
        f'<w:sz w:val="{round((standard.size or 10) * 2)}"/>'
        f'<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276"'
        ' w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    out = []
    for style in styles.paragraph.values():
        default = ' w:default="1"' if style.key == "Standard" else ""
        based = (
            f'<w:basedOn w:val="{styles.paragraph[style.parent].docx_id}"/>' if style.parent else ""
        )
        following = ""
        if style.key.startswith("Heading") or style.key in ("Title", "Subtitle"):
            following = f'<w:next w:val="{styles.paragraph["Text Body"].docx_id}"/>'
        out.append(
            f'<w:style w:type="paragraph"{default} w:styleId="{style.docx_id}">'
            f'<w:name w:val="{xml.attr(style.docx)}"/>{based}{following}<w:qFormat/>'
            f"{_ppr(style, styles)}{_rpr(style)}</w:style>"
        )
    for style in styles.character.values():
        out.append(
            f'<w:style w:type="character" w:styleId="{style.docx_id}">'
            f'<w:name w:val="{xml.attr(style.docx)}"/><w:qFormat/>{_rpr(style)}</w:style>'
        )
    cell_margin = round(1 * TWIPS_PER_MM)
    table = (
        f'<w:style w:type="table" w:styleId="{TABLE_STYLE}"><w:name w:val="Plan Table"/>'
        "<w:tblPr><w:tblBorders>"
        f"<w:top {BORDER}/><w:bottom {BORDER}/><w:insideH {BORDER}/></w:tblBorders>"
        f'<w:tblCellMar><w:top w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:left w:w="{cell_margin}" w:type="dxa"/><w:bottom w:w="{cell_margin}" w:type="dxa"/>'
        f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/></w:tcPr></w:tblStylePr>'
        '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
        '<w:top w:val="single" w:sz="6" w:space="0" w:color="1F2D3D"/></w:tcBorders></w:tcPr>'
        "</w:tblStylePr></w:style>"
    )
    return f'{_HEAD}<w:styles xmlns:w="{W}">{defaults}{"".join(out)}{table}</w:styles>'
