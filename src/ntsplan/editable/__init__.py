"""The editable editions: the plan as an OpenDocument text (``.odt``) and as Word
(``.docx``), for readers who quote from it, cut it into their own letters and comment on it.

    document = editable_document(plan, edition, html)
    data = write_odt(document, load_style_sheet())

Both are made from the HTML the PDF is made from (``reading``), so the chapters, tables,
figures and figures' numbers are the PDF's; the house style (``styles``) names every style
once. Same plan, same bytes.
"""

from __future__ import annotations

from ntsplan import __version__
from ntsplan.editable.document import EditableDocument, PageFurniture, Properties
from ntsplan.editable.reading import DocumentReader
from ntsplan.link.model import Plan
from ntsplan.plan.edition import Edition
from ntsplan.plan.labels import load_labels
from ntsplan.render.environment import pick_text
from ntsplan.schema import Status

__all__ = ["EditableDocument", "editable_document"]


def editable_document(plan: Plan, edition: Edition, html: str) -> EditableDocument:
    """The edition (the rendered ``html`` of ``plan`` for ``edition``) as blocks, with the
    document's properties and page furniture from plan.yaml."""
    language = edition.language
    reader = DocumentReader(language=language, money_language=language)
    blocks = reader.read(html)
    labels = load_labels(language)
    info = plan.info
    data_language = info.language.value
    title = pick_text(info.title, language, data_language)[0]
    if edition.title_suffix:
        suffix = pick_text(edition.title_suffix, language, data_language)[0]
        title = f"{title} — {suffix}"
    subtitle = pick_text(info.subtitle, language, data_language)[0] if info.subtitle else ""
    status = labels.text(f"status.{info.status.value}")
    custom = [
        ("Edition", info.edition),
        ("Status", status),
    ]
    if info.reference:
        custom.append(("Reference", info.reference))
    properties = Properties(
        title=title,
        subject=subtitle,
        authors=tuple(plan.roms[rom_id].name for rom_id in info.publishers),
        language=language,
        date=info.date.isoformat(),
        generator=f"ntsplan {__version__}",
        keywords=(
            "NTS",
            *(t.name.en if language == "en" else t.name.nl for t in plan.technologies.values()),
        ),
        custom=tuple(custom),
    )
    not_final = info.status is not Status.FINAL or any(
        chain.status is not Status.FINAL for chain in plan.valuechains.values()
    )
    shown_status = None
    if info.status is not Status.FINAL:
        shown_status = status[:1].upper() + status[1:]
    elif not_final:  # a final plan with a chain still in concept: as its cover says
        shown_status = labels.text("cover.concept")
    furniture = PageFurniture(
        title=title,
        status=shown_status,
        page_word=labels.text("document.page"),
        of_word=labels.text("document.page_of"),
    )
    return EditableDocument(blocks, properties, furniture, frozenset(reader.anchors))
