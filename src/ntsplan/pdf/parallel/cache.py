"""The per-part cache: a part's pagination and PDF, kept between builds.

A part is known by its *layout key*: a hash of the build's settings (options, templates,
versions: the same inputs as the whole-output key, without the plan), the part's own HTML
and the page numbers it shows of anchors in other parts. Under that key the cache keeps
the part's pagination (pages and anchors: what the other parts' numbering depends on),
and under the layout key plus its numbering (the number of its first page, the total) its
PDF. After an edit to one value chain, only the parts whose HTML changed (that chain's
chapter, and the chapters that sum up the chains: summary, matrices, agendas, ...) get a
new key and are rendered again; when their page count changes, the parts whose numbers
moved are rendered again too.

The files live in ``<out>/.ntsplan-cache/parts/``; entries not used by the last build of
an edition are removed after it, so the folder holds about one build's parts. The last
anchor pages of each edition are kept too: the contents part starts from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ntsplan.atomic import atomic_write
from ntsplan.errors import NtsplanError
from ntsplan.pdf.weasy.layout import Numbering, Paginated

CACHE_DIR = ".ntsplan-cache"


@dataclass(slots=True)
class PartCache:
    """The cache folder of one edition (``stem``) in one output folder."""

    root: Path
    stem: str
    used: set[str] = field(default_factory=set)
    pending: dict[str, bytes] = field(default_factory=dict)
    """Entries to write: the cache is written only after the output (``flush``), so a
    failed or interrupted build leaves no trace in the output folder."""

    @classmethod
    def for_output(cls, out_dir: Path, stem: str) -> PartCache:
        return cls(out_dir / CACHE_DIR / "parts", stem)

    def _path(self, name: str) -> Path:
        self.used.add(name)
        return self.root / name

    def _read(self, name: str) -> bytes:
        if name in self.pending:
            self.used.add(name)
            return self.pending[name]
        return self._path(name).read_bytes()

    def pagination(self, key: str) -> Paginated | None:
        try:
            data = json.loads(self._read(f"{key}.json"))
            return Paginated(
                int(data["pages"]),
                {str(k): int(v) for k, v in data["anchors"].items()},
                {str(k): int(v) for k, v in data["used"].items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def store_pagination(self, key: str, paginated: Paginated) -> None:
        content = {"pages": paginated.pages, "anchors": paginated.anchors, "used": paginated.used}
        text = json.dumps(content, sort_keys=True)
        self._write(f"{key}.json", text.encode())

    def pdf(self, key: str, numbering: Numbering) -> bytes | None:
        """The PDF of the part with this layout key and numbering, if kept."""
        try:
            return self._read(_pdf_name(key, numbering))
        except OSError:
            return None

    def store_pdf(self, key: str, numbering: Numbering, data: bytes) -> None:
        self._write(_pdf_name(key, numbering), data)

    def anchors(self) -> dict[str, int]:
        """The anchor pages of this edition's last build (empty when unknown)."""
        try:
            data = json.loads(self._read(f"{self.stem}.anchors.json"))
            return {str(k): int(v) for k, v in data.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return {}

    def store_anchors(self, anchors: dict[str, int]) -> None:
        self._write(f"{self.stem}.anchors.json", json.dumps(anchors, sort_keys=True).encode())

    def flush(self) -> None:
        """Write the new entries, then remove the ones the edition's previous build used
        and this one did not. A cache that cannot be written only makes the next build
        slower: errors are ignored."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            for name, data in sorted(self.pending.items()):
                atomic_write(self.root / name, data)
            index = self.root / f"{self.stem}.index.json"
            try:
                previous = set(json.loads(index.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                previous = set()
            for name in sorted(previous - self.used):
                (self.root / name).unlink(missing_ok=True)
            atomic_write(index, json.dumps(sorted(self.used)).encode())
        except (OSError, NtsplanError):
            pass
        self.pending.clear()

    def _write(self, name: str, data: bytes) -> None:
        self.used.add(name)
        self.pending[name] = data


def _pdf_name(key: str, numbering: Numbering) -> str:
    return f"{key}-{numbering.first}-{numbering.total}.pdf"
