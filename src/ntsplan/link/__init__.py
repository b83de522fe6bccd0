"""The link stage: validated models to one ``Plan``, with every cross-reference checked."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from ntsplan.link.copies import check_copies
from ntsplan.link.dependencies import Node, find_cycles
from ntsplan.link.hints import listing
from ntsplan.link.model import Party, Plan
from ntsplan.link.references import ChainMemo, Reporter, check_references
from ntsplan.load.document import DocPath
from ntsplan.problems import Problem
from ntsplan.schema import ValueChain
from ntsplan.validate import Checked, ValidationResult
from ntsplan.validate.suggest import closest, hint

__all__ = ["ChainMemo", "LinkResult", "Party", "Plan", "link"]


@dataclass(slots=True)
class LinkResult:
    """The linked plan (None while any file is invalid or missing) and cross-file problems."""

    plan: Plan | None
    problems: list[Problem] = field(default_factory=list)


Edge = tuple[Node, int, int, str, Node]
"""A dependency: the activity, its index, the index in its depends, the reference, the target."""


def _edges_of(
    chain_id: str, checked: Checked[ValueChain], memo: ChainMemo | None
) -> tuple[list[Node], list[Edge]]:
    """The activities of a chain and their dependencies, kept in ``memo`` while the chain's
    validated model is unchanged."""
    kept = memo.edges(checked) if memo else None
    if kept is not None:
        found: tuple[list[Node], list[Edge]] = kept
        return found
    nodes: list[Node] = []
    edges: list[Edge] = []
    for index, activity in enumerate(checked.model.activities):
        node = (chain_id, activity.id)
        nodes.append(node)
        for d_index, ref in enumerate(activity.depends):
            target_chain, _, target_id = ref.rpartition("/")
            edges.append((node, index, d_index, ref, (target_chain or chain_id, target_id)))
    if memo:
        memo.put_edges(checked, (nodes, edges))
    return nodes, edges


def _check_dependencies(
    validated: ValidationResult, out: Reporter, memo: ChainMemo | None = None
) -> None:
    chains = validated.valuechains
    extracted = {chain_id: _edges_of(chain_id, c, memo) for chain_id, c in chains.items()}
    known: set[Node] = set()
    for nodes, _ in extracted.values():
        known.update(nodes)
    graph: dict[Node, list[Node]] = {}
    where: dict[tuple[Node, Node], tuple[str, tuple[str | int, ...]]] = {}
    for chain_id in sorted(chains):
        checked = chains[chain_id]
        nodes, edges = extracted[chain_id]
        for node in nodes:
            graph.setdefault(node, [])
        for node, index, d_index, ref, target in edges:
            path: DocPath = ("activities", index, "depends", d_index)
            if target == node:
                out.add(
                    checked.document,
                    path,
                    "dependency-cycle",
                    f"activity '{node[1]}' depends on itself; remove '{ref}'",
                )
                continue
            if target not in known:
                if target[0] not in chains and target[0] in validated.present_chains:
                    continue  # the other chain's file is invalid; reported there
                message, match = _unknown_activity(ref, target, chain_id, known, chains)
                out.add(checked.document, path, "unknown-activity", message, suggestion=match)
                continue
            graph[node].append(target)
            where.setdefault((node, target), (chain_id, path))
    for cycle in find_cycles(graph):
        first, second = cycle[0], cycle[1 % len(cycle)]
        chain_id, path = where[(first, second)]
        names = " → ".join(f"{c}/{a}" for c, a in [*cycle, cycle[0]])
        out.add(
            chains[chain_id].document,
            path,
            "dependency-cycle",
            f"activities depend on each other in a circle: {names}; remove one dependency",
        )


def _unknown_activity(
    ref: str, target: Node, chain_id: str, known: set[Node], chains: Mapping[str, object]
) -> tuple[str, str | None]:
    """The message for a dependency on an unknown activity, and the reference to write
    instead when one is close (the whole reference, as it replaces the value)."""
    target_chain, target_id = target
    prefix = f"{target_chain}/" if "/" in ref else ""
    if target_chain not in chains:
        match = closest(target_chain, chains)
        message = f"'{ref}' refers to value chain '{target_chain}', which does not exist"
        if not match:
            message += f"; the value chains are: {listing(chains)}"
        return message + hint(match), f"{match}/{target_id}" if match else None
    candidates = [a for c, a in known if c == target_chain]
    where = "this chain" if target_chain == chain_id else f"value chain '{target_chain}'"
    match = closest(target_id, candidates)
    if match:
        fix = hint(match)
    else:
        have = f"its activities are: {listing(candidates)}" if candidates else "it has none"
        fix = (
            f"; {have}. For an activity of another value chain write "
            "'valuechain-id/activity-id', e.g. "
            f"'{next(iter(sorted(c for c in chains if c != chain_id)), 'other-chain')}/id'"
        )
    return f"no activity '{target_id}' in {where}{fix}", (f"{prefix}{match}" if match else None)


def _title_order(item: tuple[str, Checked[ValueChain]]) -> tuple[str, str]:
    """Value chains in the order a reader looks them up: by title, as the alphabet has it
    (accents folded, so 'Ééndimensionaal' sorts with the E's), then by id."""
    chain_id, checked = item
    folded = unicodedata.normalize("NFKD", checked.model.title.casefold())
    return ("".join(c for c in folded if not unicodedata.combining(c)), chain_id)


def _activity_locations(validated: ValidationResult) -> dict[tuple[str, str], str]:
    """Where each activity starts: ``valuechains/<file>:<line>``, relative to the data
    folder so that it reads the same in every checkout."""
    locations: dict[tuple[str, str], str] = {}
    for chain_id, checked in sorted(validated.valuechains.items()):
        name = f"valuechains/{checked.document.file.name}"
        for index, activity in enumerate(checked.model.activities):
            line = checked.document.locate(("activities", index)).line
            locations[(chain_id, activity.id)] = f"{name}:{line}"
    return locations


def link(
    validated: ValidationResult, *, memo: ChainMemo | None = None, build_plan: bool = True
) -> LinkResult:
    """Check every cross-reference; build the ``Plan`` when all files are valid (and
    ``build_plan``: the language server needs the problems only). ``memo`` keeps the
    reference checks of unchanged value chains between runs."""
    out = Reporter()
    out.problems.extend(check_references(validated, memo))
    check_copies(validated, out)
    _check_dependencies(validated, out, memo)
    plan: Plan | None = None
    if build_plan and validated.complete and validated.plan and validated.roms:
        plan = Plan(
            info=validated.plan.model,
            roms={rom.id: rom for rom in validated.roms.model.roms},
            technologies={
                tech_id: checked.model
                for tech_id, checked in sorted(
                    validated.technologies.items(), key=lambda item: item[1].model.number
                )
            },
            valuechains={
                chain_id: checked.model
                for chain_id, checked in sorted(validated.valuechains.items(), key=_title_order)
            },
            locations=_activity_locations(validated),
        )
    return LinkResult(plan, out.problems)
