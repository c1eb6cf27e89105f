"""Neo4jStore against a real Bolt server, answer for answer against MemoryStore, plus faults."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from itertools import product

import pytest

from graph.cypher import NODE_LABEL
from graph.errors import BackendAuthError, BackendUnavailable
from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship, Source
from graph.neo4j_store import Neo4jStore
from graph.text import normalize
from launch.falkordb import FalkorDBServer, start_falkordb
from launch.ports import free_port
from queries import paths
from queries.errors import LimitExceeded
from queries.export.common import ordered
from tests.bolt_fixtures import BoltTarget
from tests.path_helpers import shortest, simple

FAST = 2.0  # the fault tests' driver timeout, seconds


def _node(id_: str, label: str, zh: str, hans: str, en: str, **properties: object) -> Node:
    sources = (Source(zh, len(id_), len(id_) + len(zh)),)
    return Node(id_, label, zh, hans, en, properties, sources)  # type: ignore[arg-type]


def _rel(type_: str, source: str, target: str, **properties: object) -> Relationship:
    return Relationship(type_, source, target, properties, (Source(f"{source}>{target}", 1, 9),))  # type: ignore[arg-type]


def synthetic_graph() -> GraphData:
    nodes = (
        _node(
            "plan",
            "Plan",
            "科技支撐碳達峰碳中和實施方案",
            "科技支撑碳达峰碳中和实施方案",
            "S&T plan",
            basis="plan",
            year=2022,
        ),
        _node(
            "action.1",
            "Action",
            "能源綠色低碳轉型科技支撐行動",
            "能源绿色低碳转型科技支撑行动",
            "Energy transition action",
            number=1,
            basis="plan",
        ),
        _node(
            "column.3",
            "Column",
            "專欄3 能源綠色低碳轉型科技支撐技術",
            "专栏3 能源绿色低碳转型科技支撑技术",
            "Column 3",
            number=3,
            inferred=False,
        ),
        _node(
            "tech.h2",
            "Technology",
            "氫能技術",
            "氢能技术",
            "Hydrogen energy",
            aliases=["綠氫", "H2 技術"],
            description_zh="可再生能源製氫",
            description_en="Green hydrogen",
            carbon_class="零碳",
            trl=6,
            horizon=2030,
            basis="plan",
        ),
        _node(
            "tech.electrolysis",
            "Technology",
            "電解水製氫",
            "电解水制氢",
            "Water electrolysis",
            aliases=[],
            trl=7,
            efficiency=0.75,
            basis="curated",
            rationale="needed for green H2",
        ),
        _node(
            "tech.fuelcell",
            "Technology",
            "燃料電池",
            "燃料电池",
            "Fuel cell",
            aliases=["FC"],
            trl=8,
            years=[2025, 2030],
            scores=[0.5, 1.0],
            baseline=None,
        ),
        _node("tech.storage", "Technology", "儲氫技術", "储氢技术", "Hydrogen storage", trl=5),
        _node(
            "tech.ccus",
            "Technology",
            "二氧化碳捕集利用與封存",
            "二氧化碳捕集利用与封存",
            "CCUS",
            aliases=["CCUS", "碳捕集"],
            description_en="capture and storage of carbon",
            trl=6,
        ),
        _node("tech.grid", "Technology", "智慧電網", "智慧电网", "Smart grid", description_zh="氫 儲能 調度"),
        _node("sector.steel", "Sector", "鋼鐵", "钢铁", "Steel"),
        _node("demo.h2steel", "DemonstrationProject", "氫冶金示範", "氢冶金示范", "Hydrogen steel demo"),
        _node(
            "ms.2025",
            "Milestone",
            "2025年目標",
            "2025年目标",
            "2025 target",
            year=2025,
            metric="share",
            value=20.5,
            unit="%",
            baseline_year=None,
            comparator="at_least",
        ),
        _node("goal.peak", "Goal", "碳達峰", "碳达峰", "Carbon peak", year=2030),
        _node("init.finance", "Initiative", "綠色金融", "绿色金融", "Green finance"),
        _node("org.most", "Organization", "科技部", "科技部", "MOST"),
        _node("tech.isolated", "Technology", "孤立技術", "孤立技术", "Isolated"),
    )
    relationships = (
        _rel("PART_OF", "action.1", "plan"),
        _rel("PART_OF", "column.3", "action.1"),
        _rel("ISSUED", "org.most", "plan", basis="plan"),
        _rel("LISTED_IN", "tech.h2", "column.3"),
        _rel("LISTED_IN", "tech.ccus", "column.3"),
        _rel("LISTED_IN", "demo.h2steel", "column.3"),
        # Parallel: electrolysis is both part of and a prerequisite of hydrogen.
        _rel("PART_OF", "tech.electrolysis", "tech.h2"),
        _rel("DEPENDS_ON", "tech.h2", "tech.electrolysis", basis="curated", rationale="製氫", weight=0.5),
        _rel("PART_OF", "tech.fuelcell", "tech.h2"),
        _rel("DEPENDS_ON", "tech.fuelcell", "tech.h2", note=None),
        _rel("DEPENDS_ON", "tech.fuelcell", "tech.storage"),
        _rel("DEPENDS_ON", "tech.storage", "tech.electrolysis"),
        _rel("DEPENDS_ON", "tech.h2", "tech.storage"),
        # A cycle: DEPENDS_ON both ways.
        _rel("DEPENDS_ON", "tech.grid", "tech.ccus"),
        _rel("DEPENDS_ON", "tech.ccus", "tech.grid"),
        _rel("DEPENDS_ON", "tech.electrolysis", "tech.grid"),
        _rel("APPLIES_TO", "tech.h2", "sector.steel"),
        _rel("APPLIES_TO", "tech.ccus", "sector.steel"),
        _rel("DEMONSTRATES", "demo.h2steel", "tech.h2"),
        _rel("IN_SECTOR", "demo.h2steel", "sector.steel"),
        _rel("CONTRIBUTES_TO", "tech.h2", "ms.2025"),
        _rel("CONTRIBUTES_TO", "demo.h2steel", "ms.2025"),
        _rel("ADVANCES", "ms.2025", "goal.peak"),
        _rel("SET_BY", "ms.2025", "column.3"),
        _rel("SUPPORTS", "init.finance", "tech.ccus"),
        _rel("SUPPORTS", "init.finance", "sector.steel"),
    )  # fmt: skip
    return GraphData(nodes, relationships)


DATA = synthetic_graph()
IDS = [node.id for node in DATA.nodes]
TECHS = [node.id for node in DATA.nodes if node.label == "Technology"]


@pytest.fixture
def stores(bolt_store: Neo4jStore) -> tuple[MemoryStore, Neo4jStore]:
    memory = MemoryStore()
    memory.replace_all(DATA)
    bolt_store.replace_all(DATA)
    return memory, bolt_store


def test_round_trip_gives_back_the_loaded_graph(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    exported = bolt.export()
    assert exported == memory.export()
    assert exported == ordered(DATA)
    fuelcell = bolt.get_node("tech.fuelcell")
    assert fuelcell is not None
    assert fuelcell.properties == {"aliases": ["FC"], "trl": 8, "years": [2025, 2030], "scores": [0.5, 1.0],
                                   "baseline": None}  # fmt: skip


def test_a_version_at_hand_is_never_an_old_graph_s(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    """The answers kept per graph version trust ``version_at_hand`` without asking the store: after
    a reload it must be the new graph's version or None, never the one before."""
    smaller = GraphData(DATA.nodes[:3], DATA.relationships[:2])
    for store in stores:
        before = store.version()
        assert store.version_at_hand() in (None, before)
        store.replace_all(smaller)
        assert store.version_at_hand() in (None, store.version()) and store.version() != before
    memory, bolt = stores
    assert memory.version_at_hand() == memory.version()  # in process: at hand once computed
    assert bolt.version_at_hand() is None  # over Bolt: only once the database answers


