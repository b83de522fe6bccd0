"""Scaffolds for ``ntsplan new``: new data files that validate at once and explain
themselves in comments, rendered from the Jinja templates in ``templates/scaffold/``."""

from __future__ import annotations

from ntsplan.scaffold.environment import YamlText, render_scaffold, yaml_quote
from ntsplan.scaffold.folder import KnownIds, known_ids

__all__ = ["KnownIds", "YamlText", "known_ids", "render_scaffold", "yaml_quote"]
