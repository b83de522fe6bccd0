"""``diff`` for people at a terminal: a headline, then each change on its own line."""

from __future__ import annotations

from typing import IO

from ntsplan.diff.compare import ChainDiff, Change, ItemChange, PlanDiff
from ntsplan.diff.report import (
    DiffReport,
    budget_changed,
    change_words,
    counts_words,
    describe,
)
from ntsplan.report.tables import plural, text_table

_MARK = {Change.ADDED: "+", Change.REMOVED: "-", Change.CHANGED: "~", Change.UNCHANGED: " "}


def _item_line(kind: str, item: ItemChange) -> str:
    line = f"{_MARK[item.change]} {kind} {item.id} ({item.title})"
    if item.change is Change.CHANGED:
        line += ": " + "; ".join(describe(f) for f in item.fields)
    elif item.change is not Change.UNCHANGED:
        line += f" {item.change.value}"
    return line


def _chain_lines(chain: ChainDiff) -> list[str]:
    head = f"{_MARK[chain.change]} {chain.id} ({chain.title})"
    if chain.change is Change.ADDED:
        status = chain.status_after.value if chain.status_after else ""
        count = plural(len(chain.activities), "activity", "activities")
        return [f"{head} added, status {status}, {count}"]
    if chain.change is Change.REMOVED:
        return [f"{head} removed"]
    lines = [head]
    if chain.status_changed and chain.status_before and chain.status_after:
        lines.append(f"    status: {chain.status_before.value} → {chain.status_after.value}")
    for what, ids in (
        ("ROM's added", chain.roms_added),
        ("ROM's removed", chain.roms_removed),
        ("technologies added", chain.technologies_added),
        ("technologies removed", chain.technologies_removed),
    ):
        if ids:
            lines.append(f"    {what}: {', '.join(ids)}")
    if chain.fields:
        lines.append(f"    changed: {'; '.join(describe(f) for f in chain.fields)}")
    lines.extend(f"    {_item_line('activity', item)}" for item in chain.activities)
    return lines


def _budget_table(diff: PlanDiff) -> str:
    rows = [
        [
            chain.id,
            change_words(chain.budget_before.indicative, chain.budget_after.indicative),
            change_words(chain.budget_before.committed, chain.budget_after.committed),
            change_words(chain.budget_before.total, chain.budget_after.total),
        ]
        for chain in diff.chains
        if budget_changed(chain.budget_before, chain.budget_after)
    ]
    before, after = diff.budget_before, diff.budget_after
    rows.append(
        [
            "overall",
            change_words(before.indicative, after.indicative),
            change_words(before.committed, after.committed),
            change_words(before.total, after.total),
        ]
    )
    header = ["Budget", "Indicative", "Committed", "Total"]
    return text_table(header, rows, right=frozenset({1, 2, 3}))


class TextDiffReporter:
    """One line per change, indented under its value chain; budgets as a table."""

    def report(self, report: DiffReport, stream: IO[str]) -> None:
        diff = report.diff
        between = f"between {report.base.label} and {report.head.label}"
        if diff.empty:
            stream.write(f"No changes to the plan {between}.\n")
            return
        stream.write(f"Changes to the plan {between}\n")
        counts = counts_words(diff)
        if counts:
            stream.write(f"{counts}\n")
        stream.write("\n")
        if diff.plan_fields:
            stream.write(f"~ plan.yaml: {'; '.join(describe(f) for f in diff.plan_fields)}\n")
        for item in diff.roms:
            stream.write(_item_line("ROM", item) + "\n")
        for item in diff.technologies:
            stream.write(_item_line("technology", item) + "\n")
        for chain in diff.changed_chains:
            stream.write("\n".join(_chain_lines(chain)) + "\n")
        stream.write("\n")
        stream.write(_budget_table(diff))
