"""``diff`` for scripts: one JSON document with keys in a fixed order."""

from __future__ import annotations

import json
from typing import IO, Any

from ntsplan.diff.compare import BudgetTotals, ChainDiff, Change, FieldChange, ItemChange
from ntsplan.diff.report import DiffReport, Side


def _side(side: Side) -> dict[str, Any]:
    return {"revision": side.revision, "commit": side.commit, "label": side.label}


def _fields(fields: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [{"field": f.field, "before": f.before, "after": f.after} for f in fields]


def _item(item: ItemChange) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "change": item.change.value,
        "fields": _fields(item.fields),
    }


def _budget(totals: BudgetTotals) -> dict[str, float]:
    return {
        "indicative": totals.indicative,
        "committed": totals.committed,
        "total": totals.total,
    }


def _chain(chain: ChainDiff) -> dict[str, Any]:
    return {
        "id": chain.id,
        "title": chain.title,
        "change": chain.change.value,
        "status": {
            "before": chain.status_before.value if chain.status_before else None,
            "after": chain.status_after.value if chain.status_after else None,
        },
        "roms_added": list(chain.roms_added),
        "roms_removed": list(chain.roms_removed),
        "technologies_added": list(chain.technologies_added),
        "technologies_removed": list(chain.technologies_removed),
        "fields": _fields(chain.fields),
        "activities": [_item(a) for a in chain.activities],
        "budget": {"before": _budget(chain.budget_before), "after": _budget(chain.budget_after)},
    }


class JsonDiffReporter:
    """``{"base", "head", "changed", "summary", "plan", "valuechains", "budget"}``."""

    def report(self, report: DiffReport, stream: IO[str]) -> None:
        diff = report.diff
        changes = (Change.ADDED, Change.REMOVED, Change.CHANGED)
        document = {
            "base": _side(report.base),
            "head": _side(report.head),
            "changed": not diff.empty,
            "summary": {
                **{f"valuechains_{c.value}": diff.count(c) for c in changes},
                **{f"activities_{c.value}": diff.count_activities(c) for c in changes},
            },
            "plan": {
                "fields": _fields(diff.plan_fields),
                "roms": [_item(r) for r in diff.roms],
                "technologies": [_item(t) for t in diff.technologies],
            },
            "valuechains": [_chain(c) for c in diff.changed_chains],
            "budget": {
                "before": _budget(diff.budget_before),
                "after": _budget(diff.budget_after),
                "valuechains": [
                    {
                        "id": c.id,
                        "before": _budget(c.budget_before),
                        "after": _budget(c.budget_after),
                    }
                    for c in diff.chains
                ],
            },
        }
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
