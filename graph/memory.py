"""MemoryStore: the embedded default backend, a NetworkX ``MultiDiGraph`` in the process."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import networkx as nx

from graph.closure import ClosureIndex
from graph.model import GraphData, Node, Relationship
from graph.search_index import GramIndex
from graph.store import (
    SCORE_EXACT,
    SCORE_NAME,
    SCORE_PREFIX,
    SCORE_TEXT,
    Direction,
    Neighbor,
    Pair,
    Progress,
    SearchHit,
)
from graph.text import search_names, search_text
from graph.version import graph_version

__all__ = ["MemoryStore"]


class MemoryStore:
    """Holds the graph in memory. Replacing it is atomic: readers see the old or the new graph."""

    backend = "memory"

    def __init__(self) -> None:
        self._graph: nx.MultiDiGraph = nx.MultiDiGraph()
        # Each node's normalised names and text, and the n-gram index over them, swapped as one.
        self._searchable: tuple[dict[str, tuple[list[str], str]], GramIndex] = ({}, GramIndex({}))
        self._dependencies = ClosureIndex(())
        self._views: dict[tuple[tuple[str, ...] | None, bool], nx.Graph] = {}
        self._version: str | None = None  # computed when first asked, until the graph is replaced
        self._lock = threading.Lock()

    # -- writing -------------------------------------------------------------------------

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        graph: nx.MultiDiGraph = nx.MultiDiGraph()
        for node in data.nodes:
            graph.add_node(node.id, node=node)
        for rel in data.relationships:
            if rel.source not in graph or rel.target not in graph:
                raise ValueError(f"relationship {rel.key} has an end that is not a node")
            graph.add_edge(rel.source, rel.target, key=rel.type, rel=rel)
        index = {node.id: (search_names(node), search_text(node)) for node in data.nodes}
        searchable = (index, GramIndex(index))
        dependencies = ClosureIndex(
            (rel.source, rel.target) for rel in data.relationships if rel.type == "DEPENDS_ON"
        )
        with self._lock:  # swap only once the new graph is complete
            self._graph, self._searchable, self._views, self._version = graph, searchable, {}, None
            self._dependencies = dependencies
        if progress is not None:
            total = len(data.nodes) + len(data.relationships)
            progress(total, total)

    def close(self) -> None:
        pass

    def ping(self) -> None:
        pass

    # -- counting ------------------------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        return self._graph.number_of_nodes(), self._graph.number_of_edges()

    def version(self) -> str:
        if self._version is None:
            self._version = graph_version(self.export())
        return self._version

    def version_at_hand(self) -> str | None:
        return self._version

    def label_counts(self) -> dict[str, int]:
        return dict(Counter(node.label for node in self._nodes()))

    def type_counts(self) -> dict[str, int]:
        return dict(Counter(rel.type for rel in self._relationships()))

    # -- reading -------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        if node_id not in self._graph:
            return None
        node: Node = self._graph.nodes[node_id]["node"]
        return node

    def list_nodes(
        self, label: str | None, needle: str | None, limit: int, offset: int
    ) -> tuple[list[Node], int]:
        index, grams = self._searchable
        ids = grams.named(needle) if needle is not None else iter(sorted(index))
        matches = [node for node in map(self._node, ids) if label is None or node.label == label]
        return matches[offset : offset + limit], len(matches)

    def neighbors(self, node_id: str, direction: Direction, types: list[str] | None) -> list[Neighbor]:
        graph = self._graph
        found: list[Neighbor] = []
        if direction in ("out", "both"):
            found += [
                Neighbor(rel, self._node(rel.target))
                for rel in self._rels(graph.out_edges(node_id, data="rel"))
            ]
        if direction in ("in", "both"):
            found += [
                Neighbor(rel, self._node(rel.source))
                for rel in self._rels(graph.in_edges(node_id, data="rel"))
            ]
        if types is not None:
            found = [n for n in found if n.relationship.type in types]
        return sorted(found, key=lambda n: (n.relationship.type, n.node.id, n.relationship.source))

    def search(self, needle: str, label: str | None, limit: int) -> list[SearchHit]:
        _, grams = self._searchable

        def keep(node_id: str) -> bool:
            return label is None or self._node(node_id).label == label

        scores = (SCORE_EXACT, SCORE_PREFIX, SCORE_NAME, SCORE_TEXT)
        return [SearchHit(self._node(i), score) for i, score in grams.ranked(needle, scores, keep, limit)]

    def nodes_by_id(self, ids: Sequence[str]) -> dict[str, Node]:
        return {node_id: self._node(node_id) for node_id in ids if node_id in self._graph}

    def expand(
        self, frontier: Sequence[str], types: Sequence[str] | None, direction: Direction
    ) -> list[Pair]:
        view = self._view(types, directed=direction != "both")
        step = view.predecessors if direction == "in" else view.neighbors
        return sorted({(near, far) for near in frontier if near in view for far in step(near)})

    def relationships_between(
        self, pairs: Sequence[Pair], types: Sequence[str] | None, directed: bool
    ) -> list[Relationship]:
        found = {
            rel.key: rel
            for a, b in pairs
            for rel in self._between(a, b, directed)
            if types is None or rel.type in types
        }
        return [found[key] for key in sorted(found)]

    def dependencies(self, node_id: str, upstream: bool, max_depth: int) -> list[tuple[str, int]]:
        return self._dependencies.layers(node_id, upstream, max_depth)

    def export(self) -> GraphData:
        return GraphData(
            nodes=tuple(sorted(self._nodes(), key=lambda n: n.id)),
            relationships=tuple(sorted(self._relationships(), key=lambda r: r.key)),
        )

    def subgraph(self, types: list[str]) -> GraphData:
        whole = self.export()
        return GraphData(whole.nodes, tuple(rel for rel in whole.relationships if rel.type in types))

    # -- helpers -------------------------------------------------------------------------

    def _node(self, node_id: str) -> Node:
        node: Node = self._graph.nodes[node_id]["node"]
        return node

    def _nodes(self) -> Iterator[Node]:
        return (data for _, data in self._graph.nodes(data="node"))

    def _relationships(self) -> Iterator[Relationship]:
        return self._rels(self._graph.edges(data="rel"))

    @staticmethod
    def _rels(edges: Iterable[tuple[str, str, Relationship]]) -> Iterator[Relationship]:
        return (rel for _, _, rel in edges)

    def _view(self, types: Sequence[str] | None, directed: bool) -> nx.Graph:
        """A simple graph over the relationships of the given types, for path search (cached
        until the graph is replaced)."""
        key = (tuple(sorted(types)) if types is not None else None, directed)
        with self._lock:  # a graph and its own views: a reload meanwhile must not get this one's
            graph, views = self._graph, self._views
        view = views.get(key)
        if view is None:
            view = nx.DiGraph() if directed else nx.Graph()
            view.add_nodes_from(graph.nodes)
            view.add_edges_from(
                (rel.source, rel.target)
                for rel in self._rels(graph.edges(data="rel"))
                if types is None or rel.type in types
            )
            views[key] = view
        return view

    def _between(self, a: str, b: str, directed: bool) -> list[Relationship]:
        rels = [data["rel"] for data in self._graph.get_edge_data(a, b, default={}).values()]
        if not directed:
            rels += [data["rel"] for data in self._graph.get_edge_data(b, a, default={}).values()]
        return rels
