"""Cycles in a directed graph: the activities that depend on each other in a circle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Node = tuple[str, str]
"""An activity as (value chain id, activity id)."""


def find_cycles(graph: Mapping[Node, Sequence[Node]]) -> list[list[Node]]:
    """Each cycle once, as the list of nodes along it, starting at its smallest node.

    An iterative depth-first search (no recursion limit on long chains), linear in the
    number of activities and dependencies.
    """
    white, grey, black = 0, 1, 2
    colour: dict[Node, int] = dict.fromkeys(graph, white)
    cycles: list[list[Node]] = []
    seen: set[frozenset[Node]] = set()
    for start in sorted(graph):
        if colour[start] != white:
            continue
        colour[start] = grey
        path: list[Node] = [start]
        stack = [iter(graph[start])]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                colour[path.pop()] = black
                continue
            state = colour.get(step, black)  # an unknown target is reported elsewhere
            if state == grey:
                cycle = path[path.index(step) :]
                key = frozenset(cycle)
                if key not in seen:
                    seen.add(key)
                    first = cycle.index(min(cycle))
                    cycles.append(cycle[first:] + cycle[:first])
            elif state == white:
                colour[step] = grey
                path.append(step)
                stack.append(iter(graph.get(step, ())))
    return cycles
