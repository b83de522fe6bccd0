"""styles.xml: the house style's named styles, the list and outline styles, the page
(A4, margins) and its running header and footer."""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.document import (
    EditableDocument,
)
from ntsplan.editable.languages import language_country
from ntsplan.editable.odt.markup import BORDER, HEAD, XMLNS
from ntsplan.editable.styles import Style, StyleSheet, odt_name


def font_faces(styles: StyleSheet) -> str:
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


def styles_xml(document: EditableDocument, styles: StyleSheet) -> str:
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
        f'{HEAD}<office:document-styles {XMLNS} office:version="1.3">'
        f"{font_faces(styles)}"
        f"<office:styles>{defaults}{paragraph}{character}{graphics}{_list_styles()}"
        f"{_outline_style()}</office:styles>"
        f"<office:automatic-styles>{layout}</office:automatic-styles>"
        f"<office:master-styles>{master}</office:master-styles>"
        "</office:document-styles>"
    )
