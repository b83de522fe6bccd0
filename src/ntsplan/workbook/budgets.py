"""The Budgets sheet: the roll-up's views as formulas over the Activities sheet.

The rows are those of ``ntsplan.plan.rollup`` (the document's computation), in the same order:
per value chain, per ROM as owner (then "other owners"), per technology, per year (then "no
period"), per budget status and the whole plan. Every amount is a SUMIFS over whole columns
of the Activities sheet, so a coordinator's edits there (an amount, a status, a new row)
keep adding up; the value ntsplan computed is stored as the formula's cached result.

A technology row matches the ids in the Activities sheet's technology column, which are
separated by ", ": exactly the id, the id first, last or in between. Ids hold only
lower-case letters, digits and hyphens, so they are never wildcards.
"""

from __future__ import annotations

from collections.abc import Sequence

from ntsplan.link.model import Plan
from ntsplan.plan.formatting import spread_note
from ntsplan.plan.labels import Labels
from ntsplan.plan.rollup import BudgetRollup, RollupRow
from ntsplan.schema import BudgetStatus
from ntsplan.workbook.activities import TECHNOLOGY_SEPARATOR, ActivitiesLayout
from ntsplan.workbook.cells import (
    NOT_BUDGETED,
    Cell,
    Formula,
    Kind,
    column_letter,
    quote_sheet,
    text_literal,
)
from ntsplan.workbook.model import Column, Sheet

KEY_COLUMN = "B"  # where each row's key stands, for its own formulas
HEADER_ROWS = 2  # the note, then the table's header: data starts on Excel row 3


Criterion = tuple[str, str]  # a range and its criterion, as SUMIFS takes them
Sum = tuple[str, tuple[Criterion, ...]]  # a range to add up, where the criteria hold


class _Formulas:
    """Formula text for one Budgets row, given the Activities layout and the labels."""

    def __init__(self, lay: ActivitiesLayout, labels: Labels) -> None:
        self.lay = lay
        self.labels = labels
        self.sheet = quote_sheet(lay.sheet)

    def column(self, key: str) -> str:
        letter = self.lay.letter(key)
        return f"{self.sheet}!${letter}:${letter}"

    def year_column(self, year: int) -> str:
        letter = column_letter(self.lay.year_column(year))
        return f"{self.sheet}!${letter}:${letter}"

    def status(self, status: BudgetStatus) -> str:
        return text_literal(self.labels.text(f"budget_status.{status.value}"))

    def sumifs(self, values: str, status: BudgetStatus, *criteria: Criterion) -> str:
        pairs = [(self.column("budget_status"), self.status(status)), *criteria]
        return f"SUMIFS({values}," + ",".join(f"{r},{c}" for r, c in pairs) + ")"


