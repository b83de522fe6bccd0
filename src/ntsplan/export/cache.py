"""Skip the slow PDF render when nothing that goes into it has changed.

The key is a SHA-256 over everything the PDF is made from: the rendered HTML (which holds
the data, the templates' output and the inline print stylesheet), the PDF options and
metadata, the files WeasyPrint may fetch (the asset folders), and the versions of ntsplan
and WeasyPrint. It is kept beside the PDF in ``.<name>.pdf.hash`` together with the PDF's
own hash, so a PDF that was replaced or damaged since is rendered again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ntsplan import __version__
from ntsplan.export.atomic import atomic_write

_FORMAT = 1  # bump when the key's recipe changes, so old stamps no longer match


def cache_key(
    html: str,
    options: Mapping[str, str],
    asset_roots: Iterable[Path],
    weasyprint_version: str,
) -> str:
    """The content hash of one PDF render's inputs."""
    digest = hashlib.sha256()

    def add(label: str, value: bytes) -> None:
        # Length-prefixed fields: no two different inputs can run together into one.
        digest.update(f"{label}:{len(value)}:".encode())
        digest.update(value)

    add("format", str(_FORMAT).encode())
    add("ntsplan", __version__.encode())
    add("weasyprint", weasyprint_version.encode())
    for name in sorted(options):
        add(f"option:{name}", options[name].encode())
    for root in sorted(set(asset_roots)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            add(f"asset:{path.relative_to(root).as_posix()}", path.read_bytes())
    add("html", html.encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PdfStamp:
    """The hash file beside one PDF."""

    pdf: Path

    @property
    def path(self) -> Path:
        """``build/.versterkingsplan.pdf.hash`` for ``build/versterkingsplan.pdf``."""
        return self.pdf.with_name(f".{self.pdf.name}.hash")

    def is_fresh(self, key: str) -> bool:
        """Whether the PDF on disk was made from inputs with this ``key``, unchanged since."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
            pdf_bytes = self.pdf.read_bytes()
        except (OSError, ValueError):
            return False
        if not isinstance(recorded, dict):
            return False
        return bool(
            recorded.get("input") == key
            and recorded.get("pdf") == hashlib.sha256(pdf_bytes).hexdigest()
        )

    def record(self, key: str, pdf_bytes: bytes) -> None:
        """Remember that the PDF now on disk was made from inputs with this ``key``."""
        stamp = {"input": key, "pdf": hashlib.sha256(pdf_bytes).hexdigest()}
        atomic_write(self.path, (json.dumps(stamp, indent=2) + "\n").encode())
