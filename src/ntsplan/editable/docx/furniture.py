"""The running header and footer of every page."""

from __future__ import annotations

from ntsplan.editable.document import (
    EditableDocument,
)
from ntsplan.editable.docx.markup import DOC_NS, HEAD, simple_field, text_run, text_width_twips
from ntsplan.editable.styles import StyleSheet


def header_xml(document: EditableDocument, styles: StyleSheet) -> str:
    """header1.xml: the title, the status of an edition that is not final, and the
    chapter (Word's STYLEREF; LibreOffice leaves it empty)."""
    furniture = document.furniture
    style = styles.paragraph["Header"].docx_id
    text = furniture.title + (f" · {furniture.status}" if furniture.status else "")
    heading = styles.heading(1).docx
    field = simple_field(f' STYLEREF "{heading}" ')
    tab = f'<w:tabs><w:tab w:val="right" w:pos="{text_width_twips(styles)}"/></w:tabs>'
    border = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="3" w:color="C9D3DD"/></w:pBdr>'
    return (
        f'{HEAD}<w:hdr {DOC_NS}><w:p><w:pPr><w:pStyle w:val="{style}"/>{border}{tab}</w:pPr>'
        f"{text_run(text)}<w:r><w:tab/></w:r>{field}</w:p></w:hdr>"
    )


def footer_xml(document: EditableDocument, styles: StyleSheet) -> str:
    """footer1.xml: 'pagina 3 van 40'."""
    furniture = document.furniture
    style = styles.paragraph["Footer"].docx_id
    return (
        f'{HEAD}<w:ftr {DOC_NS}><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        f"{text_run(furniture.page_word + ' ')}{simple_field(' PAGE ', '1')}"
        f"{text_run(' ' + furniture.of_word + ' ')}{simple_field(' NUMPAGES ', '1')}"
        "</w:p></w:ftr>"
    )
