"""The projection the planner analytics compute over, and the walks they share.

``store.subgraph(types)`` hands over every node and the relationships of the listed types in
one query on either backend; everything after that runs here, in Python, on NetworkX graphs
built in a fixed order, so both backends give identical answers. Every walk breaks ties by id.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.model import GraphData, Node, Relationship
from graph.schema import RELATIONSHIP_TYPES
from graph.store import GraphStore, Path

__all__ = [
    "Projection",
    "Reach",
    "load_projection",
    "project",
    "reach",
    "walk_path",
    "other_end",
]


@dataclass(frozen=True)
class Projection:
    """Every node, and one directed graph per projected relationship type.

    Each graph holds every node (so isolated nodes count) and keeps its ``Relationship`` on the
    edge as ``rel``; nodes and edges go in sorted by id and key.
    """

    nodes: Mapping[str, Node]
    graphs: Mapping[str, nx.DiGraph]

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def of_label(self, label: str) -> list[Node]:
        """The nodes of a label, ordered by id."""
        return [node for node in self.nodes.values() if node.label == label]

    def graph(self, type_: str) -> nx.DiGraph:
        """The graph of one relationship type (``KeyError`` if it was not projected)."""
        return self.graphs[type_]

    def out_rels(self, type_: str, node_id: str) -> list[Relationship]:
        """Relationships of a type leaving a node, ordered by target id."""
        graph = self.graphs[type_]
        return [graph.edges[node_id, target]["rel"] for target in sorted(graph.successors(node_id))]

    def in_rels(self, type_: str, node_id: str) -> list[Relationship]:
        """Relationships of a type arriving at a node, ordered by source id."""
        graph = self.graphs[type_]
        return [graph.edges[source, node_id]["rel"] for source in sorted(graph.predecessors(node_id))]

    def targets(self, type_: str, node_id: str, label: str | None = None) -> list[str]:
        """Ids at the far end of the relationships leaving a node, sorted; optionally of one label."""
        ids = sorted(self.graphs[type_].successors(node_id))
        return [i for i in ids if label is None or self.nodes[i].label == label]

    def sources(self, type_: str, node_id: str, label: str | None = None) -> list[str]:
        """Ids at the near end of the relationships arriving at a node, sorted; optionally of one label."""
        ids = sorted(self.graphs[type_].predecessors(node_id))
        return [i for i in ids if label is None or self.nodes[i].label == label]


def project(data: GraphData, types: Iterable[str]) -> Projection:
    """Build the projection of ``data`` over the relationship ``types`` (others are dropped).

    Parameters
    ----------
    data : the nodes and relationships, e.g. from ``GraphStore.subgraph``.
    types : relationship types to build a graph for.

    Returns
    -------
    Projection : the nodes by id (in id order) and one ``DiGraph`` per type.
    """
    nodes = {node.id: node for node in sorted(data.nodes, key=lambda n: n.id)}
    graphs: dict[str, nx.DiGraph] = {}
    for type_ in sorted(set(types)):
        graph: nx.DiGraph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        graphs[type_] = graph
    for rel in sorted(data.relationships, key=lambda r: r.key):
        if rel.type in graphs:
            graphs[rel.type].add_edge(rel.source, rel.target, rel=rel)
    return Projection(nodes, graphs)


def load_projection(store: GraphStore, types: Iterable[str]) -> Projection:
    """Ask the store for the projection over ``types`` (one query) and build its graphs.

    Parameters
    ----------
    store : the backend.
    types : relationship types from the closed schema.

    Returns
    -------
    Projection

    Raises
    ------
    ValueError : a type outside the closed schema (a programming error, never a request's).
    """
    wanted = sorted(set(types))
    unknown = [t for t in wanted if t not in RELATIONSHIP_TYPES]
    if unknown:
        raise ValueError(f"not relationship types of the schema: {unknown}")
    return project(store.subgraph(wanted), wanted)


def other_end(rel: Relationship, node_id: str) -> str:
    """The end of ``rel`` that is not ``node_id``."""
    return rel.target if rel.source == node_id else rel.source


@dataclass(frozen=True)
class Reach:
    """What a breadth-first walk from ``start`` reached: for each node id, its depth and the id
    and relationship it was first reached from."""

    start: str
    depths: Mapping[str, int]
    parents: Mapping[str, tuple[str, Relationship]]

    def walk(self, key: str) -> tuple[Relationship, ...]:
        """The relationships from ``start`` to ``key``, in walking order."""
        rels: list[Relationship] = []
        current = key
        while current != self.start:
            current, rel = self.parents[current]
            rels.append(rel)
        return tuple(reversed(rels))


def reach(start: str, step: Callable[[str], Iterable[tuple[str, Relationship]]]) -> Reach:
    """Breadth-first walk from ``start``; ``step`` gives the (next id, relationship) pairs a node
    leads to.

    Next keys are visited in sorted order and each keeps the first key that reached it, so the
    walk to every key is its shortest, and among equally short walks the one whose keys come
    first in lexicographic order.

    Parameters
    ----------
    start : the key to walk from.
    step : where a key leads, and by which relationship (in either direction).

    Returns
    -------
    Reach : depths (``start`` at 0) and first parents of every key reached.
    """
    depths: dict[str, int] = {start: 0}
    parents: dict[str, tuple[str, Relationship]] = {}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for nxt, rel in sorted(step(current), key=lambda pair: (pair[0], pair[1].key)):
            if nxt not in depths:
                depths[nxt] = depths[current] + 1
                parents[nxt] = (current, rel)
                queue.append(nxt)
    return Reach(start, depths, parents)


def walk_path(projection: Projection, start: str, rels: Sequence[Relationship]) -> Path:
    """The ``Path`` that starts at ``start`` and takes ``rels`` in order (each in either direction).

    Parameters
    ----------
    projection : where the nodes come from.
    start : the first node's id.
    rels : relationships, each sharing an end with the node reached so far.

    Returns
    -------
    Path

    Raises
    ------
    ValueError : a relationship does not touch the node the walk has reached.
    """
    ids = [start]
    for rel in rels:
        if ids[-1] not in (rel.source, rel.target):
            raise ValueError(f"relationship {rel.key} does not touch {ids[-1]!r}")
        ids.append(other_end(rel, ids[-1]))
    return Path(tuple(projection.node(i) for i in ids), tuple(rels))
