"""Faults seen from outside: the REST API when the database goes away and comes back, and the
``ckg`` command when the database cannot be reached. Each test starts a FalkorDB server of its
own, so killing it touches nothing else (see launch/falkordb.py on why servers are not shared).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import NODE_LABEL
from graph.memory import MemoryStore
from graph.model import GraphData, Relationship
from graph.neo4j_store import Neo4jStore
from launch.falkordb import FALKORDB_USER, FalkorDBServer, start_falkordb
from launch.ports import free_port
from queries.export.common import ordered
from tests.served import ckg

REPO = Path(__file__).resolve().parent.parent
# Not a speed requirement: a bound past which a call counts as hanging.
HANG = 60.0


@pytest.fixture
def server(falkordb_servers: list[FalkorDBServer]) -> FalkorDBServer:
    started = start_falkordb()
    falkordb_servers.append(started)
    return started


@dataclass(frozen=True)
class Served:
    """The API on a store over a FalkorDB server of the test's own, which it may kill."""

    client: TestClient
    store: Neo4jStore
    server: FalkorDBServer
    started: list[FalkorDBServer]  # every server started, for the session to stop

    def restart(self) -> None:
        """Starts the killed server again on its ports, empty (it keeps nothing on disk)."""
        self.started.append(
            start_falkordb(redis_port=self.server.redis_port, bolt_port=self.server.bolt_port)
        )


@pytest.fixture
def served(
    server: FalkorDBServer, seed_data: GraphData, falkordb_servers: list[FalkorDBServer]
) -> Iterator[Served]:
    store = Neo4jStore.connect(server.uri, FALKORDB_USER, "", "ckg_faults", timeout=2.0)
    store.replace_all(seed_data)
    with TestClient(create_app(store=store)) as client:
        yield Served(client, store, server, falkordb_servers)
    # No store.close(): its GOODBYE would stall the server, which the fixture discards anyway.


def test_database_killed_while_serving_gives_503_then_recovers(served: Served, seed_data: GraphData) -> None:
    client = served.client
    assert client.get("/v1/nodes/tech.ccus").status_code == 200

    served.server.kill()
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

    served.restart()
    # The same app and store serve again once the graph is loaded into the empty server.
    assert client.get("/health").status_code == 200
    served.store.replace_all(seed_data)
    assert client.get("/v1/nodes/tech.ccus").json()["id"] == "tech.ccus"


def test_memory_store_keeps_the_previous_graph_when_a_load_fails(seed_data: GraphData) -> None:
    store = MemoryStore()
    store.replace_all(seed_data)
    dangling = Relationship("DEPENDS_ON", "tech.ccus", "tech.nope", {"basis": "curated", "rationale": "test"})
    broken = GraphData(seed_data.nodes, (*seed_data.relationships, dangling))
    with pytest.raises(ValueError, match="tech.nope"):
        store.replace_all(broken)
    assert store.export() == ordered(seed_data)


def test_serve_with_nothing_listening_says_so_in_one_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = ckg("serve", "--neo4j", "--uri", uri, "--port", str(free_port()))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unavailable" in lines[0] and uri.removeprefix("bolt://") in lines[0], (
        result.stderr
    )


def test_wrong_password_says_so_in_one_line(falkordb_servers: list[FalkorDBServer]) -> None:
    guarded = start_falkordb(password="right")
    falkordb_servers.append(guarded)
    result = ckg("load", "--neo4j", "--uri", guarded.uri, "--user", FALKORDB_USER, "--password", "wrong")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused the credentials" in lines[0], result.stderr


def test_load_into_the_database_twice_gives_the_checked_counts(server: FalkorDBServer) -> None:
    checked = json.loads(ckg("load", "--check", "--json").stdout)
    for _ in range(2):
        result = ckg(
            "load", "--neo4j", "--uri", server.uri, "--user", FALKORDB_USER, "--database", "twice", "--json"
        )
        assert result.returncode == 0, result.stderr
        loaded = json.loads(result.stdout)
        assert loaded["database"] == {"nodes": checked["nodes"], "relationships": checked["relationships"]}


