"""Skip rendering when nothing that goes into an output has changed.

The key is a SHA-256 over everything an output is made from: the linked plan (its
validated content, so an edit to a comment or to the layout of a YAML file changes
nothing), the templates and assets, the build options and PDF metadata, and the versions
of ntsplan and WeasyPrint. Because the key is known before anything is rendered, an
unchanged rebuild costs only the validation: no HTML render, no PDF layout.

Each output keeps its stamp beside it (``.versterkingsplan.pdf.hash``) with the key and
the output's own hash, so an output that was replaced or damaged since is made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ntsplan import __version__
from ntsplan.link import Plan
from ntsplan.resources import package_version

_FORMAT = 2  # bump when the key's recipe changes, so old stamps no longer match


def plan_fingerprint(plan: Plan) -> bytes:
    """The plan's validated content as canonical JSON: what the document is made from."""
    content = {
        "info": plan.info.model_dump(mode="json"),
        "roms": [rom.model_dump(mode="json") for rom in plan.roms.values()],
        "technologies": {k: t.model_dump(mode="json") for k, t in plan.technologies.items()},
        "valuechains": {k: c.model_dump(mode="json") for k, c in plan.valuechains.items()},
    }
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


def settings_key(options: Mapping[str, str], template_roots: Iterable[Path]) -> str:
    """The hash of everything but the plan: options, templates, versions (the part cache's)."""
    return cache_key(None, options, template_roots)


def cache_key(plan: Plan | None, options: Mapping[str, str], template_roots: Iterable[Path]) -> str:
    """The content hash of one build's inputs (without ``plan``: of all but the plan)."""
    digest = hashlib.sha256()

    def add(label: str, value: bytes) -> None:
        # Length-prefixed fields: no two different inputs can run together into one.
        digest.update(f"{label}:{len(value)}:".encode())
        digest.update(value)

    add("format", str(_FORMAT).encode())
    add("ntsplan", __version__.encode())
    add("weasyprint", package_version("weasyprint").encode())
    for name in sorted(options):
        add(f"option:{name}", options[name].encode())
    for root in sorted(set(template_roots)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            add(f"template:{path.relative_to(root).as_posix()}", path.read_bytes())
    if plan is not None:
        add("plan", plan_fingerprint(plan))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class OutputStamp:
    """The hash file beside one output."""

    output: Path

    @property
    def path(self) -> Path:
        """``build/.versterkingsplan.pdf.hash`` for ``build/versterkingsplan.pdf``."""
        return self.output.with_name(f".{self.output.name}.hash")

    def is_fresh(self, key: str) -> bool:
        """Whether the output on disk was made from inputs with this ``key``, unchanged since."""
        try:
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
            output_bytes = self.output.read_bytes()
        except (OSError, ValueError):
            return False
        if not isinstance(recorded, dict):
            return False
        return bool(
            recorded.get("input") == key
            and recorded.get("output") == hashlib.sha256(output_bytes).hexdigest()
        )

    @staticmethod
    def content(key: str, output_bytes: bytes) -> bytes:
        """The stamp's bytes for an output made from inputs with this ``key``."""
        stamp = {"input": key, "output": hashlib.sha256(output_bytes).hexdigest()}
        return (json.dumps(stamp, indent=2) + "\n").encode()
