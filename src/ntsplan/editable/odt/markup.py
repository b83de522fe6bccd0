"""How ODF writes things down: its namespaces, text with its spaces, tabs and line ends,
numbers, and a language as attributes."""

from __future__ import annotations

from ntsplan.editable import xml
from ntsplan.editable.languages import language_country

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
XMLNS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
BORDER = "0.5pt solid #c9d3dd"
HEAD_FILL = "#e8eef5"


def spaced(text: str) -> str:
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


def bookmarks(anchors: tuple[str, ...]) -> str:
    return "".join(f'<text:bookmark text:name="{xml.attr(a)}"/>' for a in anchors)


def number_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def fit(width: float, height: float, limit: float) -> tuple[float, float]:
    if width <= limit:
        return width, height
    return limit, height * limit / width


def lang_attributes(lang: str) -> str:
    language, country = language_country(lang)
    country_attr = f' fo:country="{country}"' if country else ' fo:country="none"'
    return f'fo:language="{language}"{country_attr}'


def lang_properties(lang: str) -> str:
    return f"<style:text-properties {lang_attributes(lang)}/>"
