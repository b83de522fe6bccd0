"""Synthetic plans N times larger than a given plan folder, for the benchmark.

Every value chain is copied N times. Copy 0 is the original file, byte for byte; copy k
gets the id ``<chain>-x<k>`` and its cross-chain dependencies (``chain/activity``) point at
copy k of the target chain, so each copy is a twin of the original plan and the result
validates exactly when the original does. ``plan.yaml`` is copied with
``expects.valuechains`` set to the new count; ``roms.yaml`` and ``technologies/`` are
reference data and stay as they are. Edits are textual, so comments and layout (and thus
the parsing work) stay those of the hand-written files. The output is deterministic.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ID_MAX = 64
"""Longest id the schema accepts."""


@dataclass(frozen=True, slots=True)
class PlanSize:
    """How big a plan folder is."""

    valuechains: int
    files: int
    activities: int
    kib: int


def measure_plan(root: Path) -> PlanSize:
    """Count value chains, .yaml files, activities and bytes of a plan folder."""
    files = sorted(root.rglob("*.yaml"))
    chains = sorted((root / "valuechains").glob("*.yaml"))
    activities = 0
    for file in chains:
        with file.open("rb") as stream:
            data = yaml.load(stream, Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and isinstance(data.get("activities"), list):
            activities += len(data["activities"])
    return PlanSize(
        len(chains), len(files), activities, sum(f.stat().st_size for f in files) // 1024
    )


def copy_id(chain_id: str, copy: int) -> str:
    """The id of copy ``copy`` of ``chain_id``; copy 0 keeps the original id."""
    if copy == 0:
        return chain_id
    suffix = f"-x{copy:03d}"
    return chain_id[: ID_MAX - len(suffix)].rstrip("-") + suffix


def _cross_chain_refs(text: str, chain_ids: set[str]) -> set[str]:
    """The ``chain/activity`` dependencies of a value chain file that name a known chain."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    refs: set[str] = set()
    activities = data.get("activities") if isinstance(data, dict) else None
    for activity in activities if isinstance(activities, list) else []:
        depends = activity.get("depends") if isinstance(activity, dict) else None
        for ref in depends if isinstance(depends, list) else []:
            if isinstance(ref, str) and ref.partition("/")[0] in chain_ids and "/" in ref:
                refs.add(ref)
    return refs


def _rewrite_refs(text: str, refs: set[str], copy: int) -> str:
    """Point each cross-chain reference in ``text`` at copy ``copy`` of its chain."""
    for ref in sorted(refs, key=len, reverse=True):
        chain, _, activity = ref.partition("/")
        # Not inside a URL or a longer id: no word character, slash, dot or hyphen around it.
        pattern = re.compile(rf"(?<![\w/.:-]){re.escape(ref)}(?![\w/-])")
        text = pattern.sub(f"{copy_id(chain, copy)}/{activity}", text)
    return text


_EXPECTS_CHAINS = re.compile(r"(\bvaluechains:[ \t]*)\d+")


def _rewrite_expects(text: str, count: int) -> str:
    """Set ``expects.valuechains`` in the text of plan.yaml."""
    start = text.find("expects:")
    if start < 0:
        return text
    head, tail = text[:start], text[start:]
    return head + _EXPECTS_CHAINS.sub(rf"\g<1>{count}", tail, count=1)


def generate(source: Path, dest: Path, factor: int, *, expects_max: int | None = None) -> PlanSize:
    """Write a plan ``factor`` times as large as ``source`` to ``dest`` (replaced if present).

    ``expects_max`` caps ``expects.valuechains`` at the schema's maximum, if it has one.
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    chain_files = sorted((source / "valuechains").glob("*.yaml"))
    chain_ids = {file.stem for file in chain_files}
    count = len(chain_files) * factor
    plan_text = (source / "plan.yaml").read_text(encoding="utf-8")
    expected = min(count, expects_max) if expects_max else count
    (dest / "plan.yaml").write_text(_rewrite_expects(plan_text, expected), encoding="utf-8")
    for name in ("roms.yaml",):
        if (source / name).is_file():
            shutil.copyfile(source / name, dest / name)
    if (source / "technologies").is_dir():
        shutil.copytree(source / "technologies", dest / "technologies")
    out = dest / "valuechains"
    out.mkdir()
    for file in chain_files:
        text = file.read_text(encoding="utf-8")
        refs = _cross_chain_refs(text, chain_ids)
        for copy in range(factor):
            body = text if copy == 0 else _retitle(_rewrite_refs(text, refs, copy), copy)
            (out / f"{copy_id(file.stem, copy)}.yaml").write_text(body, encoding="utf-8")
    return measure_plan(dest)


def _retitle(text: str, copy: int) -> str:
    """Give copy ``copy`` a title of its own (``... (kopie 3)``), and its activities too:
    ntsplan reports a value chain with another's title or activities as a copied file.
    Handles ``title: X`` and a title per language (``title:``, then ``  nl: X``)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.startswith("title:"):
            continue
        if line.strip() == "title:":
            below = index + 1
            while below < len(lines) and lines[below].startswith("  "):
                if re.match(r"^  (nl|en):[ \t]*\S", lines[below]):
                    lines[below] = _suffixed(lines[below], copy)
                below += 1
        else:
            lines[index] = _suffixed(line, copy)
        break
    # ... and activities of its own: the check compares their ids and titles too.
    inside = False
    for index, line in enumerate(lines):
        if line.startswith("activities:"):
            inside = True
        elif line[:1].strip():
            inside = False
        elif inside and re.match(r"^(    title|      nl|      en):[ \t]*[^\s>|]", line):
            # (not a block scalar's header, such as a per-language description's 'nl: >-')
            lines[index] = _suffixed(line, copy)
    return "\n".join(lines)


def _suffixed(line: str, copy: int) -> str:
    """``key: value`` with `` (kopie N)`` added to the value, inside its quotes if any."""
    stripped = line.rstrip()
    suffix = f" (kopie {copy})"
    if stripped[-1:] in ("'", '"'):
        return stripped[:-1] + suffix + stripped[-1]
    return stripped + suffix


def schema_expects_max() -> int | None:
    """The schema's upper bound on ``expects.valuechains``, if ntsplan declares one."""
    try:
        from ntsplan.schema.plan import Expectations  # noqa: PLC0415 - optional coupling
    except ImportError:
        return None
    for item in Expectations.model_fields["valuechains"].metadata:
        bound = getattr(item, "le", None)
        if isinstance(bound, int):
            return bound
    return None
