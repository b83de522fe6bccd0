"""Where a workbook came from, written into it so that ``ntsplan import`` can take it back.

Every row of the Activities and KPIs sheets carries its key in a hidden last column
(``chain/activity``, or ``chain/activity#2`` for an activity's second KPI). A very hidden
sheet (``ntsplan``) holds the manifest (which sheets and column headers ntsplan wrote, in
which language) and, per key, a hash of the YAML data the row was made from and the row's
cells as written. The import compares a returned row with its cells as written to find
what the person changed, and the hash with the YAML of now to find rows whose YAML
changed since (a conflict).

The hash covers an activity's data as the workbook shows it (not its description, and
not its KPIs, which have rows of their own); a KPI's hash covers the KPI.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ntsplan.schema import Activity, Kpi
from ntsplan.workbook.cells import Cell, Formula

SHEET = "ntsplan"
"""The name of the very hidden provenance sheet (the same in every language)."""
MARKER = "ntsplan-workbook"
"""Cell A1 of the provenance sheet: this workbook was written by ntsplan."""
FORMAT = 1
"""The version of the provenance layout; the import refuses a newer one."""
HEADER_ROW = 2
"""The 1-based row of the provenance table's header (key, hash, cells); data below."""

_ACTIVITY_UNHASHED = frozenset({"description", "kpis"})


def activity_key(chain_id: str, activity_id: str) -> str:
    """'medtech/klinische-validatie'."""
    return f"{chain_id}/{activity_id}"


def kpi_key(chain_id: str, activity_id: str, place: int) -> str:
    """'medtech/klinische-validatie#1': the activity's first KPI (``place`` is 1-based)."""
    return f"{chain_id}/{activity_id}#{place}"


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def activity_hash(activity: Activity) -> str:
    """The hash of what an Activities row is made of."""
    return _digest(activity.model_dump(mode="json", exclude=set(_ACTIVITY_UNHASHED)))


def kpi_hash(kpi: Kpi) -> str:
    """The hash of what a KPIs row is made of."""
    return _digest(kpi.model_dump(mode="json"))


@dataclass(frozen=True, slots=True)
class SheetManifest:
    """One sheet the import reads: its name, the header of each column by key, and the
    first cell of its total row (which is not data)."""

    name: str
    columns: dict[str, str]
    total: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "columns": self.columns, "total": self.total}


@dataclass(frozen=True, slots=True)
class ProvenanceRow:
    """One row of a data sheet: its key, the hash of its YAML data, its cells as written
    (by column key; formulas left out)."""

    key: str
    hash: str
    cells: dict[str, str | int | float | None]


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the provenance sheet holds."""

    language: str
    edition: str
    activities: SheetManifest
    kpis: SheetManifest
    rows: tuple[ProvenanceRow, ...]
    names: tuple[str, ...] = ()
    """The name of every sheet written (a renamed one is then told from the others)."""

    def manifest_json(self) -> str:
        """The manifest as one line of JSON (cell B1 of the provenance sheet)."""
        manifest = {
            "format": FORMAT,
            "language": self.language,
            "edition": self.edition,
            "sheets": {"activities": self.activities.as_json(), "kpis": self.kpis.as_json()},
            "names": list(self.names),
        }
        return json.dumps(manifest, ensure_ascii=False, sort_keys=True)


def written_cells(keys: Sequence[str], cells: Sequence[Cell]) -> dict[str, Any]:
    """A row's cells by column key, without formulas (their values are computed) and
    without the key column itself."""
    return {
        key: cell
        for key, cell in zip(keys, cells, strict=False)
        if not isinstance(cell, Formula) and key != "key"
    }


def cells_json(cells: dict[str, Any]) -> str:
    """A row's cells as written, as compact JSON (one cell of the provenance sheet)."""
    return json.dumps(cells, ensure_ascii=False, separators=(",", ":"))