def budgets_sheet(
    plan: Plan,
    budget: BudgetRollup,
    lay: ActivitiesLayout,
    labels: Labels,
    scope: str | None = None,
) -> Sheet:
    """The Budgets sheet for ``plan``, whose roll-up is ``budget``; ``scope`` names what a
    slice's workbook covers ('de activiteiten van BOM, als trekker of partner'), on its
    total row and in its note, instead of 'the whole plan'."""

    def label(key: str) -> str:
        return labels.text(f"workbook.budgets.{key}")

    f = _Formulas(lay, labels)
    amount = f.column("amount")
    rows: list[tuple[Cell, ...]] = []

    def add(
        view: str,
        key: Cell,
        name: str,
        row: RollupRow,
        sums: Sequence[Sum],
        *,
        only: BudgetStatus | None = None,
    ) -> None:
        """Label, key and name, then indicative, committed and their sum (D, E, F); each
        amount adds up ``sums`` (with ``only``, the other status is 0). A row no budgeted
        activity makes up reads "–" (not budgeted yet), as in the document, not 0."""
        n = HEADER_ROWS + len(rows) + 1
        status_criteria = ((f.column("budget_status"), f.status(only)),) if only else ()
        counts = "+".join(
            f"COUNTIFS({v},{text_literal('<>0')},{amount},{text_literal('<>')}"
            + "".join(f",{r},{c}" for r, c in (*status_criteria, *c))
            + ")"
            for v, c in sums
        )
        known = row.activities > 0

        def amount_of(status: BudgetStatus, cached: float) -> Formula:
            if only is not None and status is not only:
                return Formula(f'=IF(({counts})=0,"{NOT_BUDGETED}",0)', 0.0 if known else None)
            total = "+".join(f.sumifs(v, status, *c) for v, c in sums)
            return Formula(f'=IF(({counts})=0,"{NOT_BUDGETED}",{total})', cached if known else None)

        rows.append(
            (
                view,
                key,
                name,
                amount_of(BudgetStatus.INDICATIVE, row.amounts.indicative),
                amount_of(BudgetStatus.COMMITTED, row.amounts.committed),
                Formula(
                    f'=IF(AND(D{n}="{NOT_BUDGETED}",E{n}="{NOT_BUDGETED}"),"{NOT_BUDGETED}",'
                    f"N(D{n})+N(E{n}))",
                    row.amounts.total if known else None,
                ),
            )
        )

    def this_key() -> str:
        return f"${KEY_COLUMN}{HEADER_ROWS + len(rows) + 1}"

    for row in budget.by_valuechain.rows:
        assert isinstance(row.key, str)
        name: str = plan.valuechains[row.key].title
        sums = [(amount, ((f.column("chain_id"), this_key()),))]
        add(label("by_valuechain"), row.key, name, row, sums)
    rom_kind = text_literal("<>" + labels.text("party_kind.rom"))
    for row in budget.by_rom.rows:
        if row.key is None:
            name, criteria = label("other_owners"), (f.column("owner_kind"), rom_kind)
        else:
            assert isinstance(row.key, str)
            name, criteria = plan.roms[row.key].short, (f.column("owner_id"), this_key())
        add(label("by_rom"), row.key, name, row, [(amount, (criteria,))])
    technologies = f.column("technologies")
    after = text_literal(TECHNOLOGY_SEPARATOR + "*")  # the id first: "ai, *"
    before = text_literal("*" + TECHNOLOGY_SEPARATOR)  # the id last: "*, ai"
    for row in budget.by_technology.rows:
        assert isinstance(row.key, str)
        k = this_key()
        patterns = (k, f"{k}&{after}", f"{before}&{k}", f"{before}&{k}&{after}")
        tech = plan.technologies[row.key]
        name = tech.name.en if labels.language == "en" else tech.name.nl
        sums = [(amount, ((technologies, p),)) for p in patterns]
        add(label("by_technology"), row.key, name, row, sums)
    for row in budget.by_year.rows:
        if row.key is None:
            column, name = f.column("no_period"), label("no_year")
        else:
            assert isinstance(row.key, int)
            column, name = f.year_column(row.key), str(row.key)
        add(label("by_year"), row.key, name, row, [(column, ())])
    for row in budget.by_status.rows:
        status = BudgetStatus(str(row.key))
        name = labels.text(f"budget_status.{status.value}")
        add(label("by_status"), row.key, name, row, [(amount, ())], only=status)
    whole = RollupRow(None, budget.total, budget.budgeted)
    total_name = label("plan") if scope is None else scope[:1].upper() + scope[1:]
    add(label("plan"), None, total_name, whole, [(amount, ())])

    columns = (
        Column(label("view"), Kind.TEXT, 20),
        Column(label("key"), Kind.TEXT, 22),
        Column(label("name"), Kind.TEXT, 46),
        Column(label("indicative"), Kind.MONEY, 18),
        Column(label("committed"), Kind.MONEY, 18),
        Column(label("total"), Kind.MONEY, 18),
    )
    return Sheet(
        name=labels.text("workbook.sheets.budgets"),
        table="Budgets",
        columns=columns,
        rows=tuple(rows),
        note=_note(labels, budget, scope),
    )


def _note(labels: Labels, budget: BudgetRollup, scope: str | None) -> str:
    """The note above the table: what the figures are, how the years are spread and, for
    a slice's workbook, what it covers."""
    spread = spread_note(labels, budget.round_years_to, rest=budget.with_residue > 0)
    note = labels.text("workbook.budgets.note").format(spread=spread)
    if scope is None:
        return note
    return f"{note} {labels.text('workbook.budgets.scope_note').format(scope=scope)}"