def test_replace_all_is_idempotent_and_replaces(bolt_store: Neo4jStore) -> None:
    progress: list[tuple[int, int]] = []
    bolt_store.replace_all(DATA, progress=lambda done, total: progress.append((done, total)))
    bolt_store.replace_all(DATA)
    assert bolt_store.counts() == (len(DATA.nodes), len(DATA.relationships))
    done, total = progress[-1]
    assert done == total >= len(DATA.nodes) + len(DATA.relationships)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    smaller = GraphData(DATA.nodes[:3], DATA.relationships[:2])
    bolt_store.replace_all(smaller)
    assert bolt_store.export() == ordered(smaller)


def test_replace_all_rejects_data_outside_the_schema(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    _, bolt = stores
    dangling = GraphData(DATA.nodes, (*DATA.relationships, _rel("DEPENDS_ON", "tech.h2", "tech.nowhere")))
    wrong_ends = GraphData(DATA.nodes, (_rel("DEPENDS_ON", "tech.h2", "sector.steel"),))
    reserved = GraphData((_node("tech.x", "Technology", "x", "x", "x", search_text="no"),), ())
    for bad in (dangling, wrong_ends, reserved):
        with pytest.raises(ValueError):
            bolt.replace_all(bad)
    assert bolt.counts() == (len(DATA.nodes), len(DATA.relationships))  # nothing was sent


def test_counts(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    assert bolt.counts() == memory.counts()
    assert bolt.label_counts() == memory.label_counts()
    assert bolt.type_counts() == memory.type_counts()
    bolt.ping()


def test_get_node(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    for node_id in [*IDS, "tech.missing"]:
        assert bolt.get_node(node_id) == memory.get_node(node_id)


@pytest.mark.parametrize("label", [None, "Technology", "Sector", "Goal"])
def test_list_nodes(stores: tuple[MemoryStore, Neo4jStore], label: str | None) -> None:
    memory, bolt = stores
    for needle, (limit, offset) in product(
        [None, "tech", normalize("氫"), "h2", "zzz"], [(50, 0), (3, 0), (3, 2), (5, 40)]
    ):
        assert bolt.list_nodes(label, needle, limit, offset) == memory.list_nodes(
            label, needle, limit, offset
        )


def test_neighbors(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    for node_id, direction, types in product(
        IDS, ("out", "in", "both"), (None, ["DEPENDS_ON"], ["PART_OF", "DEPENDS_ON"], ["ISSUED"])
    ):
        assert bolt.neighbors(node_id, direction, types) == memory.neighbors(node_id, direction, types)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "query",
    ["氫", "氢能技术", "H2 技術", "tech.h2", "ccus", "碳", "storage", "儲能", "green", "電", "nothing"],
)
def test_search(stores: tuple[MemoryStore, Neo4jStore], query: str) -> None:
    memory, bolt = stores
    needle = normalize(query)
    for label, limit in product([None, "Technology", "DemonstrationProject"], [20, 2]):
        assert bolt.search(needle, label, limit) == memory.search(needle, label, limit)
    assert bool(bolt.search(needle, None, 20)) == (query != "nothing")


def test_search_scores(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    _, bolt = stores
    scores = {hit.node.id: hit.score for hit in bolt.search(normalize("氫"), None, 50)}
    assert scores["tech.grid"] == 20  # only in its description
    assert bolt.search(normalize("H2 技術"), None, 5)[0].score == 100  # an alias, in simplified form


@pytest.mark.parametrize("directed", [True, False])
def test_shortest_paths(stores: tuple[MemoryStore, Neo4jStore], directed: bool) -> None:
    memory, bolt = stores
    for source, target in product(IDS, IDS):
        for types, max_hops, limit in (
            (None, 8, 50),
            (["DEPENDS_ON"], 8, 50),
            (["PART_OF", "DEPENDS_ON"], 2, 3),
        ):
            expected = shortest(memory, source, target, max_hops, types, directed, limit)
            got = shortest(bolt, source, target, max_hops, types, directed, limit)
            assert got == expected, (source, target, types, max_hops)


def test_shortest_paths_include_parallel_relationships(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    _, bolt = stores
    paths = shortest(bolt, "tech.fuelcell", "tech.h2", 3, None, True, 10)
    assert [[r.type for r in p.relationships] for p in paths] == [["DEPENDS_ON"], ["PART_OF"]]


def wide_graph() -> GraphData:
    """Many shortest paths through wide layers: tech.s reaches 150 nodes, each of which reaches
    tech.m by two parallel relationships half the time, and tech.m reaches tech.t two ways; a
    longer detour joins tech.s and tech.t too. On FalkorDB the frontiers and the pairs of the
    shortest-path graph take several statements each."""
    wide = [_node(f"tech.wide_{i:03d}", "Technology", f"寬{i}", f"宽{i}", f"Wide {i}") for i in range(150)]
    ends = [
        _node(f"tech.{name}", "Technology", name, name, name) for name in ("s", "m", "n", "t", "d1", "d2")
    ]
    rels = [_rel("DEPENDS_ON", "tech.s", w.id) for w in wide]
    rels += [_rel("DEPENDS_ON", w.id, "tech.m") for w in wide]
    rels += [_rel("PART_OF", w.id, "tech.m") for w in wide[::2]]
    rels += [_rel("PART_OF", "tech.t", w.id) for w in wide[::3]]  # against the walk: undirected only
    rels += [_rel("DEPENDS_ON", "tech.m", "tech.t"), _rel("DEPENDS_ON", "tech.m", "tech.n")]
    rels += [_rel("DEPENDS_ON", "tech.n", "tech.t"), _rel("PART_OF", "tech.t", "tech.m")]
    rels += [_rel("PART_OF", "tech.s", "tech.d1"), _rel("PART_OF", "tech.d1", "tech.d2")]
    rels += [_rel("PART_OF", "tech.d2", "tech.t")]
    return GraphData((*wide, *ends), tuple(rels))


def test_shortest_paths_through_wide_layers(bolt_store: Neo4jStore) -> None:
    data = wide_graph()
    memory = MemoryStore()
    memory.replace_all(data)
    bolt_store.replace_all(data)
    cases = product(
        [
            ("tech.s", "tech.t"),
            ("tech.t", "tech.s"),
            ("tech.s", "tech.n"),
            ("tech.wide_007", "tech.wide_100"),
        ],
        [None, ["DEPENDS_ON"], ["PART_OF"]],
        [True, False],
        [(8, 500), (3, 37), (2, 1)],
    )
    found = 0
    for (source, target), types, directed, (max_hops, limit) in cases:
        expected = shortest(memory, source, target, max_hops, types, directed, limit)
        got = shortest(bolt_store, source, target, max_hops, types, directed, limit)
        assert got == expected, (source, target, types, directed, max_hops, limit)
        found += len(expected)
    assert found > 1000, "the cases must include many paths, or they prove little"


@pytest.mark.parametrize("directed", [True, False])
def test_simple_paths(stores: tuple[MemoryStore, Neo4jStore], directed: bool) -> None:
    memory, bolt = stores
    pairs = [(s, t) for s, t in product(IDS, IDS) if s.startswith("tech") or t == s or s == "plan"]
    for (source, target), (max_hops, limit) in product(pairs, [(4, 100), (6, 5), (2, 1)]):
        expected = simple(memory, source, target, max_hops, directed, limit)
        assert simple(bolt, source, target, max_hops, directed, limit) == expected, (source, target)


def test_dependencies(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    for node_id, upstream, depth in product(TECHS, (True, False), (1, 2, 5)):
        expected = memory.dependencies(node_id, upstream, depth)
        assert bolt.dependencies(node_id, upstream, depth) == expected, (node_id, upstream, depth)


def awkward_graph() -> GraphData:
    """Values FalkorDB's Bolt layer would mangle unless the store takes care: quotes and
    backslashes, records longer than its 4 KiB buffer, floats, and hundreds of ids at once."""
    long_zh = "氫能與儲能技術的協同發展," * 240  # about 9 KB in UTF-8: sent in pieces to FalkorDB
    long_en = "China's plan: it's \\ 'quoted' \\n and \"double\" " * 30
    hub = _node(
        "tech.hub",
        "Technology",
        "樞紐技術",
        "枢纽技术",
        "Hub's technology",
        aliases=["it's", "back\\slash", "O'Neill"],
        description_zh=long_zh,
        description_en=long_en,
        share=0.1,
        ratio=2.75,
        rationale="x' RETURN 1 //",
    )
    leaves = [
        _node(f"tech.leaf_{i:03d}", "Technology", f"葉技術{i}", f"叶技术{i}", f"Leaf's {i}", trl=i % 11 + 1)
        for i in range(300)
    ]
    chain = [_rel("DEPENDS_ON", "tech.hub", leaf.id, note=f"needs {leaf.id}'s output") for leaf in leaves]
    chain[0] = _rel("DEPENDS_ON", "tech.hub", leaves[0].id, rationale="很長的理由。" * 700)
    chain += [_rel("DEPENDS_ON", a.id, b.id) for a, b in zip(leaves[:50], leaves[1:51], strict=True)]
    return GraphData((hub, *leaves), tuple(chain))


def test_awkward_values_round_trip(bolt_store: Neo4jStore) -> None:
    data = awkward_graph()
    memory = MemoryStore()
    memory.replace_all(data)
    bolt_store.replace_all(data)
    assert bolt_store.export() == memory.export()
    assert bolt_store.get_node("tech.hub") == memory.get_node("tech.hub")
    for node_id, upstream in product(["tech.hub", "tech.leaf_000", "tech.leaf_025"], (True, False)):
        assert bolt_store.dependencies(node_id, upstream, 60) == memory.dependencies(node_id, upstream, 60)
    for query in ["it's", "O'Neill", "back\\slash", "china's plan", "leaf's 1", "x' RETURN 1 //"]:
        needle = normalize(query)
        assert bolt_store.search(needle, None, 400) == memory.search(needle, None, 400), query
        assert bolt_store.list_nodes(None, needle, 400, 0) == memory.list_nodes(None, needle, 400, 0), query
    assert bolt_store.neighbors("tech.hub", "both", None) == memory.neighbors("tech.hub", "both", None)
    paths = shortest(bolt_store, "tech.leaf_000", "tech.leaf_299", 4, None, False, 10)
    assert paths == shortest(memory, "tech.leaf_000", "tech.leaf_299", 4, None, False, 10)


def test_every_node_carries_the_shared_label_and_nothing_else_counts(server: FalkorDBServer) -> None:
    """Loading writes the shared label beside each node's own; a node without it (another
    application's, in the same database) is neither read, counted, exported nor deleted."""
    store = Neo4jStore.connect(server.uri, "falkordb", "", "ckg", timeout=FAST)
    try:
        store.replace_all(DATA)
        labels = store._driver.execute_query(  # read behind the store's back: its labels are the point
            "MATCH (n) RETURN n.id AS id, labels(n) AS labels", database_="ckg"
        ).records
        assert sorted((r["id"], sorted(r["labels"])) for r in labels) == sorted(
            (node.id, sorted([NODE_LABEL, node.label])) for node in DATA.nodes
        )
        foreign = "CREATE (:Technology {id: 'tech.h2', label: 'Technology', name_zh: 'x', name_zh_hans: 'x', "
        store._driver.execute_query(foreign + "name_en: 'other', search_names: ['氫']})", database_="ckg")
        memory = MemoryStore()
        memory.replace_all(DATA)
        assert store.counts() == memory.counts() and store.label_counts() == memory.label_counts()
        assert store.get_node("tech.h2") == memory.get_node("tech.h2")
        assert store.search("氫", None, 50) == memory.search("氫", None, 50)
        assert store.export() == memory.export()
        store.replace_all(DATA)
        left = store._driver.execute_query(
            "MATCH (n) WHERE n.name_en = 'other' RETURN count(n) AS c", database_="ckg"
        )
        assert left.records[0]["c"] == 1
    finally:
        store.close()


def test_falkordb_refuses_what_its_bolt_layer_would_mangle(falkordb_servers: list[FalkorDBServer]) -> None:
    """Checked before sending, so the server neither stores it wrong nor crashes."""
    server = start_falkordb()
    falkordb_servers.append(server)
    store = Neo4jStore.connect(server.uri, "falkordb", "", "ckg", timeout=FAST)
    try:
        too_long = _node("tech.x", "Technology", "x", "x", "x", notes="長" * 2000)
        too_precise = _node("tech.y", "Technology", "y", "y", "y", share=0.1234567)
        for bad in (too_long, too_precise):
            with pytest.raises(ValueError, match="FalkorDB"):
                store.replace_all(GraphData((bad,), ()))
        with pytest.raises(ValueError, match="FalkorDB"):
            store.search("碳" * 1500, None, 10)
        store.replace_all(DATA)  # the server is still up
        assert store.counts() == (len(DATA.nodes), len(DATA.relationships))
    finally:
        store.close()


def test_path_caps(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    _, bolt = stores
    with pytest.raises(LimitExceeded, match="cap of 8"):
        paths.shortest_paths(bolt, "tech.h2", "plan", 9)
    with pytest.raises(LimitExceeded, match="cap of 6"):
        paths.simple_paths(bolt, "tech.h2", "plan", 7)


def test_path_primitives(stores: tuple[MemoryStore, Neo4jStore]) -> None:
    memory, bolt = stores
    for direction, types in product(("out", "in", "both"), (None, ["DEPENDS_ON"], ["PART_OF", "DEPENDS_ON"])):
        assert bolt.expand(IDS, types, direction) == memory.expand(IDS, types, direction), (direction, types)
    pairs = list(product(IDS, IDS))
    for directed, types in product((True, False), (None, ["PART_OF"])):
        expected = memory.relationships_between(pairs, types, directed)
        assert expected or types == ["PART_OF"]
        assert bolt.relationships_between(pairs, types, directed) == expected, (directed, types)
    assert bolt.nodes_by_id([*IDS, "tech.nope"]) == memory.nodes_by_id([*IDS, "tech.nope"])


# -- faults: each test opens and closes its own driver, so each starts its own server ----------


@pytest.fixture
def server(falkordb_servers: list[FalkorDBServer]) -> Iterator[FalkorDBServer]:
    started = start_falkordb()
    falkordb_servers.append(started)
    yield started
    started.kill()


def _wrong_password_targets(
    bolt_target: BoltTarget, falkordb_servers: list[FalkorDBServer]
) -> list[tuple[str, str]]:
    guarded = start_falkordb(password="right-password")
    falkordb_servers.append(guarded)
    targets = [(guarded.uri, "falkordb")]
    if bolt_target.kind == "neo4j":
        targets.append((bolt_target.uri, bolt_target.username))
    return targets


def test_wrong_password_is_one_clear_error(
    bolt_target: BoltTarget, falkordb_servers: list[FalkorDBServer]
) -> None:
    for uri, username in _wrong_password_targets(bolt_target, falkordb_servers):
        store = Neo4jStore.connect(uri, username, "wrong-password", "ckg", timeout=FAST)
        try:
            with pytest.raises(BackendAuthError) as raised:
                store.ping()
            message = str(raised.value)
            assert "\n" not in message and "NEO4J_PASSWORD" in message
            assert isinstance(raised.value, BackendUnavailable)
        finally:
            store.close()


def test_nothing_listening_is_unavailable_quickly() -> None:
    store = Neo4jStore.connect(f"bolt://127.0.0.1:{free_port()}", "falkordb", "", "ckg", timeout=FAST)
    try:
        started = time.monotonic()
        with pytest.raises(BackendUnavailable) as raised:
            store.counts()
        assert time.monotonic() - started < 3 * FAST
        assert "\n" not in str(raised.value)
    finally:
        store.close()


def test_server_killed_then_back_on_the_same_ports(server: FalkorDBServer) -> None:
    store = Neo4jStore.connect(server.uri, "falkordb", "", "ckg", timeout=FAST)
    try:
        store.replace_all(DATA)
        assert store.counts() == (len(DATA.nodes), len(DATA.relationships))
        server.kill()
        for call in (store.ping, store.counts, lambda: store.replace_all(DATA)):
            started = time.monotonic()
            with pytest.raises(BackendUnavailable):
                call()
            assert time.monotonic() - started < 3 * FAST
        server.start()  # same ports, empty (the server saves nothing)
        store.ping()
        assert store.counts() == (0, 0)
        store.replace_all(DATA)
        assert store.export() == ordered(DATA)
    finally:
        store.close()


def test_server_that_never_answers_is_unavailable_quickly() -> None:
    """A port that accepts connections but never speaks Bolt (a hung server)."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", free_port()))
        silent.listen(8)
        store = Neo4jStore.connect(
            f"bolt://127.0.0.1:{silent.getsockname()[1]}", "falkordb", "", "ckg", timeout=FAST
        )
        try:
            started = time.monotonic()
            with pytest.raises(BackendUnavailable):
                store.ping()
            assert time.monotonic() - started < 3 * FAST
        finally:
            store.close()
