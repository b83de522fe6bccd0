"""The label catalogues: every word the document prints that does not come from the data.

One catalogue per language, ``templates/labels/<language>.yaml``. They are read with
ntsplan's own strict YAML loader rather than ``yaml.safe_load``: a duplicated key is an error
instead of silently replacing the first, and words such as ``nee``/``no``/``on`` stay text
instead of turning into booleans, which matters for a file full of short words.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from ntsplan.load.yamlfile import parse_text
from ntsplan.plan.edition import LANGUAGES
from ntsplan.resources import templates_dir


class CatalogueError(RuntimeError):
    """A label catalogue shipped with ntsplan is broken (a bug in ntsplan, not in the data)."""


def _namespace(value: Any) -> Any:
    # Attribute access in templates ('t.cover.title') without clashing with dict methods
    # such as 'items' or 'values'; a missing key is undefined, which StrictUndefined rejects.
    if isinstance(value, Mapping):
        return SimpleNamespace(**{key: _namespace(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_namespace(item) for item in value)
    return value


@dataclass(frozen=True, slots=True)
class Labels:
    """The catalogue of one language: nested mappings of strings."""

    language: str
    data: Mapping[str, Any]

    def text(self, key: str) -> str:
        """The label at a dotted key, e.g. ``text("cover.concept")``."""
        value: Any = self.data
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise CatalogueError(f"label '{key}' is missing from {self.language}.yaml")
            value = value[part]
        if not isinstance(value, str):
            raise CatalogueError(f"label '{key}' in {self.language}.yaml is not text")
        return value

    @property
    def months(self) -> tuple[str, ...]:
        """Month names, January first."""
        months = self.data.get("months")
        if not isinstance(months, list) or len(months) != 12:
            raise CatalogueError(f"{self.language}.yaml needs 'months' with twelve names")
        return tuple(str(month) for month in months)

    def namespace(self) -> SimpleNamespace:
        """The catalogue as nested attributes, for templates."""
        result = _namespace(self.data)
        assert isinstance(result, SimpleNamespace)
        return result


@functools.cache
def load_labels(language: str) -> Labels:
    """The catalogue for ``language`` ('nl' or 'en'), read once per process."""
    if language not in LANGUAGES:
        raise ValueError(f"no labels for language '{language}'; use one of {LANGUAGES}")
    path = templates_dir() / "labels" / f"{language}.yaml"
    document, problems = parse_text(path, path.read_text(encoding="utf-8"))
    if document is None or problems or not isinstance(document.data, dict):
        details = "; ".join(f"{p.line}:{p.column} {p.message}" for p in problems)
        raise CatalogueError(f"cannot read {path}: {details or 'not a mapping'}")
    return Labels(language, document.data)
