"""``ckg load --neo4j``: write the validated seeds into Neo4j, with a progress bar on a terminal."""

from __future__ import annotations

import sys
import time

from api.backend import connect_neo4j
from api.settings import Settings
from graph.model import GraphData

__all__ = ["load_into_neo4j"]

BAR_WIDTH = 30


def _progress_bar(done: int, total: int) -> None:
    filled = BAR_WIDTH * done // max(total, 1)
    sys.stderr.write(f"\r  [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} records")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def load_into_neo4j(settings: Settings, data: GraphData) -> tuple[int, int]:
    """Replace the graph in the database with ``data``; returns the counts the database reports."""
    store = connect_neo4j(settings)
    try:
        started = time.perf_counter()
        store.replace_all(data, progress=_progress_bar if sys.stderr.isatty() else None)
        nodes, relationships = store.counts()
        seconds = time.perf_counter() - started
        where = f"{settings.neo4j_uri} (database {settings.neo4j_database})"
        print(
            f"loaded into {where}: {nodes} nodes, {relationships} relationships in {seconds:.2f} s",
            file=sys.stderr,
        )
        return nodes, relationships
    finally:
        store.close()
