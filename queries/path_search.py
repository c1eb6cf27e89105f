"""The one path engine: shortest and simple paths over any ``GraphStore``.

The stores answer three small questions (``expand`` a frontier, the ``relationships_between``
node pairs, ``nodes_by_id``); everything else happens here, so both backends give the same
answer in the same order by construction.

Why the work is bounded. Each request carries a ``WorkBudget`` and spends one unit per node it
expands and per partial path it builds. Neither search ever lists every path of the graph:

- shortest paths grow a breadth-first search from each end, a layer at a time, and give up as
  soon as the two depths add up to ``max_hops``; the paths are then read off the layers that
  met, lazily, in order, and only the first ``limit`` are built;
- simple paths go length by length (the order puts shorter paths first). Before looking for
  paths of length L the engine knows every node's distance to the target up to L - 1, and a
  partial path is extended only to nodes that can still reach the target in the hops left.
  Within a length, node sequences come in id order, so the first ``limit`` found are the
  answer, and the search stops there.

A request whose work passes its budget ends with ``QueryTooBroad``, naming the parameter that
narrows it, instead of holding a worker for as long as the graph allows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, pairwise, product

from graph.model import Node, Relationship
from graph.store import Direction, GraphStore, Pair, Path
from queries.errors import QueryTooBroad

__all__ = ["WorkBudget", "shortest_paths", "simple_paths"]


class WorkBudget:
    """Units of work one request may spend (nodes expanded, partial paths built)."""

    def __init__(self, limit: int, parameter: str) -> None:
        self.limit = limit
        self.parameter = parameter  # the request parameter that narrows the query
        self.spent = 0

    def spend(self, units: int) -> None:
        self.spent += units
        if self.spent > self.limit:
            raise QueryTooBroad(self.parameter, self.limit)


class _Neighbours:
    """Neighbour lists in one direction, fetched from the store a frontier at a time and kept
    for the rest of the request."""

    def __init__(
        self, store: GraphStore, types: Sequence[str] | None, direction: Direction, budget: WorkBudget
    ) -> None:
        self._store, self._types, self._direction, self._budget = store, types, direction, budget
        self._lists: dict[str, list[str]] = {}

    def fetch(self, ids: Iterable[str]) -> None:
        missing = sorted({node_id for node_id in ids if node_id not in self._lists})
        if not missing:
            return
        self._budget.spend(len(missing))
        fetched: dict[str, list[str]] = {node_id: [] for node_id in missing}
        for near, far in self._store.expand(missing, self._types, self._direction):
            fetched[near].append(far)
        self._lists.update((node_id, sorted(set(fars))) for node_id, fars in fetched.items())

    def __getitem__(self, node_id: str) -> list[str]:
        return self._lists[node_id]


class _BreadthFirst:
    """One end of a breadth-first search: what it has seen, and how each node of each layer
    was reached from the layer before."""

    def __init__(self, start: str, neighbours: _Neighbours) -> None:
        self.neighbours = neighbours
        self.seen = {start}
        self.frontier = [start]
        self.layers: list[dict[str, set[str]]] = []  # layers[i]: node i + 1 deep -> its parents

    @property
    def depth(self) -> int:
        return len(self.layers)

    def grow(self) -> bool:
        """Add the next layer; False if it holds no new node."""
        self.neighbours.fetch(self.frontier)
        layer: dict[str, set[str]] = {}
        for near in self.frontier:
            for far in self.neighbours[near]:
                if far not in self.seen:
                    layer.setdefault(far, set()).add(near)
        self.seen.update(layer)
        self.frontier = sorted(layer)
        self.layers.append(layer)
        return bool(layer)

    def steps_to(self, ends: set[str]) -> list[list[Pair]]:
        """The (near, far) pairs, layer by layer from the start, of every way to ``ends``
        (nodes of the last layer)."""
        steps: list[list[Pair]] = []
        for layer in reversed(self.layers):
            step = [(near, far) for far in sorted(ends) for near in sorted(layer[far])]
            steps.append(step)
            ends = {near for near, _ in step}
        return steps[::-1]


def _shortest_steps(ahead: _BreadthFirst, back: _BreadthFirst, max_hops: int) -> list[list[Pair]]:
    """The shortest-path graph as its steps in walking order: ``steps[i]`` holds the (near, far)
    pairs of nodes ``i`` and ``i + 1`` hops from the source on some shortest path; empty if
    there is none within ``max_hops``.

    The smaller frontier grows next. While no node has been seen from both ends, with the
    searches ``f`` and ``b`` layers deep, every path is longer than ``f + b``; so the first
    layer to reach the other search's nodes makes the length ``f + b``, and the nodes seen from
    both ends are exactly those ``f`` hops from the source on a shortest path."""
    while ahead.depth + back.depth < max_hops:
        side, other = (ahead, back) if len(ahead.frontier) <= len(back.frontier) else (back, ahead)
        if not side.grow():
            return []
        middle = {node_id for node_id in side.frontier if node_id in other.seen}
        if middle:
            after = back.steps_to(middle)
            return ahead.steps_to(middle) + [[(far, near) for near, far in step] for step in reversed(after)]
    return []


def _between(
    store: GraphStore, pairs: Iterable[Pair], types: Sequence[str] | None, directed: bool
) -> dict[Pair, list[Relationship]]:
    """The relationships joining each (near, far) pair, by pair, ordered by key."""
    wanted = sorted(set(pairs))
    found: dict[Pair, list[Relationship]] = {pair: [] for pair in wanted}
    for rel in store.relationships_between(wanted, types, directed):
        for pair in ((rel.source, rel.target), (rel.target, rel.source)):
            if pair in found and (not directed or pair == (rel.source, rel.target)):
                found[pair].append(rel)
    for rels in found.values():
        rels.sort(key=lambda rel: rel.key)
    return found


def _paths(
    store: GraphStore,
    sequences: Sequence[tuple[str, ...]],
    between: dict[Pair, list[Relationship]],
    budget: WorkBudget,
) -> Iterator[Path]:
    """Every path along each node sequence (parallel relationships multiply), in
    ``path_sort_key`` order when the sequences come in id order."""
    nodes: dict[str, Node] = store.nodes_by_id(sorted({i for ids in sequences for i in ids}))
    for ids in sequences:
        for rels in product(*(between[pair] for pair in pairwise(ids))):
            budget.spend(1)
            yield Path(tuple(nodes[i] for i in ids), rels)


def _alone(store: GraphStore, node_id: str) -> list[Path]:
    """The path of no hops from a node to itself."""
    return [Path((node,), ()) for node in store.nodes_by_id([node_id]).values()]


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int,
    types: Sequence[str] | None,
    directed: bool,
    limit: int,
    budget: WorkBudget,
) -> list[Path]:
    """All shortest paths of at most ``max_hops`` (ties included, parallel relationships giving
    distinct paths), the first ``limit`` in ``path_sort_key`` order; empty if none.

    Raises
    ------
    QueryTooBroad : the search spent more than ``budget``.
    """
    if source == target:
        return _alone(store, source)
    ahead = _BreadthFirst(source, _Neighbours(store, types, "out" if directed else "both", budget))
    back = _BreadthFirst(target, _Neighbours(store, types, "in" if directed else "both", budget))
    steps = _shortest_steps(ahead, back, max_hops)
    if not steps:
        return []
    after: dict[str, list[str]] = {}
    for near, far in sorted({pair for step in steps for pair in step}):
        after.setdefault(near, []).append(far)

    def walks(ids: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if len(ids) == len(steps) + 1:
            yield ids
            return
        for far in after.get(ids[-1], []):
            yield from walks((*ids, far))

    # Every pair lies on a shortest path, so every walk reaches the target: no dead ends, and
    # each sequence gives at least one path, so ``limit`` sequences are enough.
    sequences = list(islice(walks((source,)), limit))
    between = _between(store, (pair for ids in sequences for pair in pairwise(ids)), types, directed)
    return list(islice(_paths(store, sequences, between, budget), limit))


def simple_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int,
    directed: bool,
    limit: int,
    budget: WorkBudget,
) -> list[Path]:
    """The first ``limit`` paths without a repeated node, of at most ``max_hops``, in
    ``path_sort_key`` order (shorter first, then by node ids, then relationship keys).

    Raises
    ------
    QueryTooBroad : the search spent more than ``budget``.
    """
    if source == target:
        return _alone(store, source)
    # Search back from the target: ``towards[v]`` lists the nodes with a relationship to v.
    towards = _Neighbours(store, None, "in" if directed else "both", budget)
    distance = {target: 0}
    layer = [target]
    onward: dict[str, list[str]] = {}  # u -> the nodes one hop nearer (or as near) the target
    found: list[Path] = []
    for length in range(1, max_hops + 1):
        towards.fetch(layer)  # now every node within length - 1 of the target is expanded
        reached: set[str] = set()
        for node_id in layer:
            for near in towards[node_id]:
                onward.setdefault(near, []).append(node_id)
                if near not in distance:
                    reached.add(near)
        distance.update((node_id, length) for node_id in reached)
        layer = sorted(reached)
        if distance.get(source, length + 1) > length:
            continue
        sequences = list(islice(_walks(source, target, length, onward, distance, budget), limit - len(found)))
        between = _between(store, (pair for ids in sequences for pair in pairwise(ids)), None, directed)
        found += islice(_paths(store, sequences, between, budget), limit - len(found))
        if len(found) >= limit:
            break
    return found


def _walks(
    source: str,
    target: str,
    length: int,
    onward: dict[str, list[str]],
    distance: dict[str, int],
    budget: WorkBudget,
) -> Iterator[tuple[str, ...]]:
    """Node sequences of exactly ``length`` hops from source to target with no node twice, in
    id order; a branch is cut as soon as its last node cannot reach the target in the hops left."""
    nexts = {node_id: sorted(set(fars)) for node_id, fars in onward.items()}

    def extend(ids: tuple[str, ...], seen: frozenset[str]) -> Iterator[tuple[str, ...]]:
        left = length - len(ids) + 1
        if left == 0:
            yield ids
            return
        for far in nexts.get(ids[-1], []):
            if far in seen or distance[far] > left - 1 or (far == target) != (left == 1):
                continue
            budget.spend(1)
            yield from extend((*ids, far), seen | {far})

    yield from extend((source,), frozenset([source]))
