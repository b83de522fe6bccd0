"""No value chain is a copy of another.

A chain copied to a new file name and not yet changed would count twice in every total
and table. A chain whose title, or whose list of activities, is the same as another's
(accents, case and spacing folded) is an error at its title, naming the other file. The
first chain in file-name order keeps its place; the later ones are reported.
Fix: give the copy its own title and content, or delete the file.
"""

from __future__ import annotations

from ntsplan.codes import Code, register
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.validate.names import fold

CODES = register(
    Code(
        "copied-chain",
        stage="link",
        title="A value chain that copies another",
        description="A value chain has the same title, or the same list of activities, as "
        "another (accents, case and spacing aside): most likely a file copied to a new name "
        "and not yet changed, which would count twice in every total. The later file in "
        "file-name order is reported, at its title, naming the other.",
        fix="Give the copy its own title and content, or delete the file.",
    ),
)


def check(facts: Facts, out: Findings) -> None:
    """Report every value chain whose title or activities repeat an earlier chain's."""
    by_title: dict[str, str] = {}
    by_activities: dict[tuple[tuple[str, str], ...], str] = {}
    for chain in facts.chains():
        title = fold(str(chain.model.title))
        activities = tuple(sorted((a.id, fold(str(a.title))) for a in chain.model.activities))
        same: list[str] = []
        if title and (other := by_title.get(title)) is not None:
            same.append(f"the same title as valuechains/{other}.yaml")
        else:
            by_title.setdefault(title, chain.id)
        if activities and (other := by_activities.get(activities)) is not None:
            same.append(f"the same activities as valuechains/{other}.yaml")
        else:
            by_activities.setdefault(activities, chain.id)
        if same:
            out.add(
                chain.document,
                ("title",),
                "copied-chain",
                f"this value chain has {' and '.join(same)}, so it looks like a copy; give "
                "it its own title and content, or delete the file",
                key=True,
            )
