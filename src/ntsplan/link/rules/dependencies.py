"""Dependencies between activities resolve, and do not form a circle.

``depends`` names an activity of the same chain (``pilot-lijn``) or of another chain
(``chips/pilot-lijn``). Fix: correct the id as the message suggests; for a circle, remove one
of the dependencies the message lists.
"""

from __future__ import annotations

from collections.abc import Mapping

from ntsplan.codes import Code, register
from ntsplan.link.cycles import Node, find_cycles
from ntsplan.link.hints import listing
from ntsplan.link.memo import ChainMemo
from ntsplan.link.rules.base import Facts, Findings
from ntsplan.load.document import DocPath
from ntsplan.schema import ValueChain
from ntsplan.suggest import closest, hint
from ntsplan.validate import Checked

CODES = register(
    Code(
        "unknown-activity",
        stage="link",
        title="A dependency on an activity that does not exist",
        description="An activity's depends list names an activity id that is not in the value "
        "chain (or 'chain/activity' for another chain).",
        fix="Correct the id as suggested:\n\n    depends: [pilot-lijn]           # this chain\n"
        "    depends: [chips/pilot-lijn]     # another chain",
    ),
    Code(
        "dependency-cycle",
        stage="link",
        title="Activities that depend on each other in a circle",
        description="Following the depends lists leads back to the first activity (or an "
        "activity depends on itself), so no order of the activities is possible.",
        fix="Remove one of the dependencies the message lists.",
    ),
)


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
        for d_index, ref in enumerate(activity.depends_ids):
            target_chain, _, target_id = ref.rpartition("/")
            edges.append((node, index, d_index, ref, (target_chain or chain_id, target_id)))
    if memo:
        memo.put_edges(checked, (nodes, edges))
    return nodes, edges


def check(facts: Facts, out: Findings) -> None:
    """Report unknown and circular dependencies."""
    validated = facts.validated
    chains = validated.valuechains
    extracted = {chain_id: _edges_of(chain_id, c, facts.memo) for chain_id, c in chains.items()}
    known: set[Node] = set()
    for nodes, _ in extracted.values():
        known.update(nodes)
    graph: dict[Node, list[Node]] = {}
    where: dict[tuple[Node, Node], tuple[str, DocPath]] = {}
    for chain_id in sorted(chains):
        checked = chains[chain_id]
        nodes, edges = extracted[chain_id]
        for node in nodes:
            graph.setdefault(node, [])
        for node, index, d_index, ref, target in edges:
            path: DocPath = ("activities", index, "depends", d_index)
            if isinstance(checked.document.get(path), dict):
                path = (*path, "id")  # {id: ..., overlap: true}: the id is what to correct
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
                message, match = _unknown_activity(ref, target, node, known, chains)
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
    ref: str, target: Node, node: Node, known: set[Node], chains: Mapping[str, object]
) -> tuple[str, str | None]:
    """The message for a dependency on an unknown activity, and the reference to write
    instead when one is close (the whole reference, as it replaces the value). The
    dependent activity itself is never proposed: that fix would be a cycle."""
    target_chain, target_id = target
    chain_id = node[0]
    prefix = f"{target_chain}/" if "/" in ref else ""
    if target_chain not in chains:
        match = closest(target_chain, chains)
        message = f"'{ref}' refers to value chain '{target_chain}', which does not exist"
        if not match:
            message += f"; the value chains are: {listing(chains)}"
        return message + hint(match), f"{match}/{target_id}" if match else None
    candidates = [a for c, a in known if c == target_chain]
    where = "this chain" if target_chain == chain_id else f"value chain '{target_chain}'"
    match = closest(target_id, [a for a in candidates if (target_chain, a) != node])
    if match:
        fix = hint(match)
    else:
        have = f"its activities are: {listing(candidates)}" if candidates else "it has none"
        other = next(iter(sorted(c for c in chains if c != chain_id)), "other-chain")
        fix = (
            f"; {have}. For an activity of another value chain write "
            f"'valuechain-id/activity-id', e.g. '{other}/id'"
        )
    return f"no activity '{target_id}' in {where}{fix}", (f"{prefix}{match}" if match else None)
