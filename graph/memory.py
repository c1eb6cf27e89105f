"""MemoryStore: the embedded default backend, a NetworkX ``MultiDiGraph`` in the process."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator

import networkx as nx

from graph.model import GraphData, Node, Relationship
from graph.store import (
    SCORE_EXACT,
    SCORE_NAME,
    SCORE_PREFIX,
    SCORE_TEXT,
    Dependency,
    Direction,
    Neighbor,
    Path,
    Progress,
    SearchHit,
    path_sort_key,
)
from graph.text import search_names, search_text

__all__ = ["MemoryStore"]


def _score(names: list[str], text: str, needle: str) -> int:
    if needle in names:
        return SCORE_EXACT
    if any(name.startswith(needle) for name in names):
        return SCORE_PREFIX
    if any(needle in name for name in names):
        return SCORE_NAME
    return SCORE_TEXT if needle in text else 0


class MemoryStore:
    """Holds the graph in memory. Replacing it is atomic: readers see the old or the new graph."""

    backend = "memory"

    def __init__(self) -> None:
        self._graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._index: dict[str, tuple[list[str], str]] = {}
        self._views: dict[tuple[tuple[str, ...] | None, bool], nx.Graph] = {}
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
        with self._lock:  # swap only once the new graph is complete
            self._graph, self._index, self._views = graph, index, {}
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
        matches = [
            node
            for node in sorted(self._nodes(), key=lambda n: n.id)
            if (label is None or node.label == label)
            and (needle is None or any(needle in name for name in self._index[node.id][0]))
        ]
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
        hits = []
        for node in self._nodes():
            if label is not None and node.label != label:
                continue
            names, text = self._index[node.id]
            score = _score(names, text, needle)
            if score:
                hits.append(SearchHit(node, score))
        hits.sort(key=lambda h: (-h.score, h.node.id))
        return hits[:limit]

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        types: list[str] | None,
        directed: bool,
        limit: int,
    ) -> list[Path]:
        view = self._view(types, directed)
        try:
            node_paths = list(nx.all_shortest_paths(view, source, target))
        except nx.NetworkXNoPath:
            return []
        if not node_paths or len(node_paths[0]) - 1 > max_hops:
            return []
        paths = [p for nodes in node_paths for p in self._expand(nodes, types, directed)]
        return sorted(paths, key=path_sort_key)[:limit]

    def simple_paths(self, source: str, target: str, max_hops: int, directed: bool, limit: int) -> list[Path]:
        view = self._view(None, directed)
        node_paths = nx.all_simple_paths(view, source, target, cutoff=max_hops)
        paths = [p for nodes in node_paths for p in self._expand(nodes, None, directed)]
        return sorted(paths, key=path_sort_key)[:limit]

    def dependencies(self, node_id: str, upstream: bool, max_depth: int) -> list[Dependency]:
        view = self._view(["DEPENDS_ON"], directed=True)
        if not upstream:
            view = view.reverse(copy=False)
        depths = nx.single_source_shortest_path_length(view, node_id, cutoff=max_depth)
        found = [Dependency(self._node(n), d) for n, d in depths.items() if n != node_id]
        return sorted(found, key=lambda dep: (dep.depth, dep.node.id))

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

    def _view(self, types: list[str] | None, directed: bool) -> nx.Graph:
        """A simple graph over the relationships of the given types, for path search (cached
        until the graph is replaced)."""
        key = (tuple(sorted(types)) if types is not None else None, directed)
        view = self._views.get(key)
        if view is None:
            view = nx.DiGraph() if directed else nx.Graph()
            view.add_nodes_from(self._graph.nodes)
            view.add_edges_from(
                (rel.source, rel.target)
                for rel in self._relationships()
                if types is None or rel.type in types
            )
            self._views[key] = view
        return view

    def _expand(self, nodes: list[str], types: list[str] | None, directed: bool) -> list[Path]:
        """Every relationship path along a node sequence (parallel relationships multiply)."""
        steps: list[list[Relationship]] = []
        for a, b in zip(nodes, nodes[1:], strict=False):
            between = [rel for rel in self._between(a, b, directed) if types is None or rel.type in types]
            steps.append(between)
        paths: list[Path] = []
        node_objs = tuple(self._node(n) for n in nodes)

        def walk(i: int, chosen: tuple[Relationship, ...]) -> None:
            if i == len(steps):
                paths.append(Path(node_objs, chosen))
                return
            for rel in steps[i]:
                walk(i + 1, (*chosen, rel))

        walk(0, ())
        return paths

    def _between(self, a: str, b: str, directed: bool) -> list[Relationship]:
        rels = [data["rel"] for data in self._graph.get_edge_data(a, b, default={}).values()]
        if not directed:
            rels += [data["rel"] for data in self._graph.get_edge_data(b, a, default={}).values()]
        return rels
