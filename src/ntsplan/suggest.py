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
