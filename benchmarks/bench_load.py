"""Hostile load on ``ckg serve``: does the server stay up while the costliest queries pour in?

A script, not a test: it prints figures and asserts nothing. It starts ``ckg serve`` (the
embedded store, the plan graph) on a free loopback port, and sends traffic to that port only,
in loops bounded in count and time; it stops the server when done.

1. Each candidate query alone, ``--alone`` times, one at a time: the first call (which computes
   the answer) and the median and worst of the rest (answered again by graph version). The
   costliest first call is the one the load uses.
2. ``--connections`` keep-alive connections send that query back to back for ``--seconds``
   (at most ``--max-requests`` in all), while one more connection asks ``/health`` every
   ``--probe-interval`` seconds (``--query PATH`` loads that request instead; ``--bust`` makes
   every request new, as a hostile client would, so none is answered from the cache). Printed:
   requests answered and refused (503 from admission control), other statuses, throughput,
   and ``/health`` latency (median, p99, worst).

Run from the repository root:

    .venv/bin/python -m benchmarks.bench_load [--connections 64] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from launch.http import HOST, serving_ckg

ROOT = Path(__file__).resolve().parent.parent

# The most expensive requests inside every cap, on the plan graph.
CANDIDATES = [
    "/v1/paths?source=sector.power&target=sector.buildings&max_hops=6&limit=100",
    "/v1/paths?source=sector.power&target=sector.buildings&max_hops=6&limit=1",
    "/v1/gaps",
    "/v1/analytics/critical?metric=betweenness&limit=200",
    "/v1/analytics/critical?metric=milestones&limit=200",
    "/v1/impact/tech.green_hydrogen",
    "/v1/milestones/milestone.co2_intensity_2030/chains?limit=200",
    "/v1/export?format=json",
    "/v1/paths/shortest?source=tech.dac&target=goal.neutrality_2060&max_hops=8&limit=100",
]


class Connection:
    """One keep-alive HTTP/1.1 connection: enough client for GETs with Content-Length answers."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(HOST, port, limit=2**24)
        return cls(reader, writer)

    async def get(self, path: str) -> int:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next(
            (int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0
        )
        await self.reader.readexactly(length)
        return int(lines[0].split()[1])

    def close(self) -> None:
        self.writer.close()


async def alone(port: int, path: str, runs: int) -> list[float]:
    connection = await Connection.open(port)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        status = await connection.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise SystemExit(f"{path} answered {status} when alone")
    connection.close()
    return times


@dataclass
class Load:
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    health_ms: list[float] = field(default_factory=list)
    health_failures: int = 0
    sent: int = 0


async def hammer(port: int, path: str, load: Load, stop_at: float, budget: int, bust: bool) -> None:
    try:
        connection = await Connection.open(port)
    except OSError as error:
        load.failures[type(error).__name__] += 1
        return
    separator = "&" if "?" in path else "?"
    try:
        while time.monotonic() < stop_at and load.sent < budget:
            load.sent += 1
            # A parameter the API ignores makes every request new to the kept answers.
            target = f"{path}{separator}_={load.sent}" if bust else path
            load.statuses[await connection.get(target)] += 1
    except (OSError, asyncio.IncompleteReadError) as error:
        load.failures[type(error).__name__] += 1
    finally:
        connection.close()


async def probe(port: int, load: Load, stop_at: float, interval: float, timeout: float) -> None:
    connection = await Connection.open(port)
    while time.monotonic() < stop_at:
        start = time.perf_counter()
        try:
            status = await asyncio.wait_for(connection.get("/health"), timeout)
            load.health_ms.append((time.perf_counter() - start) * 1000)
            if status != 200:
                load.health_failures += 1
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            load.health_failures += 1
            connection.close()
            connection = await Connection.open(port)
        await asyncio.sleep(interval)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def run(args: argparse.Namespace, port: int) -> None:
    print("1. each query alone, one at a time (ms): the first call computes the answer, the next")
    print(f"   {args.alone - 1} are answered again from the graph version's kept answers")
    print(f"   {'first':>8} {'median':>8} {'worst':>8}  query")
    firsts = {}
    for path in CANDIDATES:
        times = await alone(port, path, args.alone)
        firsts[path] = times[0]
        again = times[1:] or times
        print(f"   {times[0]:>8.1f} {statistics.median(again):>8.1f} {max(again):>8.1f}  {path}")
    costliest = args.query or max(firsts, key=lambda p: firsts[p])
    print(f"   {'chosen' if args.query else 'costliest'}: {costliest}")

    busting = ", each request made new to the kept answers (--bust)" if args.bust else ""
    print(
        f"\n2. {args.connections} connections on the costliest for {args.seconds:.0f} s "
        f"(at most {args.max_requests} requests){busting}, /health probed every {args.probe_interval} s:"
    )
    load = Load()
    start = time.monotonic()
    stop_at = start + args.seconds
    tasks = [
        hammer(port, costliest, load, stop_at, args.max_requests, args.bust) for _ in range(args.connections)
    ]
    await asyncio.gather(probe(port, load, stop_at, args.probe_interval, args.probe_timeout), *tasks)
    elapsed = time.monotonic() - start
    answered = sum(load.statuses.values())
    refused = load.statuses.get(503, 0)
    served = load.statuses.get(200, 0)
    print(f"   requests answered: {answered} in {elapsed:.1f} s ({answered / elapsed:.0f}/s)")
    share = refused / max(answered, 1)
    print(f"   200: {served} ({served / elapsed:.1f}/s)   503 refused: {refused} ({share:.1%})")
    others = {s: n for s, n in load.statuses.items() if s not in (200, 503)}
    print(f"   other statuses: {others or 'none'}   connection failures: {dict(load.failures) or 'none'}")
    print(
        f"   /health during the load: {len(load.health_ms)} answered, {load.health_failures} failed or "
        f"timed out (> {args.probe_timeout} s); median {statistics.median(load.health_ms):.1f} ms, "
        f"p99 {percentile(load.health_ms, 0.99):.1f} ms, worst {max(load.health_ms):.1f} ms"
    )
    after = await alone(port, "/health", 5)
    print(f"   /health right after the load: median {statistics.median(after):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--alone", type=int, default=20)
    parser.add_argument("--probe-interval", type=float, default=0.1)
    parser.add_argument("--probe-timeout", type=float, default=10.0)
    parser.add_argument("--query", help="load this path instead of the costliest candidate")
    parser.add_argument(
        "--bust",
        action="store_true",
        help="add an ignored parameter so no request is answered from the cache",
    )
    args = parser.parse_args()
    with serving_ckg(cwd=ROOT) as served:
        asyncio.run(run(args, served.port))


if __name__ == "__main__":
    main()
