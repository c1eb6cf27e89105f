"""Faults seen from outside: the REST API when the database goes away and comes back, and the
``ckg`` command when the database cannot be reached. Each test starts a FalkorDB server of its
own, so killing it touches nothing else (see tests/bolt_server.py on why servers are not shared).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.memory import MemoryStore
from graph.model import GraphData, Relationship
from graph.neo4j_store import Neo4jStore
from tests.bolt_server import FALKORDB_USER, FalkorDBServer, free_port, start_falkordb

REPO = Path(__file__).resolve().parent.parent
# Not a speed requirement: a bound past which a call counts as hanging.
HANG = 60.0


@pytest.fixture
def server(falkordb_servers: list[FalkorDBServer]) -> FalkorDBServer:
    started = start_falkordb()
    falkordb_servers.append(started)
    return started


def _ckg(*args: str, timeout: float = HANG) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def served(server: FalkorDBServer, seed_data: GraphData) -> Iterator[tuple[TestClient, Neo4jStore]]:
    store = Neo4jStore.connect(server.uri, FALKORDB_USER, "", "ckg_faults", timeout=2.0)
    store.replace_all(seed_data)
    with TestClient(create_app(store=store)) as client:
        yield client, store
    # No store.close(): its GOODBYE would stall the server, which the fixture discards anyway.


def test_database_killed_while_serving_gives_503_then_recovers(
    served: tuple[TestClient, Neo4jStore],
    server: FalkorDBServer,
    seed_data: GraphData,
    falkordb_servers: list[FalkorDBServer],
) -> None:
    client, store = served
    assert client.get("/v1/nodes/tech.ccus").status_code == 200

    server.kill()
    for url in (
        "/health",
        "/v1/nodes/tech.ccus",
        "/v1/search?q=CCUS",
        "/v1/paths/shortest?source=tech.dac&target=tech.ccus",
    ):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        print(f"{url}: {response.status_code} after {elapsed:.2f} s with the database down")
        assert response.status_code == 503, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 503 and response.headers["retry-after"]
        assert elapsed < HANG

    back = start_falkordb(redis_port=server.redis_port, bolt_port=server.bolt_port)
    falkordb_servers.append(back)
    # The server came back empty (it keeps nothing on disk); the same app and store serve again.
    assert client.get("/health").status_code == 200
    store.replace_all(seed_data)
    assert client.get("/v1/nodes/tech.ccus").json()["id"] == "tech.ccus"


def test_memory_store_keeps_the_previous_graph_when_a_load_fails(seed_data: GraphData) -> None:
    store = MemoryStore()
    store.replace_all(seed_data)
    dangling = Relationship("DEPENDS_ON", "tech.ccus", "tech.nope", {"basis": "curated", "rationale": "test"})
    broken = GraphData(seed_data.nodes, (*seed_data.relationships, dangling))
    with pytest.raises(ValueError, match="tech.nope"):
        store.replace_all(broken)
    assert store.export() == GraphData(
        tuple(sorted(seed_data.nodes, key=lambda n: n.id)),
        tuple(sorted(seed_data.relationships, key=lambda r: r.key)),
    )


def test_serve_with_nothing_listening_says_so_in_one_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = _ckg("serve", "--neo4j", "--uri", uri, "--port", str(free_port()))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unavailable" in lines[0] and uri.removeprefix("bolt://") in lines[0], (
        result.stderr
    )


def test_wrong_password_says_so_in_one_line(falkordb_servers: list[FalkorDBServer]) -> None:
    guarded = start_falkordb(password="right")
    falkordb_servers.append(guarded)
    result = _ckg("load", "--neo4j", "--uri", guarded.uri, "--user", FALKORDB_USER, "--password", "wrong")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused the credentials" in lines[0], result.stderr


def test_load_into_the_database_twice_gives_the_checked_counts(server: FalkorDBServer) -> None:
    checked = json.loads(_ckg("load", "--check", "--json").stdout)
    for _ in range(2):
        result = _ckg(
            "load", "--neo4j", "--uri", server.uri, "--user", FALKORDB_USER, "--database", "twice", "--json"
        )
        assert result.returncode == 0, result.stderr
        loaded = json.loads(result.stdout)
        assert loaded["database"] == {"nodes": checked["nodes"], "relationships": checked["relationships"]}
