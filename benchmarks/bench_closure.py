"""The dependency closure at scale: ``MemoryStore.dependencies`` against a raw NetworkX
breadth-first search to the same depth, on a synthetic graph of ``--nodes`` technologies and
``--edges`` DEPENDS_ON relationships.

A script, not a test: it prints the load's time and rate; how far the load raised the process's
resident memory at its peak (Linux's VmHWM, reset just before the load) and how much of it stayed;
the first closure's time; then, for ``--starts`` start nodes each walked upstream and downstream,
the closure's time through the store and the baseline's (median and p95 milliseconds, each the
fastest of ``--repeat`` runs) and their ratio.

The baseline is ``nx.single_source_shortest_path_length`` with ``cutoff`` over a ``nx.DiGraph`` of
the same DEPENDS_ON edges (reversed for downstream). Every relationship of the synthetic graph is
a DEPENDS_ON, so the baseline filters nothing, as the store's closure must. It returns an
unordered mapping; the store's answer is ordered by (depth, id) and leaves the start out, and that
work is counted against the store.

    .venv/bin/python -m benchmarks.bench_closure [--nodes 200000] [--edges 1000000] [--depth 10]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship
from queries.limits import MAX_DEPTH

__all__ = ["dependency_graph", "add_arguments", "run", "main"]

# Share of the relationships that point anywhere (closing cycles) rather than to an earlier node.
FORWARD_SHARE = 0.02
CURATED = {"basis": "curated", "rationale": "synthetic, for the closure benchmark"}
NECESSITY = {name: {**CURATED, "necessity": name} for name in ("essential", "enabling")}


def dependency_graph(nodes: int, edges: int, seed: int) -> GraphData:
    """``nodes`` technologies and ``edges`` distinct DEPENDS_ON relationships between them, valid
    per the schema. Most point from a node to one of lower number, drawn skewed towards the first
    nodes, so the graph is mostly acyclic and the first nodes are hubs (prerequisites of many);
    one in fifty points anywhere, closing cycles. Deterministic for a given seed."""
    if nodes < 2 or edges > nodes * (nodes - 1):
        raise ValueError(f"{nodes} nodes cannot carry {edges} distinct relationships")
    rng = random.Random(seed)
    ids = [f"tech.dep_{i:06d}" for i in range(nodes)]
    technologies = tuple(
        Node(ids[i], "Technology", f"依賴技術{i}", f"依赖技术{i}", f"Dependent technology {i}", CURATED)
        for i in range(nodes)
    )
    pairs: dict[tuple[int, int], None] = {}
    while len(pairs) < edges:
        source = rng.randrange(nodes)
        forward = rng.random() < FORWARD_SHARE
        target = rng.randrange(nodes) if forward else int(source * rng.random() ** 2)
        if source != target:
            pairs[(source, target)] = None
    relationships = tuple(
        Relationship("DEPENDS_ON", ids[s], ids[t], NECESSITY["essential" if (s + t) % 3 else "enabling"])
        for s, t in pairs
    )
    return GraphData(technologies, relationships)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument(
        "--depth", type=int, default=MAX_DEPTH.cap, help="closure depth (default: the API's cap)"
    )
    parser.add_argument("--starts", type=int, default=20, help="start nodes, each walked both ways")
    parser.add_argument("--repeat", type=int, default=3, help="runs per closure; the fastest counts")
    parser.add_argument("--seed", type=int, default=2030)


def run(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    data = dependency_graph(args.nodes, args.edges, args.seed)
    print(
        f"closure: synthetic graph of {args.nodes:,} technologies and {args.edges:,} DEPENDS_ON "
        f"made in {time.perf_counter() - started:.1f} s"
    )
    store = _load(data)
    started = time.perf_counter()
    store.dependencies(data.nodes[0].id, False, args.depth)
    print(f"  first closure after the load: {time.perf_counter() - started:.2f} s")
    baseline = nx.DiGraph()
    baseline.add_nodes_from(node.id for node in data.nodes)
    baseline.add_edges_from((rel.source, rel.target) for rel in data.relationships)
    starts = random.Random(args.seed).sample([node.id for node in data.nodes], args.starts)
    _compare(store, baseline, starts, args.depth, args.repeat)


def _load(data: GraphData) -> MemoryStore:
    """A store holding ``data``; prints the load's time, rate and memory."""
    store = MemoryStore()
    gc.collect()
    exact = _reset_peak_rss()
    before = _rss_mib("VmRSS")
    started = time.perf_counter()
    store.replace_all(data)
    seconds = time.perf_counter() - started
    rows = len(data.nodes) + len(data.relationships)
    print(f"  load: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")
    print(
        f"  load memory (RSS, /proc/self/status): peak {_rss_mib('VmHWM') - before:,.0f} MiB above the "
        f"{before:,.0f} MiB held before{'' if exact else ' (a lower bound: the peak could not be reset)'}, "
        f"{_rss_mib('VmRSS') - before:,.0f} MiB kept"
    )
    return store


def _compare(store: MemoryStore, baseline: nx.DiGraph, starts: list[str], depth: int, repeat: int) -> None:
    reverse = baseline.reverse(copy=False)
    ours, raw, reached = [], [], []
    for start in starts:
        for upstream in (True, False):
            walked = baseline if upstream else reverse
            ours.append(_fastest(partial(store.dependencies, start, upstream, depth), repeat))
            raw.append(_fastest(partial(nx.single_source_shortest_path_length, walked, start, depth), repeat))
            reached.append(len(store.dependencies(start, upstream, depth)))
    print(
        f"  closure to depth {depth} from {len(starts)} nodes, each way (fastest of {repeat}; "
        f"{statistics.median(reached):,.0f} nodes reached at the median, {max(reached):,} at most):"
    )
    print(f"    MemoryStore.dependencies: {_figures(ours)}")
    print(f"    raw NetworkX BFS:         {_figures(raw)}")
    ratios = sorted(a / b for a, b in zip(ours, raw, strict=True))
    print(
        f"    store / raw: {statistics.median(ours) / statistics.median(raw):.2f}x the median, "
        f"{_p95(ours) / _p95(raw):.2f}x the p95; per start: median {statistics.median(ratios):.2f}x, "
        f"worst {ratios[-1]:.2f}x"
    )


def _reset_peak_rss() -> bool:
    """Lower the process's peak RSS (VmHWM) to its current RSS (Linux 4.0 and later)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _rss_mib(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (the peak) of this process, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 2**10  # given in kB
    raise LookupError(field)


def _fastest(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _p95(times: list[float]) -> float:
    return sorted(times)[int(0.95 * (len(times) - 1))]


def _figures(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1e3:,.1f} ms, p95 {_p95(times) * 1e3:,.1f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_arguments(parser)
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
