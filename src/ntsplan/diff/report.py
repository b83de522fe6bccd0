"""What ``ntsplan diff`` shows (a ``DiffReport``), and the words its reporters share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntsplan.diff.compare import BudgetTotals, Change, FieldChange, PlanDiff
from ntsplan.report.tables import money, plural

WORKING_TREE = "the working tree"
_SHORT_VALUE = 40  # longer text is named, not quoted


@dataclass(frozen=True, slots=True)
class Side:
    """One side of the comparison: a revision as the user named it and its commit, or the
    working tree (both None)."""

    revision: str | None = None
    commit: str | None = None

    @property
    def label(self) -> str:
        """How the side is named in a report: 'main', 'HEAD~1' or 'working tree'."""
        return self.revision if self.revision is not None else WORKING_TREE


@dataclass(frozen=True, slots=True)
class DiffReport:
    """What ``diff`` shows: the two sides and what changed between them."""

    base: Side
    head: Side
    diff: PlanDiff


def value_words(field: str, value: Any) -> str | None:
    """A field's value in a few words, or None when it is too long or structured to quote."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if field.endswith("budget.amount") or field == "amount":
            return money(value)
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str) and len(value) <= _SHORT_VALUE and "\n" not in value:
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value) if value else "none"
        return text if len(text) <= _SHORT_VALUE else None
    return None


def describe(change: FieldChange) -> str:
    """'status: proposed → planned', 'budget added', or just 'description' when the
    values are too long to quote."""
    if change.before is None and isinstance(change.after, dict | list):
        return f"{change.field} added"
    if change.after is None and isinstance(change.before, dict | list):
        return f"{change.field} removed"
    old = value_words(change.field, change.before)
    new = value_words(change.field, change.after)
    if old is None or new is None:
        return change.field
    return f"{change.field}: {old} → {new}"


def counts_words(diff: PlanDiff) -> str:
    """'1 value chain added, 2 changed; 3 activities added', leaving out what is zero."""
    parts = []
    for noun, plural_noun, count in (
        ("value chain", "value chains", diff.count),
        ("activity", "activities", diff.count_activities),
    ):
        numbers = [(count(c), c.value) for c in (Change.ADDED, Change.REMOVED, Change.CHANGED)]
        numbers = [(n, word) for n, word in numbers if n]
        if numbers:
            first_n, first_word = numbers[0]
            words = [f"{plural(first_n, noun, plural_noun)} {first_word}"]
            words.extend(f"{n} {word}" for n, word in numbers[1:])
            parts.append(", ".join(words))
    return "; ".join(parts)


def change_words(before: float, after: float) -> str:
    """'€250,000 → €300,000 (+€50,000)', or '€250,000' when equal."""
    if math_equal(before, after):
        return money(after)
    delta = after - before
    sign = "+" if delta > 0 else "-"
    return f"{money(before)} → {money(after)} ({sign}{money(abs(delta))})"


def budget_changed(before: BudgetTotals, after: BudgetTotals) -> bool:
    """Whether any of the totals differs."""
    return not (
        math_equal(before.indicative, after.indicative)
        and math_equal(before.committed, after.committed)
    )


def math_equal(a: float, b: float) -> bool:
    """Equal to the cent: sums of floats differ in the last bits."""
    return round(a, 2) == round(b, 2)
