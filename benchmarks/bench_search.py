"""Search at scale: the same needles on the plan graph and on a synthetic graph of ``--nodes``
technologies whose names and descriptions are made of the plan's own vocabulary.

A script, not a test: it prints the median, p90 and worst microseconds per search on each graph,
and the ratio of the medians.

    .venv/bin/python -m benchmarks.bench_search [--nodes 100000] [--searches 400]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.memory import MemoryStore
from graph.model import GraphData, Node
from graph.text import normalize
from loaders import load_seeds


def synthetic(plan: GraphData, count: int, rng: random.Random) -> GraphData:
    """Nodes named by splicing pieces of two plan names, so the vocabulary (and how often each
    character pair occurs) is the plan's, at ``count`` nodes."""
    names = [(n.name_zh, n.name_zh_hans, n.name_en) for n in plan.nodes if n.label == "Technology"]

    def splice(a: str, b: str) -> str:
        return a[: rng.randrange(1, len(a) + 1)] + b[rng.randrange(len(b)) :]

    nodes = []
    for i in range(count):
        (zh1, hans1, en1), (zh2, hans2, en2) = rng.sample(names, 2)
        nodes.append(
            Node(
                f"tech.syn_{i:06d}",
                "Technology",
                splice(zh1, zh2) + str(i),
                splice(hans1, hans2) + str(i),
                f"{en1.split(' (')[0]} and {en2.split(' (')[0]} {i}",
                {"description_en": f"{en2} applied to {en1}"},
            )
        )
    return GraphData(tuple(nodes), ())


def needles(plan: GraphData, count: int, rng: random.Random) -> list[str]:
    nodes = sorted(plan.nodes, key=lambda n: n.id)
    found: list[str] = []
    while len(found) < count:
        name = normalize(rng.choice([(n := rng.choice(nodes)).name_zh, n.name_en]))
        start = rng.randrange(max(len(name) - 2, 1))
        if piece := name[start : start + rng.choice([2, 3, 4])].strip():
            found.append(piece)
    return found


def microseconds(store: MemoryStore, asked: list[str]) -> list[float]:
    """Each search's time, sorted."""
    times = []
    for needle in asked:
        started = time.perf_counter()
        store.search(needle, None, 20)
        times.append((time.perf_counter() - started) * 1e6)
    return sorted(times)


def _figures(times: list[float]) -> str:
    p90 = times[int(0.9 * (len(times) - 1))]
    return f"median {statistics.median(times):,.0f} µs, p90 {p90:,.0f} µs, worst {times[-1]:,.0f} µs"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2030)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    plan = load_seeds()
    asked = needles(plan, args.searches, rng)
    small = MemoryStore()
    small.replace_all(plan)
    big = MemoryStore()
    started = time.perf_counter()
    big.replace_all(synthetic(plan, args.nodes, rng))
    print(f"synthetic graph of {args.nodes:,} nodes indexed in {time.perf_counter() - started:.1f} s")
    on_plan, on_big = microseconds(small, asked), microseconds(big, asked)
    ratio = statistics.median(on_big) / statistics.median(on_plan)
    print(f"search, {len(asked)} needles (limit 20):")
    print(f"  plan graph ({len(plan.nodes)} nodes): {_figures(on_plan)}")
    print(f"  synthetic ({args.nodes:,} nodes): {_figures(on_big)}   median ratio {ratio:.1f}x")


if __name__ == "__main__":
    main()
