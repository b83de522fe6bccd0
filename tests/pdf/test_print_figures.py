"""Figures as a reader of the printed plan sees them: a total once under a table's last row,
"vervolg op de volgende pagina" where a table goes on, "–" for what is not budgeted yet,
whole euros per year, the concept status on every page, the cover's count of final chains
and the summary's annex by letter. Reads the session's one build of the shipped plan
(``test_pdf.built``) page by page with pdftotext."""

from __future__ import annotations

import re

import pytest
from test_pdf import BuiltPlan, built  # noqa: F401  # the session's build

from ntsplan.plan.rollup import rollup
from ntsplan.schema import Status

pytest.importorskip("weasyprint")

CONTINUED = "vervolg op de volgende pagina"
STATUS_LINE = "Concept – editie 0.1, niet vastgesteld"


def pages(built: BuiltPlan) -> list[str]:  # noqa: F811
    from pdf_facts import page_texts  # noqa: PLC0415

    return page_texts(built.pdf)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_page_of_a_concept_edition_says_so(built: BuiltPlan) -> None:  # noqa: F811
    assert built.plan.info.status is not Status.FINAL
    texts = pages(built)
    # The cover says it in its own words; every other page in its running footer.
    missing = [n for n, text in enumerate(texts[1:], 2) if STATUS_LINE not in flat(text)]
    assert missing == []


def test_cover_counts_the_final_value_chains(built: BuiltPlan) -> None:  # noqa: F811
    chains = built.plan.valuechains.values()
    final = sum(1 for c in chains if c.status is Status.FINAL)
    cover = flat(pages(built)[0])
    assert f"{final} van de {len(chains)} waardeketens zijn definitief." in cover


def test_each_agenda_total_is_printed_once_after_its_last_row(built: BuiltPlan) -> None:  # noqa: F811
    texts = [flat(t) for t in pages(built)]
    for rom in built.plan.roms.values():
        owned = f"Totaal van de activiteiten die {rom.short} trekt"
        on_pages = [n for n, text in enumerate(texts) if owned in text]
        # A repeated table footer printed it on every page the agenda spans.
        assert len(on_pages) == 1, (rom.short, on_pages)
        assert sum(text.count(owned) for text in texts) == 1


def test_a_table_that_goes_on_says_so(built: BuiltPlan) -> None:  # noqa: F811
    texts = pages(built)
    continued = [n for n, text in enumerate(texts) if CONTINUED in flat(text)]
    assert continued, "the agendas of the shipped plan span pages"
    for n in continued:
        # The next page goes on with the table: its header row is repeated at the top,
        # under the running header, before any heading.
        body = [line.strip() for line in texts[n + 1].splitlines() if line.strip()][1:]
        assert body[0].split()[0] in {"Activiteit", "Waardeketen", "Naam", "Trekker"}, (
            n + 1,
            body[:2],
        )
    # And a page where a table ends does not say it goes on: the agendas' last page.
    last_agenda = max(n for n, text in enumerate(texts) if "Totaal van de activiteiten die" in text)
    if "Totaal van de activiteiten met een andere trekker" in flat(texts[last_agenda]):
        assert CONTINUED not in flat(texts[last_agenda])


def test_not_budgeted_reads_as_a_dash_not_as_zero(built: BuiltPlan) -> None:  # noqa: F811
    whole = rollup(built.plan)
    text = flat("\n".join(pages(built)))
    for row in whole.by_valuechain.rows:
        title = str(built.plan.valuechains[str(row.key)].title)
        if row.activities == 0:
            assert f"{title} – – –" in text, title
            assert f"{title} € 0 € 0 € 0" not in text


def test_amounts_spread_per_year_are_whole_euros(built: BuiltPlan) -> None:  # noqa: F811
    amounts = [a.budget.amount for _, a in built.plan.activities() if a.budget]
    assert all(float(a).is_integer() for a in amounts)  # so no cents anywhere
    text = "\n".join(pages(built))
    assert re.findall(r"€ ?\d{1,3}(?:\.\d{3})*,\d\d", text) == []
    assert "op hele euro's, zo dat de jaren samen precies het bedrag geven" in flat(text)


def test_summary_refers_to_the_completeness_annex_by_letter(built: BuiltPlan) -> None:  # noqa: F811
    texts = [flat(t) for t in pages(built)]
    summary = next(t for t in texts if "Samenvatting" in t and "Het plan in cijfers" in t)
    annex = next(t for t in texts if "Bijlage A Volledigheid" in t)
    assert annex
    assert "Wat per waardeketen nog ontbreekt, staat in bijlage A." in summary
