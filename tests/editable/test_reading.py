"""The rendered HTML read into the editable document: what a reader of the PDF sees and
nothing a screen alone shows, numbers as numbers, links only where they are safe, the
language of each passage, and the contents delivered filled."""

from __future__ import annotations

import pytest

from ntsplan.editable.document import Contents, Heading, ListBlock, Paragraph, Run, Table
from ntsplan.editable.reading import DocumentReader


def _read(body: str, language: str = "nl") -> tuple[object, ...]:
    return DocumentReader(language=language, money_language=language).read(
        f"<html><body>{body}</body></html>"
    )


def _text(runs: tuple[Run, ...]) -> str:
    return "".join(run.text for run in runs)


def test_headings_take_the_pdf_levels_and_the_cover_title_is_a_title() -> None:
    blocks = _read(
        '<h1 class="cover-title">Plan</h1><section class="chapter" id="intro">'
        '<h2><span class="chapter-number">1</span> Inleiding</h2><h3>Aanleiding</h3>'
        "<h4>Detail</h4></section>"
    )
    assert isinstance(blocks[0], Paragraph)
    assert (blocks[0].style, _text(blocks[0].runs)) == ("Title", "Plan")
    headings = [(b.level, _text(b.runs)) for b in blocks if isinstance(b, Heading)]
    assert headings == [(1, "1 Inleiding"), (2, "Aanleiding"), (3, "Detail")]
    assert blocks[1].anchors == ("intro",)


def test_what_only_a_screen_shows_is_left_out() -> None:
    blocks = _read(
        '<a class="skip-link" href="#main">Naar de inhoud</a>'
        '<nav class="side-nav"><p>Navigatie</p></nav>'
        '<p>Zichtbaar<span class="visually-hidden"> voor schermlezers</span></p>'
        '<p class="screen-only">Alleen op het scherm</p>'
        '<footer class="document-footer"><p>Voet</p></footer>'
    )
    assert [_text(b.runs) for b in blocks if isinstance(b, Paragraph)] == ["Zichtbaar"]


@pytest.mark.parametrize(
    ("language", "shown", "value", "currency"),
    [
        ("nl", "€ 1.250.000", 1250000.0, True),
        ("nl", "€ 12,50", 12.5, True),
        ("nl", "47", 47.0, False),
        ("en", "€1,250,000.50", 1250000.5, True),
        ("nl", "–", None, False),
        ("nl", "€ 750.000<br>indicatief", None, False),
    ],
)
def test_a_figure_cell_carries_its_number(
    language: str, shown: str, value: float | None, currency: bool
) -> None:
    (table,) = _read(
        f'<table><tbody><tr><th scope="row">A</th><td class="num">{shown}</td></tr></tbody>'
        "</table>",
        language,
    )
    assert isinstance(table, Table)
    cell = table.body[0][1]
    assert (cell.number, cell.currency, cell.numeric) == (
        value,
        currency and value is not None,
        True,
    )


def test_only_web_and_mail_addresses_and_own_anchors_become_links() -> None:
    (paragraph,) = _read(
        '<p><a href="https://example.org/">web</a> <a href="mailto:a@example.org">mail</a> '
        '<a href="javascript:alert(1)">script</a> <a href="file:///etc/passwd">file</a> '
        '<a href="#vc-x">anchor</a></p>'
    )
    assert isinstance(paragraph, Paragraph)
    hrefs = [(run.text.strip(), run.href) for run in paragraph.runs if run.text.strip()]
    assert hrefs == [
        ("web", "https://example.org/"),
        ("mail", "mailto:a@example.org"),
        ("script file", None),  # the words stay, as text
        ("anchor", "#vc-x"),
    ]


def test_each_passage_keeps_its_language() -> None:
    blocks = _read(
        '<p>Nederlands <span lang="en">English words</span> <span lang="nl">weer</span></p>'
        '<div class="prose" lang="en"><p>All English</p></div>'
    )
    first, second = blocks
    assert isinstance(first, Paragraph) and isinstance(second, Paragraph)
    assert {run.text.strip(): run.lang for run in first.runs if run.text.strip()} == {
        "Nederlands": None,
        "English words": "en",
        "weer": None,
    }
    assert second.lang == "en"


def test_row_headings_are_bold_their_descriptions_are_not() -> None:
    (table,) = _read(
        '<table><thead><tr><th>Activiteit</th></tr></thead><tbody><tr><th scope="row">'
        '<span class="activity-title">Titel</span><div class="prose"><p>Uitleg</p></div>'
        "</th></tr></tbody></table>"
    )
    assert isinstance(table, Table)
    assert table.head[0][0].blocks[0].style == "Table Heading"  # type: ignore[union-attr]
    title, description = table.body[0][0].blocks
    assert isinstance(title, Paragraph) and isinstance(description, Paragraph)
    assert title.runs[0].strong and not description.runs[0].strong


def test_a_chapters_kicker_follows_its_heading_which_takes_the_anchor() -> None:
    blocks = _read(
        '<section class="chapter" id="vc-a"><p class="kicker">Waardeketen</p>'
        "<h2>4 Medtech</h2></section>"
    )
    heading, kicker = blocks
    assert isinstance(heading, Heading) and heading.anchors == ("vc-a",)
    assert isinstance(kicker, Paragraph) and _text(kicker.runs) == "Waardeketen"


def test_the_contents_becomes_a_field_listing_every_chapter() -> None:
    blocks = _read(
        '<nav class="chapter toc" id="contents"><h2>Inhoud</h2><ol><li>1 Inleiding</li></ol>'
        "</nav><section><h2>1 Inleiding</h2><h3>Sub</h3></section>"
        "<section><h2>Bijlage A Bronnen</h2></section>"
    )
    contents = blocks[0]
    assert isinstance(contents, Contents)
    assert contents.title == "Inhoud"
    assert contents.entries == ((1, "1 Inleiding"), (1, "Bijlage A Bronnen"))


def test_lists_keep_their_items_and_kind() -> None:
    (bullets,) = _read("<ul><li>een</li><li>twee <strong>vet</strong></li></ul>")
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert [_text(item[0].runs) for item in bullets.items] == ["een", "twee vet"]  # type: ignore[union-attr]
