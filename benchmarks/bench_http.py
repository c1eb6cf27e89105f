"""Throughput of the REST API under ``ckg serve``, each endpoint set against a bare FastAPI
endpoint served the same way.

A script, not a test: it prints figures and asserts nothing about time. It starts two servers on
free loopback ports, each a process of its own run by ``api.app.serve`` (uvicorn with h11, as
``ckg serve`` runs the API): ``ckg serve`` itself, on the embedded store holding the plan graph
(``seeds/``, or ``$CKG_SEEDS``), and ``benchmarks.bare_endpoint``, whose one route returns a
small dict. Then wrk (Debian's package, installed by ``tools/install-wrk.sh``) keeps
``--connections`` keep-alive connections busy from one thread for ``--seconds``, on the bare
endpoint, on each API endpoint in turn, and on the bare endpoint again (to show how far the
machine drifted during the run).

Printed for each: requests per second, their ratio to the bare endpoint's (its first run), the
99th percentile latency, the errors (answers of 400 and above, socket errors and timeouts), and
the milliseconds of a first request sent alone before the load. The API keeps every answer by
graph version (``api/caching.py``): that first request computes the answer, and every request
after it is answered from the kept bytes. wrk sends plain GETs, without ``If-None-Match`` (so
never a 304) and without ``Accept-Encoding`` (so never gzip), as a client without a cache does.

    .venv/bin/python -m benchmarks.bench_http [--seconds 8] [--connections 16]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bare_endpoint
from launch.http import serving, serving_ckg
from launch.ports import free_port

__all__ = ["ENDPOINTS", "main"]

ROOT = Path(__file__).resolve().parent.parent
WRK_FIGURES = Path(__file__).with_name("wrk_figures.lua")
THREADS = 1  # wrk on one core, the server on the other, on a 2-core machine
FIRST_TIMEOUT = 60.0

# The requests of issue 11's table, as a client writes them (sent percent-encoded).
ENDPOINTS = [
    "/v1/nodes/tech.ccus",
    "/v1/search?q=氢",
    "/v1/paths/shortest?source=tech.dac&target=goal.peak_2030",
    "/v1/technologies/tech.pedf/dependencies",
    "/v1/paths?source=tech.dac&target=goal.peak_2030&max_hops=4&limit=20",
    "/v1/impact/tech.green_hydrogen",
    "/v1/gaps",
]


@dataclass(frozen=True)
class Figures:
    """What one wrk run measured."""

    requests: int
    seconds: float
    errors: int
    p99_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="seconds of load per endpoint (default 8)")
    parser.add_argument("--connections", type=int, default=16, help="connections kept busy (default 16)")
    args = parser.parse_args(argv)
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("bench_http: wrk is not installed; tools/install-wrk.sh installs it (as root)")

    print(
        f"{_wrk_version(wrk)}: {args.connections} connections from {THREADS} thread, {args.seconds} s per "
        f"endpoint; uvicorn {metadata.version('uvicorn')} (h11), FastAPI {metadata.version('fastapi')}, "
        f"Python {sys.version.split()[0]}.\nAnswers are kept by graph version (api/caching.py): the "
        "first request computes each one ('first ms'), wrk's are answered from the kept bytes; wrk "
        "sends plain\nGETs, without If-None-Match or Accept-Encoding, as a client without a cache does."
    )
    with servers() as (api, bare):
        first_answer_ms(api + "/health")  # the server's own first request, out of the endpoints' figures
        print("\n| endpoint | req/s | vs bare | p99 ms | first ms | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        floor = load(wrk, bare, args)
        print(_row(f"bare FastAPI endpoint (GET {bare_endpoint.PATH})", floor, floor, None))
        for path in ENDPOINTS:
            url = api + quote(path, safe="/?=&")
            first = first_answer_ms(url)
            print(_row(f"`{path}`", load(wrk, url, args), floor, first))
        print(_row("bare FastAPI endpoint, again at the end", load(wrk, bare, args), floor, None))


@contextmanager
def servers() -> Iterator[tuple[str, str]]:
    """``ckg serve`` on the embedded store, and the bare endpoint: the API's base URL and the bare
    endpoint's URL."""
    port = free_port()
    bare_command = [sys.executable, "-m", "benchmarks.bare_endpoint", str(port)]
    with (
        serving_ckg(cwd=ROOT) as api,
        serving(bare_command, port, bare_endpoint.PATH, cwd=ROOT) as bare,
    ):
        yield api.url, bare.url + bare_endpoint.PATH


def first_answer_ms(url: str) -> float:
    """Milliseconds to answer ``url`` once, alone (an answer that is not 200 raises)."""
    start = time.perf_counter()
    with urlopen(url, timeout=FIRST_TIMEOUT) as answer:
        answer.read()
    return (time.perf_counter() - start) * 1000


def load(wrk: str, url: str, args: argparse.Namespace) -> Figures:
    """One wrk run on ``url``, read from the line ``wrk_figures.lua`` prints."""
    command = [
        wrk,
        f"--threads={THREADS}",
        f"--connections={args.connections}",
        f"--duration={args.seconds}s",
        "--timeout=30s",  # a slow answer is measured, not dropped from the latencies as a timeout
        f"--script={WRK_FIGURES}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("figures "))
    requests, microseconds, *errors, p99 = (int(value) for value in line.split()[1:])
    return Figures(requests, microseconds / 1e6, sum(errors), p99 / 1000)


def _row(name: str, figures: Figures, floor: Figures, first_ms: float | None) -> str:
    first = "" if first_ms is None else f"{first_ms:.1f}"
    return (
        f"| {name} | {figures.rate:,.0f} | {figures.rate / floor.rate:.2f}× | {figures.p99_ms:.1f} "
        f"| {first} | {figures.errors} |"
    )


def _wrk_version(wrk: str) -> str:
    # wrk prints its version above the usage, and exits 1, when asked for it.
    output = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout
    return " ".join(output.split()[:2])


if __name__ == "__main__":
    main()
