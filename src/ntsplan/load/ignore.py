"""Which files of a plan folder ntsplan leaves alone without a word.

Every other file is either read or named in a warning with what to do about it: nothing
in the folder is skipped silently. Dotfiles and editors' back-up and lock files are
ignored by default; ``ignore:`` in ``plan.yaml`` adds patterns of its own (shell-style, as
in ``.gitignore``: ``*.docx``, ``drafts/``, ``valuechains/old-*.yaml``).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_IGNORE = (
    ".*",  # dotfiles and dot-folders: .git, .gitkeep, .DS_Store, .chips.yaml.swp, .#chips.yaml
    "*~",  # Emacs, gedit, Kate back-ups
    "#*#",  # Emacs auto-save
    "*.bak",
    "*.swp",
    "*.swo",
    "*.tmp",
    "*.orig",  # left by merge tools
    "~$*",  # Word and Excel lock files
    "README*",  # notes about the folder itself
    "Thumbs.db",
    "desktop.ini",
)
"""Ignored in every plan folder; documented in the README ("Files ntsplan does not read")."""


@dataclass(frozen=True, slots=True)
class IgnoreRules:
    """Shell-style patterns for names (``*.bak``) or paths in the folder (``drafts/old.yaml``);
    a pattern ending in ``/`` matches folders only."""

    patterns: tuple[str, ...] = DEFAULT_IGNORE

    @classmethod
    def with_extra(cls, extra: Iterable[str]) -> IgnoreRules:
        """The defaults plus ``extra`` (the ``ignore:`` list of ``plan.yaml``)."""
        return cls((*DEFAULT_IGNORE, *(p.strip() for p in extra if p.strip())))

    def ignores(self, relative: str, *, is_dir: bool) -> bool:
        """Whether the entry at ``relative`` (a POSIX path inside the plan folder) is ignored."""
        name = relative.rsplit("/", 1)[-1]
        by_name, by_path = _compiled(self.patterns, is_dir=is_dir)
        return bool((by_name and by_name.match(name)) or (by_path and by_path.match(relative)))


@lru_cache(maxsize=64)
def _compiled(
    patterns: tuple[str, ...], *, is_dir: bool
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The patterns as two regular expressions, one for names and one for paths: the same
    matches as ``fnmatch.fnmatchcase`` per pattern, in one step per entry (the language
    server loads the folder on every keystroke)."""
    names: list[str] = []
    paths: list[str] = []
    for pattern in patterns:
        if pattern.endswith("/") and not is_dir:
            continue
        bare = pattern.rstrip("/").lstrip("/")
        (paths if "/" in bare else names).append(fnmatch.translate(bare))
    return (
        re.compile("|".join(f"(?:{p})" for p in names)) if names else None,
        re.compile("|".join(f"(?:{p})" for p in paths)) if paths else None,
    )
