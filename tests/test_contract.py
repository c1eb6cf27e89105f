"""One contract, two backends: every query gives the same answer, order included, on the
embedded store and over Bolt, on the shipped seeds.

The domain expectations themselves (green hydrogen reaches steel, ...) are in test_api.py, which
runs over HTTP against each backend in turn; here the bolt store is held to the memory store's
answers, query by query, across the whole graph.
"""

from __future__ import annotations

import random

import pytest
from fastapi.testclient import TestClient

from graph.memory import MemoryStore
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore
from graph.schema import LABELS
from graph.text import normalize
from queries.analytics import GAP_KINDS
from tests.http_helpers import assert_same_answer
from tests.path_helpers import shortest, simple

SEARCHES = [
    "CCUS",
    "绿氢",
    "氫能",
    "hydrogen",
    "储能",
    "光储直柔",
    "BECCS",
    "示范应用",
    "floating offshore wind",
    "碳",
    "steel",
    "zzzz",
]


def _sample_pairs(data: GraphData, count: int) -> list[tuple[str, str]]:
    ids = sorted(node.id for node in data.nodes)
    rng = random.Random(2030)  # fixed, so a failure can be replayed
    return [tuple(rng.sample(ids, 2)) for _ in range(count)]  # type: ignore[misc]


def test_the_whole_graph_round_trips(memory_store: MemoryStore, seeded_bolt_store: Neo4jStore) -> None:
    assert seeded_bolt_store.export() == memory_store.export()
    assert seeded_bolt_store.counts() == memory_store.counts()
    assert seeded_bolt_store.label_counts() == memory_store.label_counts()
    assert seeded_bolt_store.type_counts() == memory_store.type_counts()


def test_every_node_and_its_neighbours(memory_store: MemoryStore, seeded_bolt_store: Neo4jStore) -> None:
    for node in memory_store.export().nodes:
        assert seeded_bolt_store.get_node(node.id) == node
        for direction in ("out", "in", "both"):
            expected = memory_store.neighbors(node.id, direction, None)
            assert seeded_bolt_store.neighbors(node.id, direction, None) == expected, (node.id, direction)
        typed = memory_store.neighbors(node.id, "both", ["DEPENDS_ON", "PART_OF"])
        assert seeded_bolt_store.neighbors(node.id, "both", ["DEPENDS_ON", "PART_OF"]) == typed


@pytest.mark.parametrize("label", [None, *LABELS])
def test_listing_pages(memory_store: MemoryStore, seeded_bolt_store: Neo4jStore, label: str | None) -> None:
    for needle in (None, normalize("技術"), normalize("hydrogen")):
        for limit, offset in ((200, 0), (7, 3), (5, 10_000)):
            expected = memory_store.list_nodes(label, needle, limit, offset)
            assert seeded_bolt_store.list_nodes(label, needle, limit, offset) == expected


@pytest.mark.parametrize("q", SEARCHES)
def test_search(memory_store: MemoryStore, seeded_bolt_store: Neo4jStore, q: str) -> None:
    needle = normalize(q)
    for label in (None, "Technology", "DemonstrationProject"):
        assert seeded_bolt_store.search(needle, label, 200) == memory_store.search(needle, label, 200)
    assert seeded_bolt_store.search(needle, None, 3) == memory_store.search(needle, None, 3)


def test_dependencies_of_every_technology(memory_store: MemoryStore, seeded_bolt_store: Neo4jStore) -> None:
    technologies = [n.id for n in memory_store.export().nodes if n.label == "Technology"]
    assert technologies
    for tech in technologies:
        for upstream in (True, False):
            for depth in (1, 10):
                expected = memory_store.dependencies(tech, upstream, depth)
                assert seeded_bolt_store.dependencies(tech, upstream, depth) == expected, (
                    tech,
                    upstream,
                    depth,
                )


def test_shortest_paths_between_sampled_pairs(
    memory_store: MemoryStore, seeded_bolt_store: Neo4jStore, seed_data: GraphData
) -> None:
    found = 0
    for source, target in _sample_pairs(seed_data, 25):
        for directed in (False, True):
            expected = shortest(memory_store, source, target, 8, None, directed, 100)
            assert shortest(seeded_bolt_store, source, target, 8, None, directed, 100) == expected
            found += bool(expected)
        typed = shortest(memory_store, source, target, 8, ["DEPENDS_ON", "APPLIES_TO"], False, 100)
        assert (
            shortest(seeded_bolt_store, source, target, 8, ["DEPENDS_ON", "APPLIES_TO"], False, 100) == typed
        )
    assert found, "the sample must include connected pairs, or it proves nothing"


def test_simple_paths_between_sampled_pairs(
    memory_store: MemoryStore, seeded_bolt_store: Neo4jStore, seed_data: GraphData
) -> None:
    pairs = [
        *_sample_pairs(seed_data, 8),
        ("tech.green_hydrogen", "sector.steel"),
        ("tech.dac", "goal.peak_2030"),
    ]
    for source, target in pairs:
        for directed in (False, True):
            expected = simple(memory_store, source, target, 4, directed, 25)
            assert simple(seeded_bolt_store, source, target, 4, directed, 25) == expected, (
                source,
                target,
            )


@pytest.mark.parametrize(
    "url",
    [
        "/v1/schema",
        "/v1/nodes?label=Technology&limit=50&offset=10",
        "/v1/nodes?q=氫&limit=200",
        "/v1/nodes/tech.ccus",
        "/v1/nodes/column.5/neighbors?direction=in",
        "/v1/search?q=绿氢",
        "/v1/search?q=CCUS&label=Technology&limit=5",
        "/v1/paths/shortest?source=tech.green_hydrogen&target=sector.steel",
        "/v1/paths/shortest?source=tech.dac&target=goal.peak_2030&max_hops=8",
        "/v1/paths?source=tech.green_hydrogen&target=sector.steel&max_hops=4&limit=20",
        "/v1/technologies/tech.pedf/dependencies",
        "/v1/technologies/tech.green_hydrogen/dependencies?direction=downstream&max_depth=10",
        "/v1/nodes/tech.nope",
        "/v1/paths?source=tech.green_hydrogen&target=sector.steel&max_hops=7",
        "/v1/gaps",
        "/v1/gaps?horizon_max=2060&include_reserve=false&trl_2025=9&trl_2030=8",
        *(f"/v1/gaps/{kind}" for kind in GAP_KINDS),
        "/v1/impact/tech.green_hydrogen",
        "/v1/impact/tech.water_electrolysis",
        "/v1/impact/tech.dac",
        "/v1/impact/tech.green_hydrogen?include_enabling=true&limit=3&offset=1",
        "/v1/gaps?include_enabling=true",
        "/v1/analytics/critical?metric=milestones&limit=200&include_enabling=true",
        "/v1/milestones/milestone.frontier_tech_2030/chains?limit=200&include_enabling=true",
        "/v1/analytics/critical?metric=dependents&limit=200",
        "/v1/analytics/critical?metric=betweenness&limit=200",
        "/v1/analytics/critical?metric=milestones&limit=200",
        "/v1/milestones/milestone.frontier_tech_2030/chains?limit=200",
        "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains?limit=3",
        "/v1/milestones/milestone.co2_intensity_2030/chains",
        "/v1/gaps/nope",
        "/v1/impact/sector.steel",
        "/v1/analytics/critical?metric=fame",
        "/v1/milestones/milestone.nope/chains",
    ],
)
def test_the_api_answers_alike(memory_client: TestClient, bolt_client: TestClient, url: str) -> None:
    assert_same_answer(memory_client, bolt_client, url)
