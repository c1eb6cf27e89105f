"""The Bolt server the tests share (a pytest plugin, named in ``conftest.py``): the real Neo4j
named by ``NEO4J_URI``, or else a FalkorDB server (``launch.falkordb``) started for the session.

The session keeps one driver for that server: on FalkorDB a driver that closes leaves the next
new connection hanging (see ``launch.falkordb``), so a test that must open and close a driver
of its own starts a fresh server (``start_falkordb``) and adds it to ``falkordb_servers``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

import neo4j
import pytest

from graph.neo4j_store import Neo4jStore, make_driver
from launch.falkordb import FALKORDB_USER, FalkorDBServer, start_falkordb

__all__ = [
    "BoltTarget",
    "bolt_target",
    "bolt_driver",
    "bolt_store",
    "falkordb_servers",
]

_graph_names = count()


@dataclass(frozen=True)
class BoltTarget:
    """Where the shared Bolt server is and how to log in; ``kind`` is falkordb or neo4j."""

    kind: str
    uri: str
    username: str
    password: str
    database: str


@pytest.fixture(scope="session")
def falkordb_servers() -> Iterator[list[FalkorDBServer]]:
    """Servers a test started for itself; killed at the end of the session if still running."""
    servers: list[FalkorDBServer] = []
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def bolt_target(falkordb_servers: list[FalkorDBServer]) -> BoltTarget:
    """The real Neo4j of ``NEO4J_URI`` if set, else a FalkorDB server started for the session."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return BoltTarget(
            "neo4j",
            uri,
            os.environ.get("NEO4J_USERNAME", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    server = start_falkordb()
    falkordb_servers.append(server)
    return BoltTarget("falkordb", server.uri, FALKORDB_USER, "", "ckg_test")


@pytest.fixture(scope="session")
def bolt_driver(bolt_target: BoltTarget) -> Iterator[neo4j.Driver]:
    """The session's one driver for the shared server."""
    driver = make_driver(bolt_target.uri, bolt_target.username, bolt_target.password)
    yield driver
    driver.close()


@pytest.fixture
def bolt_store(bolt_target: BoltTarget, bolt_driver: neo4j.Driver) -> Neo4jStore:
    """A store on the shared driver. FalkorDB ignores the database name (every session works on
    one graph), so tests using this store replace each other's graph, in turn; on Neo4j
    (one database) the test's ``replace_all`` replaces what an earlier test left."""
    database = bolt_target.database
    if bolt_target.kind == "falkordb":
        database = f"{database}_{next(_graph_names)}"
    return Neo4jStore(bolt_driver, database)
