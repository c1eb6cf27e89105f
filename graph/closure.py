"""Breadth-first closures over one relationship type, from an index built at load time.

The index numbers the nodes at the relationships' ends in id order and keeps, for each number,
a tuple of its successors' numbers and one of its predecessors'. A walk then goes a layer at a
time: the layer's neighbours are gathered into a set and the new ones found by one set
difference, so the work per edge runs in C rather than as a Python step. A layer's numbers
sorted are its ids sorted, so the answer comes out in (depth, id) order without sorting it whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, repeat

__all__ = ["ClosureIndex"]


class ClosureIndex:
    """The nodes reachable from a node along directed pairs, each at its shortest depth."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        """``pairs``: (source id, target id) of every relationship to walk along."""
        edges = list(pairs)
        self._ids = tuple(sorted({end for edge in edges for end in edge}))
        self._number = {node_id: number for number, node_id in enumerate(self._ids)}
        successors: list[list[int]] = [[] for _ in self._ids]
        predecessors: list[list[int]] = [[] for _ in self._ids]
        number = self._number
        for source, target in edges:
            successors[number[source]].append(number[target])
            predecessors[number[target]].append(number[source])
        self._successors = tuple(map(tuple, successors))
        self._predecessors = tuple(map(tuple, predecessors))

    def layers(self, start: str, forward: bool, max_depth: int) -> list[tuple[str, int]]:
        """(id, depth) of every node within ``max_depth`` steps of ``start``, walking from source
        to target when ``forward`` (else from target to source), ordered by (depth, id); the start
        itself is left out."""
        first = self._number.get(start)
        if first is None:
            return []
        neighbours = (self._successors if forward else self._predecessors).__getitem__
        ids = self._ids
        seen = {first}
        frontier: Iterable[int] = (first,)
        found: list[tuple[str, int]] = []
        for depth in range(1, max_depth + 1):
            # ``set - seen`` loops over the layer's neighbours, not over everything seen so far.
            new = set(chain.from_iterable(map(neighbours, frontier))) - seen
            if not new:
                break
            seen |= new
            frontier = sorted(new)
            found += zip(map(ids.__getitem__, frontier), repeat(depth))
        return found
