"""``ckg``: the parser made of every command group's commands, and the exit status of a run.

Each group module adds its commands to the parser, each with the function that runs it
(``set_defaults(run=...)``); this module runs the one chosen and turns what it raises into
one line on stderr and an exit status.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from cli import data, planner, query, reports, serve
from graph.errors import BackendUnavailable
from loaders import SeedError
from queries.errors import QueryError

__all__ = ["main", "parser"]


def parser() -> argparse.ArgumentParser:
    ckg = argparse.ArgumentParser(prog="ckg", description="Carbon Roadmap KG")
    commands = ckg.add_subparsers(dest="command", required=True)
    for group in (data, serve, query, reports, planner):
        group.add_commands(commands)
    return ckg


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status: 0 done, 1 bad seeds or a failed check, 2 a bad request
    or an unreachable database, 130 interrupted, 141 the reader of the output went away."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # ``ckg … | head``: the reader has all it wants. Point stdout at /dev/null so that the
        # interpreter's last flush cannot fail too, and end as a process killed by SIGPIPE would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("ckg: interrupted", file=sys.stderr)
        return 130


def _run(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    # The driver logs each retry it makes; the command reports the outcome in one line instead.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    try:
        status: int = args.run(args)
        return status
    except SeedError as error:
        print(error, file=sys.stderr)
        return 1
    except (QueryError, BackendUnavailable, ValueError) as error:
        print(f"ckg: {error}", file=sys.stderr)
        return 2
