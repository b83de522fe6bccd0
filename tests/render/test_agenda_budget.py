"""An agenda is an overview: its budget column gives the amount and its status, and leaves
the funding source to the activity in its value chain's chapter (the source, set in the
agenda's narrow right-aligned column, made cells of seven or more lines)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import tinyhtml5

from conftest import REPO
from ntsplan.check import check_folder
from ntsplan.plan.edition import Edition
from ntsplan.render import render_html


def test_agenda_budget_cells_hold_amount_and_status_and_the_chain_table_the_source() -> None:
    result = check_folder(REPO / "data")
    assert result.plan is not None
    plan = result.plan
    root: ET.Element = tinyhtml5.parse(
        render_html(plan, Edition("nl")), namespace_html_elements=False
    )
    funded = [(chain_id, a) for chain_id, a in plan.activities() if a.budget and a.budget.source]
    assert funded, "the shipped plan has activities with a funding source"
    agenda_cells = [
        " ".join("".join(row.findall("td")[-1].itertext()).split())
        for table in root.iter("table")
        if "agenda-table" in (table.get("class") or "")
        for row in table.iter("tr")
        if row.findall("td") and "total-row" not in (row.get("class") or "")
    ]
    chain_text = " ".join(
        " ".join(" ".join(table.itertext()).split())
        for table in root.iter("table")
        if (table.get("class") or "") == "activities"
    )
    assert agenda_cells
    for _, activity in funded:
        assert activity.budget is not None and activity.budget.source is not None
        source = " ".join(str(activity.budget.source).split())
        assert source in chain_text
        assert not any(source in cell for cell in agenda_cells), source
