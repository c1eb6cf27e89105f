"""The dependency closure's index answers as a plain NetworkX breadth-first search over the
DEPENDS_ON relationships does, sorted by (depth, id): on the plan graph, where other types join
the same technologies, and on the benchmark's synthetic graph, which has hubs and cycles."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from benchmarks.bench_closure import dependency_graph
from graph.memory import MemoryStore
from graph.model import GraphData
from loaders import check_seeds
from loaders.validate import validate
from queries.limits import MAX_DEPTH


def _expected(data: GraphData, start: str, upstream: bool, depth: int) -> list[tuple[str, int]]:
    graph = nx.DiGraph()
    graph.add_edges_from((r.source, r.target) for r in data.relationships if r.type == "DEPENDS_ON")
    if start not in graph:
        return []
    walked = graph if upstream else graph.reverse(copy=False)
    depths = nx.single_source_shortest_path_length(walked, start, cutoff=depth)
    return sorted(((n, d) for n, d in depths.items() if n != start), key=lambda item: (item[1], item[0]))


@pytest.fixture(scope="module")
def synthetic() -> GraphData:
    return dependency_graph(600, 3_000, seed=11)


def test_the_synthetic_graph_is_valid_per_the_schema(synthetic: GraphData) -> None:
    plan = check_seeds().plan
    assert plan is not None
    assert validate(list(synthetic.nodes), list(synthetic.relationships), {}, plan) == []


def test_the_synthetic_graph_has_cycles_and_hubs(synthetic: GraphData) -> None:
    graph = nx.DiGraph((r.source, r.target) for r in synthetic.relationships)
    assert not nx.is_directed_acyclic_graph(graph)
    in_degrees = sorted((d for _, d in graph.in_degree()), reverse=True)
    assert in_degrees[0] > 10 * len(synthetic.relationships) / len(synthetic.nodes)


def test_every_technology_of_the_plan_at_every_depth(memory_store: MemoryStore, seed_data: GraphData) -> None:
    technologies = [n.id for n in seed_data.nodes if n.label == "Technology"]
    assert any(memory_store.dependencies(tech, True, 2) for tech in technologies)
    for tech in technologies:
        for upstream in (True, False):
            for depth in range(1, MAX_DEPTH.cap + 1):
                expected = _expected(seed_data, tech, upstream, depth)
                assert memory_store.dependencies(tech, upstream, depth) == expected, (tech, upstream, depth)


def test_sampled_starts_on_a_graph_with_cycles(synthetic: GraphData) -> None:
    store = MemoryStore()
    store.replace_all(synthetic)
    starts = random.Random(5).sample([n.id for n in synthetic.nodes], 40)
    for start in [synthetic.nodes[0].id, *starts]:
        for upstream in (True, False):
            for depth in (1, 3, MAX_DEPTH.cap):
                expected = _expected(synthetic, start, upstream, depth)
                assert store.dependencies(start, upstream, depth) == expected, (start, upstream, depth)


def test_a_node_without_dependencies_reaches_nothing(memory_store: MemoryStore, seed_data: GraphData) -> None:
    plan = next(n.id for n in seed_data.nodes if n.label == "Plan")
    assert memory_store.dependencies(plan, True, MAX_DEPTH.cap) == []
    assert memory_store.dependencies(plan, False, MAX_DEPTH.cap) == []
