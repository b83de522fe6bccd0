"""An ``EditableDocument`` as a Word document (Office Open XML, ``.docx``).

Written part by part, like ``odt``: the house style's named styles go into styles.xml once
(headings as Word's built-in ``heading 1``..., which a Dutch Word shows as "Kop 1"), tables
take one named table style, lists two numbering definitions. The only fields are ntsplan's
own (the contents, the page number, the running chapter title); text from the data is
always a run of text, and a chart is an inline picture, never a text box.
"""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.document import EditableDocument
from ntsplan.editable.docx.body import BodyWriter
from ntsplan.editable.docx.furniture import footer_xml, header_xml
from ntsplan.editable.docx.markup import HEAD, REL, W
from ntsplan.editable.docx.styles import numbering_xml, styles_xml
from ntsplan.editable.languages import language_tag
from ntsplan.editable.package import zip_package
from ntsplan.editable.styles import StyleSheet


def write_docx(document: EditableDocument, styles: StyleSheet) -> bytes:
    """The document as the bytes of a ``.docx`` file, the same for the same document."""
    body = BodyWriter(document, styles)
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
        ("word/styles.xml", styles_xml(document, styles)),
        ("word/numbering.xml", numbering_xml(body.numbered_lists)),
        ("word/settings.xml", _settings(document)),
        ("word/header1.xml", header_xml(document, styles)),
        ("word/footer1.xml", footer_xml(document, styles)),
        ("word/_rels/document.xml.rels", _document_rels(rels)),
    ]
    encoded = [(name, text.encode("utf-8")) for name, text in entries]
    return zip_package([*encoded, *((name, data) for name, _, data in media)])


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
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
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
        f'{HEAD}<Relationships xmlns="{REL}">'
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
    return f'{HEAD}<Relationships xmlns="{REL}">{lines}</Relationships>'


def _core(document: EditableDocument) -> str:
    props = document.properties
    date = f"{props.date}T00:00:00Z"
    authors = xml.text("; ".join(props.authors))
    return (
        f"{HEAD}<cp:coreProperties"
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
        f"{HEAD}<Properties"
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
        f"{HEAD}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    )


def _settings(document: EditableDocument) -> str:
    # updateFields: Word fills the contents' page numbers when the file is opened. The
    # elements stand in the schema's order (CT_Settings is a sequence; Word holds to it).
    return (
        f'{HEAD}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="709"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode"'
        ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{language_tag(document.properties.language)}"/>'
        "</w:settings>"
    )
