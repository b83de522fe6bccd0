"""The typesetting rules of print.css and the typesetting pass, each on a small document set
with ntsplan's own stylesheets: columns as wide as their longest word, nothing hyphenated
in a table cell, a row's description no larger than its title, a heading kept with what
follows its meta line, three letters on each side of a hyphen, a foreign term hyphenated in
its own language."""

from __future__ import annotations

import pytest

pytest.importorskip("weasyprint")

import weasyprint  # type: ignore[import-untyped]
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

from ntsplan.pdf.preflight.breaks import line_text
from ntsplan.pdf.preflight.registry import preflight
from ntsplan.pdf.typeset import prepare_for_print
from ntsplan.pdf.weasy.pages import layout_pages
from ntsplan.resources import templates_dir

CSS = (templates_dir() / "css" / "document.css").read_text(encoding="utf-8") + (
    templates_dir() / "css" / "print.css"
).read_text(encoding="utf-8")


def render(body: str) -> list[object]:
    html = prepare_for_print(
        f'<html lang="nl"><head><style>{CSS}</style></head><body><main>{body}</main></body></html>'
    )
    return weasyprint.HTML(string=html).render().pages  # type: ignore[no-any-return]


ROW = (
    "<tr><th scope='row' class='activity-cell'><span class='activity-title'>{title}</span>"
    "<div class='prose activity-description'><p>{description}</p></div></th>"
    "<td>Brabantse Ontwikkelings Maatschappij</td><td>{partners}</td>"
    "<td class='nowrap'>Q3\u00a02025\u00a0– Q4\u00a02027</td><td>voorgesteld</td>"
    "<td class='num'><span class='money'>€ 300.000</span><br>"
    "<span class='budget-status'>indicatief</span><br>"
    "<span class='budget-source'>Financiering: Voorstel: financiering (ROM's, provincies)"
    "</span></td><td><ul class='kpis'><li>{kpi}</li></ul></td></tr>"
)


def activity_table(rows: int = 3) -> str:
    body = "".join(
        ROW.format(
            title="Toegang voor het mkb tot pilotproductie van fotonische chips",
            description="Demonstratieprojecten en kennisinstellingen met cleanroomfaciliteiten "
            "openen hun faciliteiten voor mkb-bedrijven.",
            partners="Oost NL, LIOF, Kennisinstellingen met cleanroomfaciliteiten (nog te "
            "benoemen), Provincie Noord-Brabant",
            kpi="Mkb-bedrijven dat een eerste pilotproductie doet: 15 bedrijven in 2027 (nu 0)",
        )
        for _ in range(rows)
    )
    head = "".join(
        f"<th scope='col'>{name}</th>"
        for name in (
            "Activiteit",
            "Trekker",
            "Partners",
            "Periode",
            "Status",
            "Begroting",
            "Resultaten (KPI's)",
        )
    )
    return (
        "<section class='chapter' id='a'><table class='activities'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def test_activity_columns_are_as_wide_as_their_longest_word() -> None:
    """No word in the table is broken or hyphenated: the KPI and budget columns get the
    width of 'Mkb-bedrijven' and 'Financiering:', the others give up their room."""
    findings = preflight(render(activity_table()))
    assert [f for f in findings if f.code in ("pdf-broken-word", "pdf-overflow")] == []
    pages = layout_pages(render(activity_table()))
    lines = [line_text(p) for page in pages for p in page.placed if p.cell is not None]
    lines = [line for line in lines if line.strip()]
    assert lines and not any(line.endswith("\u2010") for line in lines), lines


def test_a_description_is_never_set_larger_than_its_title() -> None:
    sizes: dict[str, float] = {}
    for page in render(activity_table(1)):
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.TextBox) or box.element is None:
                continue
            classes = set((box.element.get("class") or "").split())
            for kind in ("activity-title", "kpis", "budget-source", "budget-status"):
                if kind in classes:
                    sizes[kind] = box.style["font_size"]
            if box.element.tag == "p":
                sizes.setdefault("description", box.style["font_size"])
            if box.element.tag == "li":  # the KPIs' list items
                sizes.setdefault("kpis", box.style["font_size"])
    assert set(sizes) >= {"activity-title", "description", "kpis", "budget-source"}
    assert max(v for k, v in sizes.items() if k != "activity-title") <= sizes["activity-title"]


def test_a_heading_and_its_meta_line_stay_with_what_follows() -> None:
    lines = "<br>".join(f"Regel {n} van de tekst" for n in range(46))
    body = (
        f"<section class='chapter' id='a'><h2>Hoofdstuk</h2><p>{lines}</p>"
        "<section class='section'><h3>3.3 Procestechnologie</h3>"
        "<p class='meta'>NTS-sleuteltechnologie 3 · Engelse naam: Process technology</p>"
        "<dl class='facts'><div><dt>Ook genoemd</dt><dd>groene chemische processen</dd></div>"
        "<div><dt>Ambitie</dt><dd>nog niet bekend</dd></div></dl></section></section>"
    )
    for extra in range(0, 12):
        padded = body.replace("<h2>Hoofdstuk</h2>", f"<h2>Hoofdstuk</h2>{'<br>' * extra}")
        stranded = [f for f in preflight(render(padded)) if f.code == "pdf-stranded-heading"]
        assert stranded == [], extra


def test_hyphenation_leaves_three_letters_and_sets_foreign_terms_in_their_language() -> None:
    words = "het programma fotonica Integrated photonics en de maakindustrie " * 3
    body = "".join(
        f"<section class='chapter' id='w{w}'><p style='width: {w}mm'>{words}</p></section>"
        for w in range(18, 40, 3)
    )
    findings = preflight(render(body))
    assert [f for f in findings if f.code == "pdf-bad-hyphenation"] == []
