"""The path engine: the same answers as a brute-force reference, and work that grows with the
answer, not with the number of paths in the graph (counted, never timed)."""

from __future__ import annotations

import random
from itertools import pairwise, product

import networkx as nx
import pytest

from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship
from graph.store import Path, path_sort_key
from queries import path_search, paths
from queries.errors import QueryTooBroad
from tests.path_helpers import UNBOUNDED, shortest, simple


def _reference(
    store: MemoryStore, node_paths: list[list[str]], types: list[str] | None, directed: bool
) -> list[Path]:
    """Every relationship path along each node path, sorted: what the engine must match."""
    found = []
    for ids in node_paths:
        steps = []
        for a, b in pairwise(ids):
            rels = store.relationships_between([(a, b)], types, directed)
            steps.append([r for r in rels if (r.source, r.target) == (a, b) or not directed])
        nodes = store.nodes_by_id(ids)
        found += [Path(tuple(nodes[i] for i in ids), rels) for rels in product(*steps)]
    return sorted(found, key=path_sort_key)


def _view(store: MemoryStore, types: list[str] | None, directed: bool) -> nx.Graph:
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    data = store.export()
    graph.add_nodes_from(n.id for n in data.nodes)
    graph.add_edges_from((r.source, r.target) for r in data.relationships if types is None or r.type in types)
    return graph


def reference_simple(store: MemoryStore, source: str, target: str, hops: int, directed: bool) -> list[Path]:
    node_paths = nx.all_simple_paths(_view(store, None, directed), source, target, cutoff=hops)
    return _reference(store, list(node_paths), None, directed)


def reference_shortest(
    store: MemoryStore, source: str, target: str, hops: int, types: list[str] | None, directed: bool
) -> list[Path]:
    try:
        node_paths = list(nx.all_shortest_paths(_view(store, types, directed), source, target))
    except nx.NetworkXNoPath:
        return []
    return _reference(store, node_paths, types, directed) if len(node_paths[0]) - 1 <= hops else []


def _sample(store: MemoryStore, count: int, seed: int) -> list[tuple[str, str]]:
    ids = sorted(node.id for node in store.export().nodes)
    rng = random.Random(seed)  # fixed, so a failure can be replayed
    return [(a, b) for a, b in (rng.sample(ids, 2) for _ in range(count))]


def test_simple_paths_match_the_reference_on_the_plan(memory_store: MemoryStore) -> None:
    pairs = [*_sample(memory_store, 50, 2022), ("sector.power", "sector.buildings")]
    found = 0
    for (source, target), directed in product(pairs, (False, True)):
        expected = reference_simple(memory_store, source, target, 3, directed)
        for limit in (1, 7, 100):
            got = simple(memory_store, source, target, 3, directed, limit)
            assert got == expected[:limit], (source, target, directed, limit)
        found += len(expected)
    assert found > 100, "the sample must hold many paths, or it proves little"


def test_shortest_paths_match_the_reference_on_the_plan(memory_store: MemoryStore) -> None:
    found = 0
    for (source, target), directed, types in product(
        _sample(memory_store, 40, 2030), (False, True), (None, ["DEPENDS_ON", "APPLIES_TO", "PART_OF"])
    ):
        expected = reference_shortest(memory_store, source, target, 8, types, directed)
        for limit in (1, 100):
            assert shortest(memory_store, source, target, 8, types, directed, limit) == expected[:limit]
        found += len(expected)
    assert found > 40


def _node(node_id: str) -> Node:
    return Node(node_id, "Technology", node_id, node_id, node_id)


def _graph(edges: list[tuple[str, str, str]]) -> MemoryStore:
    ids = sorted({end for a, _, b in edges for end in (a, b)})
    store = MemoryStore()
    store.replace_all(GraphData(tuple(map(_node, ids)), tuple(Relationship(t, a, b) for a, t, b in edges)))
    return store


def random_multigraph(seed: int) -> MemoryStore:
    """Small, dense, with parallel relationships of two types and both directions."""
    rng = random.Random(seed)
    ids = [f"n{i:02d}" for i in range(12)]
    edges = {(rng.choice(ids), rng.choice(["DEPENDS_ON", "PART_OF"]), rng.choice(ids)) for _ in range(30)}
    return _graph(sorted((a, t, b) for a, t, b in edges if a != b))


@pytest.mark.parametrize("seed", range(6))
def test_both_searches_match_the_reference_on_random_multigraphs(seed: int) -> None:
    store = random_multigraph(seed)
    ids = sorted(n.id for n in store.export().nodes)
    for source, target in product(ids[:5], ids[-5:]):
        if source == target:
            continue
        for directed, hops in product((False, True), (2, 4)):
            expected = reference_simple(store, source, target, hops, directed)
            assert simple(store, source, target, hops, directed, 50) == expected[:50]
            for types in (None, ["PART_OF"]):
                expected = reference_shortest(store, source, target, hops, types, directed)
                assert shortest(store, source, target, hops, types, directed, 50) == expected[:50]


def diamonds(count: int) -> MemoryStore:
    """A chain of diamonds: 2 ** count shortest paths from d0 to d{count}."""
    edges = []
    for i in range(count):
        edges += [(f"d{i}", "DEPENDS_ON", f"u{i}"), (f"d{i}", "DEPENDS_ON", f"l{i}")]
        edges += [(f"u{i}", "DEPENDS_ON", f"d{i + 1}"), (f"l{i}", "DEPENDS_ON", f"d{i + 1}")]
    return _graph(edges)


def test_a_path_beyond_max_hops_costs_next_to_nothing() -> None:
    """131,072 shortest paths 34 hops long: asking for 8 hops stops after 8 layers."""
    store = diamonds(17)
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    assert path_search.shortest_paths(store, "d0", "d17", 8, None, False, 1, budget) == []
    assert budget.spent <= 30


def test_work_grows_with_the_answer_not_with_the_paths_in_the_graph() -> None:
    store = diamonds(17)
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    found = path_search.shortest_paths(store, "d0", "d17", 34, None, True, 1, budget)
    assert [n.id for n in found[0].nodes][:3] == ["d0", "l0", "d1"]
    assert budget.spent <= 120  # each of the 52 nodes expanded once, one path built
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    assert len(path_search.simple_paths(store, "d0", "d3", 6, True, 3, budget)) == 3
    assert budget.spent <= 40


def test_the_costliest_in_cap_query_on_the_plan_is_small_work(memory_store: MemoryStore) -> None:
    """Simple paths between two sectors at 6 hops took every one of 27,679 node paths before;
    the first path needs a few dozen units now, and a full page a few hundred."""
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    found = paths.simple_paths(memory_store, "sector.power", "sector.buildings", 6, limit=1, budget=budget)
    assert len(found) == 1
    assert budget.spent <= 200
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    found = paths.simple_paths(memory_store, "sector.power", "sector.buildings", 6, limit=100, budget=budget)
    assert len(found) == 100
    assert budget.spent <= 3000


def test_past_its_budget_a_query_is_refused_naming_the_parameter(memory_store: MemoryStore) -> None:
    budget = path_search.WorkBudget(50, "max_hops")
    with pytest.raises(QueryTooBroad) as refused:
        paths.simple_paths(memory_store, "sector.power", "sector.buildings", 6, limit=100, budget=budget)
    assert refused.value.parameter == "max_hops"
    assert "max_hops" in str(refused.value)
