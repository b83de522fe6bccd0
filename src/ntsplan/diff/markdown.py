"""``diff`` as Markdown for a pull-request comment: a headline, then a table per kind."""

from __future__ import annotations

from typing import IO

from ntsplan.diff.compare import BudgetTotals, ChainDiff, Change, ItemChange, PlanDiff
from ntsplan.diff.report import DiffReport, budget_changed, change_words, counts_words, describe
from ntsplan.report.tables import md_cell, md_code, md_table, plural


def _name(title: str, ident: str) -> str:
    return f"{md_cell(title)} ({md_code(ident)})"


def _ids(added: tuple[str, ...], removed: tuple[str, ...], chain: ChainDiff) -> str:
    if chain.change is not Change.CHANGED:
        return ", ".join(added or removed)
    return ", ".join([*(f"+{i}" for i in added), *(f"−{i}" for i in removed)])


def _status(chain: ChainDiff) -> str:
    before = chain.status_before.value if chain.status_before else None
    after = chain.status_after.value if chain.status_after else None
    if before is None or after is None:
        return after or f"~~{before}~~"
    return f"{before} → **{after}**" if before != after else after


def _other(chain: ChainDiff) -> str:
    if chain.change is Change.ADDED:
        return plural(len(chain.activities), "activity", "activities")
    return md_cell("; ".join(describe(f) for f in chain.fields))


def _chains_table(diff: PlanDiff) -> str:
    rows = [
        [
            _name(chain.title, chain.id),
            chain.change.value,
            _status(chain),
            _ids(chain.roms_added, chain.roms_removed, chain),
            _ids(chain.technologies_added, chain.technologies_removed, chain),
            _other(chain),
        ]
        for chain in diff.changed_chains
    ]
    header = ["Value chain", "Change", "Status", "ROM's", "Technologies", "Other changes"]
    return md_table(header, rows, right=frozenset())


def _activities_table(diff: PlanDiff) -> str:
    rows = [
        [
            _name(chain.title, chain.id),
            _name(item.title, item.id),
            item.change.value,
            md_cell("; ".join(describe(f) for f in item.fields)),
        ]
        for chain in diff.changed_chains
        if chain.change is Change.CHANGED
        for item in chain.activities
    ]
    if not rows:
        return ""
    return md_table(["Value chain", "Activity", "Change", "Fields"], rows, right=frozenset())


def _budget_row(name: str, before: BudgetTotals, after: BudgetTotals) -> list[str]:
    return [
        name,
        change_words(before.indicative, after.indicative),
        change_words(before.committed, after.committed),
        change_words(before.total, after.total),
    ]


def _budget_table(diff: PlanDiff) -> str:
    rows = [
        _budget_row(_name(c.title, c.id), c.budget_before, c.budget_after)
        for c in diff.chains
        if budget_changed(c.budget_before, c.budget_after)
    ]
    if not rows:
        return ""
    rows.append(_budget_row("**Overall**", diff.budget_before, diff.budget_after))
    header = ["Value chain", "Indicative", "Committed", "Total"]
    return md_table(header, rows, right=frozenset({1, 2, 3}))


def _item_bullet(kind: str, item: ItemChange) -> str:
    text = f"- {kind} {_name(item.title, item.id)} {item.change.value}"
    if item.fields:
        text += ": " + md_cell("; ".join(describe(f) for f in item.fields))
    return text + "\n"


class MarkdownDiffReporter:
    """Headline and budget first (what a reviewer reads), then the tables."""

    def report(self, report: DiffReport, stream: IO[str]) -> None:
        diff = report.diff
        base, head = md_code(report.base.label), report.head.label
        if report.head.revision is not None:
            head = md_code(head)
        if diff.empty:
            stream.write(f"No changes to the plan between {base} and {head}.\n")
            return
        stream.write(f"### Plan changes: {base} → {head}\n\n")
        counts = counts_words(diff)
        if counts:
            stream.write(f"**{counts}**\n\n")
        total = change_words(diff.budget_before.total, diff.budget_after.total)
        stream.write(f"Total budget: {total}\n")
        sections = []
        if diff.changed_chains:
            sections.append(("Value chains", _chains_table(diff)))
        sections.append(("Activities", _activities_table(diff)))
        sections.append(("Budget", _budget_table(diff)))
        bullets = "".join(
            [
                *(f"- `plan.yaml`: {md_cell(describe(f))}\n" for f in diff.plan_fields),
                *(_item_bullet("ROM", r) for r in diff.roms),
                *(_item_bullet("technology", t) for t in diff.technologies),
            ]
        )
        sections.append(("Plan, ROM's and technologies", bullets))
        for title, body in sections:
            if body:
                stream.write(f"\n#### {title}\n\n{body}")
