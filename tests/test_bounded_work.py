"""Every request's work is bounded, over HTTP: a query past its work budget is refused naming
the parameter that narrows it, the expensive endpoints share a bounded pool while health and
point lookups stay served, list answers are paged, and the OpenAPI document states every cap
and closed set."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient

from api.admission import Gate
from api.app import create_app
from api.settings import Settings
from graph.memory import MemoryStore
from graph.schema import LABELS, RELATIONSHIP_TYPES
from graph.store import GraphStore
from queries.limits import LIMIT, MAX_DEPTH, MAX_HOPS_SHORTEST, MAX_HOPS_SIMPLE, OFFSET, PATH_LIMIT
from tests.http_helpers import every_slot_held, get, problem


def test_a_query_past_its_budget_is_refused_naming_what_narrows_it(memory_store: MemoryStore) -> None:
    """The plan's costliest path query needs about 2,200 units; with a budget of 300 it is refused,
    and a narrower one still answers."""
    between = {"source": "sector.power", "target": "sector.buildings", "limit": 100}
    with TestClient(create_app(Settings(ckg_path_work=300), store=memory_store)) as small:
        body = problem(small, "/v1/paths", 422, "max_hops", max_hops=6, **between)
        assert body["type"].endswith("/query-too-broad")
        assert get(small, "/v1/paths", max_hops=2, **between)["paths"]
    with TestClient(create_app(store=memory_store)) as default:
        assert len(get(default, "/v1/paths", max_hops=6, **between)["paths"]) == 100


EXPENSIVE = (
    "/v1/paths?source=sector.power&target=sector.buildings",
    "/v1/gaps",
    "/v1/impact/tech.green_hydrogen",
    "/v1/analytics/critical",
    "/v1/export?format=json",
)


def test_with_no_wait_expensive_requests_beyond_the_pool_get_503_at_once(store: GraphStore) -> None:
    with TestClient(create_app(Settings(ckg_expensive_wait=0), store=store)) as client:
        with every_slot_held(client.app.state.gate):  # type: ignore[attr-defined]
            for url in EXPENSIVE:
                response = client.get(url)
                assert response.status_code == 503, url
                assert response.headers["retry-after"] == "1"
                assert response.json()["type"].endswith("/busy")
            assert get(client, "/health")["status"] == "ok"
            assert get(client, "/v1/nodes/tech.ccus")["id"] == "tech.ccus"
            assert get(client, "/v1/paths/shortest", source="tech.dac", target="goal.peak_2030")["paths"]
        assert get(client, "/v1/paths", source="sector.power", target="sector.buildings", limit=1)["paths"]


def test_a_request_waits_for_a_slot_and_no_longer_than_it_may(memory_store: MemoryStore) -> None:
    with TestClient(
        create_app(Settings(ckg_expensive_slots=1, ckg_expensive_wait=30), store=memory_store)
    ) as client:
        gate: Gate = client.app.state.gate  # type: ignore[attr-defined]
        asyncio.run(gate.enter())
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(client.get, "/v1/impact/tech.green_hydrogen")
            time.sleep(0.3)
            assert not waiting.done()  # still waiting for the slot held above
            assert get(client, "/health")["status"] == "ok"  # and nothing else waits with it
            gate.leave()  # hands the slot over
            assert waiting.result(timeout=30).status_code == 200
    with (
        TestClient(
            create_app(Settings(ckg_expensive_slots=1, ckg_expensive_wait=0.2), store=memory_store)
        ) as client,
        every_slot_held(client.app.state.gate),
    ):  # type: ignore[attr-defined]
        started = time.monotonic()
        assert client.get("/v1/gaps").status_code == 503
        assert time.monotonic() - started >= 0.2


def test_dependencies_come_in_pages_with_their_total(client: TestClient) -> None:
    url = "/v1/technologies/tech.green_hydrogen/dependencies"
    downstream = {"direction": "downstream", "max_depth": 10}
    whole = get(client, url, limit=LIMIT.cap, **downstream)
    assert whole["total"] == len(whole["items"]) > 3
    page = get(client, url, limit=2, offset=1, **downstream)
    assert (page["total"], page["limit"], page["offset"]) == (whole["total"], 2, 1)
    assert page["items"] == whole["items"][1:3]
    body = problem(client, url, 422, "limit", limit=LIMIT.cap + 1, **downstream)
    assert body["detail"] == f"limit: {LIMIT.cap + 1} is above the cap of {LIMIT.cap}"


def test_a_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.post("/v1/nodes/tech.ccus")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.headers["content-type"].startswith("application/problem+json")


def _parameters(spec: dict[str, Any], path: str) -> dict[str, dict[str, Any]]:
    return {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}


def _bounds(schema: dict[str, Any]) -> tuple[Any, Any]:
    return schema.get("minimum"), schema.get("maximum")


def test_the_openapi_states_every_cap_and_closed_set(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    nodes = _parameters(spec, "/v1/nodes")
    assert _bounds(nodes["limit"]) == (LIMIT.minimum, LIMIT.cap)
    assert _bounds(nodes["offset"]) == (OFFSET.minimum, OFFSET.cap)
    assert nodes["label"]["enum"] == list(LABELS)
    neighbours = _parameters(spec, "/v1/nodes/{id}/neighbors")
    assert neighbours["type"]["items"]["enum"] == list(RELATIONSHIP_TYPES)
    assert neighbours["direction"]["enum"] == ["out", "in", "both"]
    shortest = _parameters(spec, "/v1/paths/shortest")
    assert _bounds(shortest["max_hops"]) == (1, MAX_HOPS_SHORTEST.cap)
    assert _bounds(shortest["limit"]) == (1, PATH_LIMIT.cap)
    assert shortest["types"]["items"]["enum"] == list(RELATIONSHIP_TYPES)
    assert _bounds(_parameters(spec, "/v1/paths")["max_hops"]) == (1, MAX_HOPS_SIMPLE.cap)
    deps = _parameters(spec, "/v1/technologies/{id}/dependencies")
    assert _bounds(deps["max_depth"]) == (1, MAX_DEPTH.cap)
    assert deps["direction"]["enum"] == ["upstream", "downstream"]
    busy = spec["paths"]["/v1/paths"]["get"]["responses"]["503"]
    assert "Retry-After" in busy["headers"]


def test_bytes_no_id_or_name_holds_are_answered_without_the_store(client: TestClient) -> None:
    """A NUL would reach FalkorDB's Bolt layer, which cuts strings there; an id can never hold
    one, and search text gets a 422 instead."""
    problem(client, "/v1/nodes/tech.ccus%00", 404, "id")
    problem(client, "/v1/nodes", 422, "q", q="碳\x00")
    problem(client, "/v1/search", 422, "q", q="\x07")
    assert get(client, "/v1/search", q="CCUS\n")["items"][0]["node"]["id"] == "tech.ccus"
