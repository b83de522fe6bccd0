"""'Did you mean ...?' for unknown fields, ids and choices."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to be a likely typo."""
    options = sorted(set(candidates))
    lowered = {option.lower(): option for option in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # noqa: PLC0415 - only needed when something is misspelt

    matches = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if matches:
        return lowered[matches[0]]
    # A plural, or a prefix: 'rom' for 'roms', 'tech' for 'technologies'.
    for option in options:
        if len(word) >= 3 and (option.startswith(word) or word.startswith(option)):
            return option
    return None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' or an empty string."""
    return hint(closest(word, candidates))


def hint(match: str | None) -> str:
    """The did-you-mean text for a match found by ``closest``; empty for None."""
    return f" — did you mean '{match}'?" if match else ""


def one_of(candidates: Iterable[str]) -> str:
    """A readable list of choices: 'a, b or c'."""
    items = [f"'{c}'" for c in candidates]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


TRANSLATIONS: dict[str, str] = {
    # Statuses of the plan and its value chains.
    "definitief": "final",
    "vastgesteld": "final",
    "klaar": "final",
    "ter review": "review",
    "in review": "review",
    "beoordeling": "review",
    "ontwerp": "concept",
    "draft": "concept",
    # Activities (IATI's status words, in Dutch).
    "voorgesteld": "proposed",
    "voorstel": "proposed",
    "gepland": "planned",
    "lopend": "running",
    "loopt": "running",
    "actief": "running",
    "afgerond": "completed",
    "voltooid": "completed",
    "geannuleerd": "cancelled",
    "vervallen": "cancelled",
    "canceled": "cancelled",
    # Budgets.
    "indicatief": "indicative",
    "schatting": "indicative",
    "toegezegd": "committed",
    "gecommitteerd": "committed",
    # Kinds of task and of stakeholder.
    "belanghebbende": "stakeholder",
    "bedrijf": "company",
    "onderneming": "company",
    "provincie": "province",
    "universiteit": "university",
    "kennisinstelling": "institute",
    "kennisinstituut": "institute",
    "instituut": "institute",
    "overig": "other",
    "anders": "other",
    # Languages.
    "nederlands": "nl",
    "dutch": "nl",
    "engels": "en",
    "english": "en",
}
"""Words editors write for a value of a closed list, in Dutch or in full: the value meant.
Certain readings only (a translation, not a guess): each is a safe fix."""


def translated(word: str, candidates: Iterable[str]) -> str | None:
    """The value of ``candidates`` that ``word`` is a translation of, if it is one."""
    meant = TRANSLATIONS.get(" ".join(word.casefold().split()))
    return meant if meant is not None and meant in set(candidates) else None


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def certain_typo(written: str, meant: str) -> bool:
    """Whether ``meant`` is certainly what ``written`` was typed for: the same apart from
    case, spaces and separators, or one slip of the keyboard (two in a long word). A
    looser likeness ('bijna' for 'final') is a guess, for the editor to confirm."""
    if written.casefold() == meant.casefold():
        return True
    squeeze = str.maketrans("", "", " -_")
    a, b = written.casefold().translate(squeeze), meant.casefold().translate(squeeze)
    if a == b:
        return True
    return _distance(a, b) <= (1 if len(b) < 8 else 2)
