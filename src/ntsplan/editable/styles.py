"""The house style of the editable editions: the named styles of templates/editable/
styles.yaml (or a plan's own ``house-style.yaml``), read once and written by both writers.

A block of the document names a style by its key (``Heading 1``, ``Text Body``); each
format has its own name for it (``Heading 1`` in LibreOffice, ``heading 1`` in Word, which
a Dutch Word shows as "Kop 1").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ntsplan.errors import UsageError

PROPERTIES = frozenset(
    {
        "odt",
        "docx",
        "parent",
        "font",
        "size",
        "bold",
        "italic",
        "underline",
        "color",
        "before",
        "after",
        "indent",
        "align",
        "keep_with_next",
        "page_break_before",
        "outline",
    }
)
REQUIRED_PARAGRAPH = frozenset(
    {
        "Standard",
        "Text Body",
        "Title",
        "Subtitle",
        "Kicker",
        "Status",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "Note",
        "Source",
        "Definition Term",
        "Definition",
        "List Paragraph",
        "Table Contents",
        "Table Heading",
        "Table Number",
        "Table Heading Number",
        "Figure",
        "Caption",
        "Quotation",
        "Preformatted Text",
        "Contents Heading",
        "Contents 1",
        "Contents 2",
        "Header",
        "Footer",
    }
)
"""The styles the document uses; a house style must define each of them."""
REQUIRED_CHARACTER = frozenset({"Strong", "Emphasis", "Link"})


@dataclass(frozen=True, slots=True)
class Style:
    """One named style and its properties (``None``: as the parent has it)."""

    key: str
    odt: str
    docx: str
    parent: str | None = None
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    color: str | None = None
    before: float | None = None
    after: float | None = None
    indent: float | None = None
    align: str | None = None
    keep_with_next: bool | None = None
    page_break_before: bool | None = None
    outline: int | None = None

    @property
    def odt_name(self) -> str:
        """The style's name inside an ODT file: spaces written as ``_20_``."""
        return odt_name(self.odt)

    @property
    def docx_id(self) -> str:
        """The style's id inside a DOCX file: its name without spaces."""
        return "".join(part[:1].upper() + part[1:] for part in self.docx.split())


@dataclass(frozen=True, slots=True)
class Page:
    """Page size and margins in mm, and the running header's size and colour."""

    width: float
    height: float
    margins: tuple[float, float, float, float]
    header_footer_size: float
    header_color: str


@dataclass(frozen=True, slots=True)
class StyleSheet:
    """Every style of the house style, and the page."""

    page: Page
    paragraph: dict[str, Style]
    character: dict[str, Style]
    source: Path

    def heading(self, level: int) -> Style:
        """The style of a heading of ``level`` (deeper levels take the deepest there is)."""
        return self.paragraph[f"Heading {min(max(level, 1), 4)}"]


def odt_name(display: str) -> str:
    """A display name as ODF spells a style's ``style:name`` (``Text_20_body``)."""
    return "".join(
        c if c.isascii() and (c.isalnum() or c in "-_.") else f"_{ord(c):x}_" for c in display
    )


def default_style_sheet() -> Path:
    """ntsplan's own house style: templates/editable/styles.yaml."""
    from ntsplan.resources import templates_dir  # noqa: PLC0415

    return templates_dir() / "editable" / "styles.yaml"


def load_style_sheet(path: Path | None = None) -> StyleSheet:
    """The house style at ``path`` (ntsplan's own when None), checked.

    Raises ``UsageError`` naming the file and the style for a style sheet that cannot be
    used: the build stops before anything is written."""
    source = path or default_style_sheet()
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"{source}: cannot read the house style: {error}") from error
    if not isinstance(raw, dict):
        raise UsageError(f"{source}: a house style is a mapping with page, paragraph, character")
    page = _page(raw.get("page") or {}, source)
    paragraph = _styles(raw.get("paragraph"), "paragraph", REQUIRED_PARAGRAPH, source)
    character = _styles(raw.get("character"), "character", REQUIRED_CHARACTER, source)
    return StyleSheet(page, paragraph, character, source)


def _page(raw: Any, source: Path) -> Page:
    try:
        width, height = (float(v) for v in raw.get("size", (210, 297)))
        top, right, bottom, left = (float(v) for v in raw.get("margins", (22, 18, 20, 20)))
        return Page(
            width,
            height,
            (top, right, bottom, left),
            float(raw.get("header_footer_size", 7.5)),
            str(raw.get("header_color", "#4a5968")),
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise UsageError(
            f"{source}: page: write size: [width, height] and margins: [top, right, bottom, "
            "left] in mm"
        ) from error


def _styles(raw: Any, group: str, required: frozenset[str], source: Path) -> dict[str, Style]:
    if not isinstance(raw, dict):
        raise UsageError(f"{source}: {group}: a mapping of style names to their properties")
    styles: dict[str, Style] = {}
    for key, props in raw.items():
        if not isinstance(props, dict):
            raise UsageError(f"{source}: {group}: {key}: a mapping of properties")
        unknown = sorted(set(props) - PROPERTIES)
        if unknown:
            raise UsageError(
                f"{source}: {group}: {key}: unknown property '{unknown[0]}'",
                hint="properties: " + ", ".join(sorted(PROPERTIES)),
            )
        try:
            styles[str(key)] = Style(
                key=str(key),
                odt=str(props.get("odt", key)),
                docx=str(props.get("docx", key)),
                parent=_opt(props, "parent", str),
                font=_opt(props, "font", str),
                size=_opt(props, "size", float),
                bold=_opt(props, "bold", bool),
                italic=_opt(props, "italic", bool),
                underline=_opt(props, "underline", bool),
                color=_opt(props, "color", _color),
                before=_opt(props, "before", float),
                after=_opt(props, "after", float),
                indent=_opt(props, "indent", float),
                align=_opt(props, "align", _align),
                keep_with_next=_opt(props, "keep_with_next", bool),
                page_break_before=_opt(props, "page_break_before", bool),
                outline=_opt(props, "outline", int),
            )
        except (TypeError, ValueError) as error:
            raise UsageError(f"{source}: {group}: {key}: {error}") from error
    missing = sorted(required - set(styles))
    if missing:
        raise UsageError(f"{source}: {group}: no style '{missing[0]}': the document uses it")
    for style in styles.values():
        if style.parent is not None and style.parent not in styles:
            raise UsageError(f"{source}: {group}: {style.key}: no parent style '{style.parent}'")
    return styles


def _opt(props: dict[str, Any], name: str, kind: Any) -> Any:
    value = props.get(name)
    if value is None:
        return None
    if kind is bool and not isinstance(value, bool):
        raise ValueError(f"{name}: write true or false")
    return kind(value)


def _color(value: Any) -> str:
    text = str(value)
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(f"color: write #rrggbb, not '{text}'")
    return text.lower()


def _align(value: Any) -> str:
    if value not in ("start", "end", "center", "justify"):
        raise ValueError(f"align: write start, end, center or justify, not '{value}'")
    return str(value)
