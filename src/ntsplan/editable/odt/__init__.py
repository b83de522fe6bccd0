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
from ntsplan.editable.document import EditableDocument
from ntsplan.editable.languages import language_tag
from ntsplan.editable.odt.content import ContentWriter
from ntsplan.editable.odt.markup import HEAD, XMLNS
from ntsplan.editable.odt.styles import styles_xml
from ntsplan.editable.package import zip_package
from ntsplan.editable.styles import StyleSheet

MIMETYPE = "application/vnd.oasis.opendocument.text"


def write_odt(document: EditableDocument, styles: StyleSheet) -> bytes:
    """The document as the bytes of an ``.odt`` file, the same for the same document."""
    body = ContentWriter(document, styles)
    content = body.content()
    pictures = body.pictures
    manifest = [("/", MIMETYPE)] + [
        (name, "text/xml") for name in ("content.xml", "styles.xml", "meta.xml")
    ]
    manifest += [(name, mime) for name, mime, _ in pictures]
    entries = [
        ("mimetype", MIMETYPE.encode("ascii")),
        ("content.xml", content.encode("utf-8")),
        ("styles.xml", styles_xml(document, styles).encode("utf-8")),
        ("meta.xml", _meta_xml(document).encode("utf-8")),
        *((name, data) for name, _, data in pictures),
        ("META-INF/manifest.xml", _manifest_xml(manifest).encode("utf-8")),
    ]
    return zip_package(entries, stored=frozenset({"mimetype"}))


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
        f'{HEAD}<office:document-meta {XMLNS} office:version="1.3">'
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
        f'{HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        f'manifest:1.0" manifest:version="1.3">{lines}</manifest:manifest>'
    )
