"""word/styles.xml and word/numbering.xml: the house style's named styles (headings as
Word's built-in ``heading 1``...), the one table style, the two list definitions."""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.document import (
    EditableDocument,
)
from ntsplan.editable.docx.markup import (
    BORDER,
    BULLETS,
    HEAD,
    HEAD_FILL,
    TABLE_STYLE,
    TWIPS_PER_MM,
    W,
)
from ntsplan.editable.languages import language_tag
from ntsplan.editable.styles import Style, StyleSheet


def numbering_xml(numbered_lists: int) -> str:
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
    return f'{HEAD}<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>'


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


def styles_xml(document: EditableDocument, styles: StyleSheet) -> str:
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
    return f'{HEAD}<w:styles xmlns:w="{W}">{defaults}{"".join(out)}{table}</w:styles>'
