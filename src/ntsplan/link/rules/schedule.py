"""An activity that 'follows on' another starts after that one has ended.

Protects the reader from a timeline that contradicts itself: a 'follows on' arrow drawn
backwards through the bars, or an activity said to wait for a result that comes later.
Where two activities are meant to run together (a pilot that starts while the scan still
runs), the data says so: ``depends: [{id: scan, overlap: true}]``, and the timeline draws
the overlap instead. Fix: move the start after the other's end, or mark the overlap; a
marked overlap whose periods do not overlap gets a safe fix back to the plain id.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load.document import DocPath
from ntsplan.problems import Severity
from ntsplan.schema import Activity
from ntsplan.schema.activity import Period

CODES = register(
    Code(
        "dependency-overlap",
        stage="link",
        severity="warning",
        title="An activity starts before the one it follows on has ended",
        description="An activity's depends names an activity whose period ends after this "
        "one starts, so the timeline's 'follows on' arrow would run backwards.",
        fix="Start the activity after the other one ends, or, when the two are meant to "
        "run together, mark the overlap:\n\n    depends: [{id: scan, overlap: true}]",
    ),
    Code(
        "overlap-not-needed",
        stage="link",
        severity="warning",
        title="A dependency marked as overlapping that does not overlap",
        description="A dependency says overlap: true, but the other activity ends before "
        "this one starts: the mark says something the periods do not.",
        fix="Write the plain id (the message's fix does):\n\n    depends: [scan]",
    ),
)


def overlaps(before: Period, after: Period) -> bool:
    """Whether ``before`` has not ended when ``after`` starts (by quarter)."""
    return before.end.last >= after.start.first


def _span(period: Period) -> str:
    return f"{period.start} to {period.end}" if period.start != period.end else str(period.start)


def check(facts: Facts, out: Findings) -> None:
    """Report dependencies whose predecessor has not ended, and needless overlap marks."""
    chains = facts.validated.valuechains
    activities: dict[tuple[str, str], Activity] = {
        (chain_id, activity.id): activity
        for chain_id, checked in chains.items()
        for activity in checked.model.activities
    }
    for chain_id, checked in sorted(chains.items()):
        document = checked.document
        for index, activity in enumerate(checked.model.activities):
            if activity.period is None:
                continue
            for d_index, dependency in enumerate(activity.depends):
                target_chain, _, target_id = dependency.id.rpartition("/")
                before = activities.get((target_chain or chain_id, target_id))
                if before is None or before.period is None or before.id == activity.id:
                    continue
                path: DocPath = ("activities", index, "depends", d_index)
                meets = overlaps(before.period, activity.period)
                if meets and not dependency.overlap:
                    out.add(
                        document,
                        path,
                        "dependency-overlap",
                        f"'{activity.id}' ({_span(activity.period)}) follows on "
                        f"'{dependency.id}', which runs until {before.period.end}, past this "
                        f"one's start; start it after {before.period.end}, or if the two are "
                        f"meant to run together write {{id: {dependency.id}, overlap: true}}",
                        Severity.WARNING,
                    )
                elif dependency.overlap and not meets:
                    out.add(
                        document,
                        path,
                        "overlap-not-needed",
                        f"'{dependency.id}' ends ({before.period.end}) before '{activity.id}' "
                        f"starts ({activity.period.start}), so they do not overlap; write "
                        f"just {dependency.id}",
                        Severity.WARNING,
                        fix=document.replace_value(
                            path, dependency.id, f"Write just '{dependency.id}'"
                        ),
                    )
