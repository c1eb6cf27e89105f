"""Shared fixtures: the seeds, the two stores they are loaded into, and an HTTP client on each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore, make_driver
from graph.store import GraphStore
from launch.falkordb import FALKORDB_USER, FalkorDBServer, start_falkordb
from loaders import load_seeds

if TYPE_CHECKING:
    from tests.bolt_fixtures import BoltTarget

# The Bolt server fixtures: bolt_target, bolt_driver, bolt_store, falkordb_servers; the browser's.
pytest_plugins = ["tests.bolt_fixtures", "tests.explorer_browser"]

BACKENDS = ("memory", "bolt")


@pytest.fixture(scope="session")
def seed_data() -> GraphData:
    return load_seeds()


@pytest.fixture(scope="session")
def memory_store(seed_data: GraphData) -> MemoryStore:
    store = MemoryStore()
    store.replace_all(seed_data)
    return store


@pytest.fixture(scope="session")
def _bolt_seeds(
    bolt_target: BoltTarget,
    bolt_driver: neo4j.Driver,
    seed_data: GraphData,
    falkordb_servers: list[FalkorDBServer],
) -> Iterator[Neo4jStore]:
    """FalkorDB serves one graph whatever the database name, so the seeds get a server of their
    own there, out of reach of the tests that load graphs of their own into the shared one."""
    if bolt_target.kind == "neo4j":
        store = Neo4jStore(bolt_driver, bolt_target.database)
        store.replace_all(seed_data)
        yield store
        return
    server = start_falkordb()
    falkordb_servers.append(server)
    store = Neo4jStore(make_driver(server.uri, FALKORDB_USER, ""), "ckg_seeds", owns_driver=True)
    store.replace_all(seed_data)
    yield store
    store.close()


@pytest.fixture
def seeded_bolt_store(_bolt_seeds: Neo4jStore, bolt_target: BoltTarget, seed_data: GraphData) -> Neo4jStore:
    """The shipped seeds, over Bolt, in a graph of their own. A real Neo4j (community edition) has
    one database that other tests replace too, so there the seeds are reloaded when they are gone."""
    if bolt_target.kind == "neo4j" and _bolt_seeds.counts() != (
        len(seed_data.nodes),
        len(seed_data.relationships),
    ):
        _bolt_seeds.replace_all(seed_data)
    return _bolt_seeds


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each backend in turn, holding the shipped seeds."""
    name = "memory_store" if request.param == "memory" else "seeded_bolt_store"
    found: GraphStore = request.getfixturevalue(name)
    return found


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    """The REST API over HTTP on each backend in turn."""
    with TestClient(create_app(store=store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def memory_client(memory_store: MemoryStore) -> Iterator[TestClient]:
    """The reference answers: the API on the embedded store."""
    with TestClient(create_app(store=memory_store)) as test_client:
        yield test_client


@pytest.fixture
def bolt_client(seeded_bolt_store: Neo4jStore) -> Iterator[TestClient]:
    """The API over Bolt, held to ``memory_client``'s answers by the contract tests."""
    with TestClient(create_app(store=seeded_bolt_store)) as test_client:
        yield test_client