# -- what an operator sees: nothing internal in answers, the whole cause in the log ------------


def _logged(caplog: pytest.LogCaptureFixture, request_id: str) -> str:
    """Every log line, with its traceback, that the request with this id caused."""
    return "\n".join(
        caplog.handler.format(record)
        for record in caplog.records
        if getattr(record, "request_id", None) == request_id
    )


def test_a_503_names_no_host_and_the_log_has_the_cause_under_its_id(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    client, server = served.client, served.server
    server.kill()
    response = client.get("/v1/nodes/tech.ccus", headers={"X-Request-ID": "probe-503"})
    body = response.json()
    assert (response.status_code, body["request_id"], response.headers["x-request-id"]) == (
        503,
        "probe-503",
        "probe-503",
    )
    assert body["detail"] == "the graph database is unavailable; try again shortly"
    assert str(server.bolt_port) not in response.text and "127.0.0.1" not in response.text
    assert str(server.bolt_port) in _logged(caplog, "probe-503")  # the driver's words, kept for the operator


def test_an_unexpected_error_is_a_generic_500_with_its_traceback_in_the_log(
    bolt_store: Neo4jStore, bolt_driver: object, seed_data: GraphData, caplog: pytest.LogCaptureFixture
) -> None:
    """A real fault: a node written into the database behind the loader's back, without the
    names every node must have, so reading it back fails."""
    bolt_store.replace_all(seed_data)
    with TestClient(create_app(store=bolt_store), raise_server_exceptions=False) as client:
        bolt_store._driver.execute_query(  # the raw write behind the store's back is the point
            f"CREATE (:{NODE_LABEL}:Technology {{id: 'tech.broken', label: 'Technology'}})",
            database_=bolt_store._database,
        )
        response = client.get("/v1/nodes/tech.broken")
    body = response.json()
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["detail"] == "an unexpected error occurred; it has been logged under this request_id"
    assert response.headers["x-request-id"] == body["request_id"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in response.text and "KeyError" not in response.text
    logged = _logged(caplog, body["request_id"])
    assert "Traceback" in logged and "name_zh" in logged


def test_a_database_restarted_empty_is_not_ready_until_the_graph_is_back(
    served: Served, seed_data: GraphData
) -> None:
    client = served.client
    assert client.get("/health/ready").json()["status"] == "ok"
    served.server.kill()
    assert client.get("/health/ready").status_code == 503
    assert client.get("/health/live").json() == {"status": "alive"}  # the process is fine
    served.restart()
    not_ready = client.get("/health/ready")
    assert not_ready.status_code == 503 and not_ready.json()["detail"] == "the graph database holds no graph"
    health = client.get("/health").json()
    assert (health["status"], health["nodes"], health["reason"]) == (
        "degraded",
        0,
        "the graph database holds no graph",
    )
    served.store.replace_all(seed_data)
    assert client.get("/health/ready").json()["status"] == "ok"


def test_the_password_is_in_no_log_line_or_error(falkordb_servers: list[FalkorDBServer]) -> None:
    secret = "s3cret-Passw0rd-never-logged"
    guarded = start_falkordb(password=secret)
    falkordb_servers.append(guarded)
    refused = ckg(
        "serve", "--neo4j", "--uri", guarded.uri, "--user", FALKORDB_USER, "--password", "wrong-" + secret
    )
    assert refused.returncode != 0 and "refused the credentials" in refused.stderr
    loaded = ckg("load", "--neo4j", "--uri", guarded.uri, "--user", FALKORDB_USER, "--password", secret)
    assert loaded.returncode == 0, loaded.stderr
    for result in (refused, loaded):
        assert secret not in result.stdout + result.stderr
