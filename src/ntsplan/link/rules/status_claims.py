"""A status claims no more, and no less, than the content shows.

Protects the reader from a document that says one thing and shows another: a value chain
marked ``final`` whose text still holds placeholders ("nog te benoemen", "TODO"), a plan
marked ``final`` while value chains in it are not, an activity ``completed`` whose period
runs past the edition's date, ``running`` before it has started, or still ``proposed`` or
``planned`` when its period ended before the edition's date. Fix: correct the status, or
the content.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pydantic import BaseModel

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load import Document
from ntsplan.load.document import DocPath
from ntsplan.problems import Severity
from ntsplan.schema import Activity, ActivityStatus, Status

CODES = register(
    Code(
        "final-with-placeholders",
        stage="link",
        severity="warning",
        title="A final value chain that still holds placeholders",
        description="A value chain says status: final, but a text in it still reads like a "
        "placeholder ('nog te benoemen', 'nog geen bron', 'TODO', 'TBD').",
        fix="Fill in the placeholder, or set the status back to review.",
    ),
    Code(
        "final-plan-with-drafts",
        stage="link",
        severity="warning",
        title="A final plan with value chains that are not final",
        description="plan.yaml says status: final while one or more value chains are in "
        "concept or review.",
        fix="Set the plan's status to review until every value chain is final.",
    ),
    Code(
        "status-against-period",
        stage="link",
        severity="warning",
        title="An activity's status that its period contradicts",
        description="On the edition's date, a completed activity still runs, a running one "
        "has not started, or a proposed or planned one has already ended.",
        fix="Correct the status or the period.",
    ),
)

PLACEHOLDER = re.compile(
    r"\b(nog te (?:benoemen|bepalen|vullen|bevestigen)|nog geen bron|nog niet bekend|"
    r"to be (?:named|decided|confirmed)|TODO|TBD|XXX)\b",
    re.IGNORECASE,
)
"""Words that mark text as not written yet, in Dutch and English."""


def _texts(value: object, path: DocPath) -> Iterator[tuple[DocPath, str]]:
    """Every text inside a model, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*path, name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))


def _quarter(year: int, month: int) -> tuple[int, int]:
    return (year, (month - 1) // 3 + 1)


def check(facts: Facts, out: Findings) -> None:
    """Report statuses the content or the period contradicts."""
    validated = facts.validated
    plan = validated.plan
    drafts = sorted(
        c for c, v in validated.valuechains.items() if v.model.status is not Status.FINAL
    )
    if plan is not None and plan.model.status is Status.FINAL and drafts:
        out.add(
            plan.document,
            ("status",),
            "final-plan-with-drafts",
            f"the plan is final, but {len(drafts)} value chain"
            f"{'s are' if len(drafts) > 1 else ' is'} not: {', '.join(drafts)}; set the "
            "plan's status to review until they are final",
            Severity.WARNING,
        )
    for _, chain in sorted(validated.valuechains.items()):
        if chain.model.status is Status.FINAL:
            for path, text in _texts(chain.model, ()):
                if found := PLACEHOLDER.search(text):
                    out.add(
                        chain.document,
                        path,
                        "final-with-placeholders",
                        f"the value chain is final, but this text still says "
                        f"'{found.group(0)}'; fill it in, or set the status back to review",
                        Severity.WARNING,
                    )
        if plan is not None:
            _against_period(chain.document, chain.model.activities, plan.model.date, out)


def _against_period(
    document: Document, activities: list[Activity], date: dt.date, out: Findings
) -> None:
    """Statuses that the edition's date and the activity's period contradict."""
    today = _quarter(date.year, date.month)
    for index, activity in enumerate(activities):
        period, status = activity.period, activity.status
        if period is None:
            continue
        message = None
        if status is ActivityStatus.COMPLETED and period.end.last > today:
            message = (
                f"the activity is completed, but its period runs until {period.end}, after "
                f"this edition's date ({date})"
            )
        elif status is ActivityStatus.RUNNING and period.start.first > today:
            message = (
                f"the activity is running, but its period starts in {period.start}, after "
                f"this edition's date ({date})"
            )
        elif status in (ActivityStatus.PROPOSED, ActivityStatus.PLANNED) and (
            period.end.last < today
        ):
            message = (
                f"the activity is still {status.value}, but its period ended in {period.end}, "
                f"before this edition's date ({date})"
            )
        if message:
            out.add(
                document,
                ("activities", index, "status"),
                "status-against-period",
                f"{message}; correct the status or the period",
                Severity.WARNING,
            )
