"""Every request's work is bounded, over HTTP: a query past its work budget is refused naming
the parameter that narrows it, the expensive endpoints share a bounded pool while health and
point lookups stay served, list answers are paged, and the OpenAPI document states every cap
and closed set."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.admission import Gate
from api.app import create_app
from api.settings import Settings
from graph.memory import MemoryStore
from graph.schema import LABELS, RELATIONSHIP_TYPES
from queries.limits import LIMIT, MAX_DEPTH, MAX_HOPS_SHORTEST, MAX_HOPS_SIMPLE, OFFSET, PATH_LIMIT
from tests.http_helpers import get, problem


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


def test_expensive_requests_beyond_the_pool_get_503_at_once(client: TestClient) -> None:
    gate: Gate = client.app.state.gate  # type: ignore[attr-defined]
    for _ in range(gate.slots):
        gate.enter()  # every slot held, as by requests still running
    try:
        for url in (
            "/v1/paths?source=sector.power&target=sector.buildings",
            "/v1/gaps",
            "/v1/impact/tech.green_hydrogen",
            "/v1/analytics/critical",
            "/v1/export?format=json",
        ):
            response = client.get(url)
            assert response.status_code == 503, url
            assert response.headers["retry-after"] == "1"
            assert response.json()["type"].endswith("/busy")
        assert get(client, "/health")["status"] == "ok"
        assert get(client, "/v1/nodes/tech.ccus")["id"] == "tech.ccus"
        assert get(client, "/v1/paths/shortest", source="tech.dac", target="goal.peak_2030")["paths"]
    finally:
        for _ in range(gate.slots):
            gate.leave()
    assert get(client, "/v1/paths", source="sector.power", target="sector.buildings", limit=1)["paths"]


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
