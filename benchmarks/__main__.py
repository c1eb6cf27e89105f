"""``make bench``: every benchmark section in one run, in order, each printing its figures.

    .venv/bin/python -m benchmarks [--sections http,stores,closure]
        [--http=ARGS] [--stores=ARGS] [--closure=ARGS]

Each section is a benchmark module's ``main(argv)``, run with the options given to it as one
string (split as a shell would), e.g. smaller sizes for a quick run:

    make bench BENCH_ARGS='--http="--seconds 2" --stores="--n 3 --nodes 2000 --rels 6000"
        --closure="--nodes 20000 --edges 100000"'
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import bench_closure, bench_http, bench_stores

# The sections, in the order they run: each a module's ``main(argv)`` and what it measures.
SECTIONS: dict[str, tuple[Callable[[list[str]], None], str]] = {
    "http": (bench_http.main, "the REST API under ckg serve against a bare FastAPI endpoint"),
    "stores": (bench_stores.main, "loads and queries of both stores, on the seeds and a synthetic graph"),
    "closure": (bench_closure.main, "the dependency closure at 1 M edges against raw NetworkX"),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"which sections to run, comma-separated; they run in this order: {','.join(SECTIONS)}",
    )
    for name, (_, about) in SECTIONS.items():
        parser.add_argument(f"--{name}", default="", metavar="ARGS", help=f"options for {name}: {about}")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.sections.split(",") if name.strip()]
    if unknown := [name for name in chosen if name not in SECTIONS]:
        parser.error(f"unknown sections: {', '.join(unknown)} (known: {', '.join(SECTIONS)})")

    for name in (name for name in SECTIONS if name in chosen):
        run, about = SECTIONS[name]
        options = shlex.split(getattr(args, name))
        print(f"\n######## {name}: {about}" + (f" ({' '.join(options)})" if options else ""), flush=True)
        start = time.perf_counter()
        run(options)
        print(f"######## {name} took {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
