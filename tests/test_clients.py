"""REST clients as first-class users: operation ids that read as verbs, conditional GETs by
graph version, compression, CORS, and a Python client generated from the live OpenAPI document
that calls every operation against ``ckg serve`` on loopback."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from api.admission import Gate
from api.app import create_app
from api.settings import Settings
from graph.memory import MemoryStore
from graph.model import GraphData
from graph.version import graph_version
from tests.http_helpers import every_slot_held, get
from tests.served import HANG, Served, ckg_serve

OPERATIONS = {
    "get_health",
    "get_liveness",
    "get_readiness",
    "get_schema",
    "list_nodes",
    "get_node",
    "node_neighbors",
    "search_nodes",
    "shortest_paths",
    "simple_paths",
    "technology_dependencies",
    "gap_report",
    "gap_check",
    "stall_impact",
    "critical_technologies",
    "milestone_chains",
    "export_graph",
    "get_plan_text",
    "download_gap_report",
}


def test_every_operation_id_is_a_verb_phrase_in_snake_case(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    found = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert found == OPERATIONS


def test_a_conditional_get_is_304_until_the_graph_changes(seed_data: GraphData) -> None:
    store = MemoryStore()
    store.replace_all(seed_data)
    with TestClient(create_app(store=store)) as client:
        first = client.get("/v1/nodes/tech.ccus")
        etag = first.headers["etag"]
        assert graph_version(seed_data) in etag and first.headers["cache-control"] == "no-cache"
        assert (
            get(client, "/health")["version"]
            == get(client, "/v1/schema")["version"]
            == graph_version(seed_data)
        )
        again = client.get("/v1/nodes/tech.ccus", headers={"If-None-Match": etag})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
        assert client.get("/v1/nodes/tech.dac").headers["etag"] != etag  # another request
        assert client.get("/health").headers["cache-control"] == "no-store"  # live state
        store.replace_all(GraphData(seed_data.nodes[:-1], ()))  # a reload with other content
        reloaded = client.get("/v1/nodes/tech.ccus", headers={"If-None-Match": etag})
        assert reloaded.status_code == 200 and reloaded.headers["etag"] != etag


def test_a_304_costs_no_computation(memory_store: MemoryStore) -> None:
    """With every slot for expensive requests held, /v1/gaps cannot run; a conditional GET still
    gets its 304, because the answer is never computed."""
    with TestClient(create_app(Settings(ckg_expensive_wait=0), store=memory_store)) as client:
        etag = client.get("/v1/gaps").headers["etag"]
        with every_slot_held(client.app.state.gate):  # type: ignore[attr-defined]
            assert client.get("/v1/gaps", headers={"If-None-Match": etag}).status_code == 304
            assert client.get("/v1/gaps?horizon_max=2060").status_code == 503  # what it would cost


def test_one_cold_request_asked_at_once_is_computed_once(memory_store: MemoryStore) -> None:
    """Eight identical requests for an answer not computed yet, while the one slot for expensive
    requests is taken: one waits for the slot, the rest wait for its answer, and all get it."""
    app = create_app(Settings(ckg_expensive_slots=1, ckg_expensive_wait=HANG), store=memory_store)
    gate: Gate = app.state.gate

    async def burst() -> list[httpx2.Response]:
        await gate.enter()  # the slot, taken as by a request still running
        async with httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://ckg") as http:
            asked = [asyncio.ensure_future(http.get("/v1/gaps")) for _ in range(8)]
            for _ in range(200):  # until every request has arrived (each takes a few loop turns)
                await asyncio.sleep(0.005)
            assert gate.waiting == 1  # not eight
            gate.leave()
            return await asyncio.gather(*asked)

    answers = asyncio.run(burst())
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1


@pytest.mark.parametrize("first", ["identity", "gzip"])
def test_large_answers_are_compressed_for_clients_that_ask(memory_store: MemoryStore, first: str) -> None:
    """Computed or kept (the second ask of a request on one graph version), whichever encoding
    was asked first: the same content, gzipped for the clients that accept it, one Vary."""
    with TestClient(create_app(store=memory_store)) as client:
        asked = [
            client.get("/v1/export?format=json", headers={"Accept-Encoding": encoding})
            for encoding in (first, "gzip", "identity", "gzip")
        ]
    plain = asked[0] if first == "identity" else asked[2]
    for answer in asked:
        assert answer.content == plain.content  # the client decodes it
        assert [v.strip() for v in answer.headers["vary"].split(",")].count("Accept-Encoding") == 1
        packed = answer.request.headers["accept-encoding"] == "gzip"
        assert answer.headers.get("content-encoding") == ("gzip" if packed else None)
        assert int(answer.headers["content-length"]) < len(plain.content) / 4 or not packed
    wire = int(asked[-1].headers["content-length"])
    print(f"\nexport json: {len(plain.content):,} bytes plain, {wire:,} gzipped")
    small = client.get("/health/live", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # below the threshold


def test_cors_is_closed_by_default_and_opens_to_listed_origins(memory_store: MemoryStore) -> None:
    origin = {"Origin": "https://notebook.example"}
    with TestClient(create_app(store=memory_store)) as closed:
        assert "access-control-allow-origin" not in closed.get("/v1/nodes/tech.ccus", headers=origin).headers
    allowed = Settings(ckg_cors_origins="https://notebook.example, https://dash.example")  # type: ignore[arg-type]
    with TestClient(create_app(allowed, store=memory_store)) as opened:
        answer = opened.get("/v1/nodes/tech.ccus", headers=origin)
        assert answer.headers["access-control-allow-origin"] == "https://notebook.example"
        assert "ETag" in answer.headers["access-control-expose-headers"]
        other = opened.get("/v1/nodes/tech.ccus", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# -- a generated client ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with ckg_serve() as running:
        yield running


@pytest.fixture(scope="module")
def generated(served: Served, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """openapi-python-client (pinned) run on the live document; a warning fails the test."""
    folder = tmp_path_factory.mktemp("client")
    config = folder / "config.yaml"
    config.write_text("post_hooks: []\npackage_name_override: ckg_client\n")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "openapi-python-client"),
            "generate",
            "--url",
            f"{served.url}/openapi.json",
            "--config",
            str(config),
            "--meta",
            "none",
            "--output-path",
            str(folder / "ckg_client"),
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module("ckg_client")
    finally:
        sys.path.remove(str(folder))


def _op(package: ModuleType, tag: str, name: str) -> Any:
    return importlib.import_module(f"ckg_client.api.{tag}.{name}")


def _enum(name: str, member: str) -> Any:
    """A member of a generated enum (closed sets become enums in the client)."""
    module = importlib.import_module(f"ckg_client.models.{name}")
    return getattr(module, "".join(part.title() for part in name.split("_")))[member]


def test_a_generated_client_calls_every_operation(generated: ModuleType, served: Served) -> None:
    client = generated.Client(base_url=served.url)
    calls = {
        ("meta", "get_health"): {},
        ("meta", "get_liveness"): {},
        ("meta", "get_readiness"): {},
        ("meta", "get_schema"): {},
        ("nodes", "list_nodes"): {"label": _enum("list_nodes_label", "TECHNOLOGY"), "limit": 5},
        ("nodes", "get_node"): {"id": "tech.green_hydrogen"},
        ("nodes", "node_neighbors"): {"id": "tech.ccus"},
        ("nodes", "search_nodes"): {"q": "绿氢"},
        ("paths", "shortest_paths"): {
            "source": "tech.low_energy_co2_capture",
            "target": "goal.neutrality_2060",
        },
        ("paths", "simple_paths"): {"source": "sector.power", "target": "sector.buildings", "limit": 3},
        ("paths", "technology_dependencies"): {"id": "tech.pedf"},
        ("analytics", "gap_report"): {},
        ("analytics", "gap_check"): {"kind": _enum("gap_check_kind", "UNDEMONSTRATED")},
        ("analytics", "stall_impact"): {"id": "tech.green_hydrogen"},
        ("analytics", "critical_technologies"): {"limit": 3},
        ("analytics", "milestone_chains"): {"id": "milestone.capture_energy_2030"},
        ("export", "export_graph"): {},
        ("plan", "get_plan_text"): {},
        ("analytics", "download_gap_report"): {},
    }
    assert {name for _, name in calls} == OPERATIONS
    for (tag, name), arguments in calls.items():
        answer = _op(generated, tag, name).sync_detailed(client=client, **arguments)
        assert answer.status_code == 200, (name, answer.content[:300])
    found = _op(generated, "nodes", "search_nodes").sync(client=client, q="绿氢")
    assert found.items[0].node.id == "tech.green_hydrogen"  # typed all the way down


def test_a_generated_client_gets_its_304_and_reads_a_404_as_a_problem(
    generated: ModuleType, served: Served
) -> None:
    client = generated.Client(base_url=served.url)
    get_node = _op(generated, "nodes", "get_node")
    first = get_node.sync_detailed(client=client, id="tech.ccus")
    conditional = client.with_headers({"If-None-Match": first.headers["etag"]})
    assert get_node.sync_detailed(client=conditional, id="tech.ccus").status_code == 304
    missing = get_node.sync(client=client, id="tech.nope")
    problem = importlib.import_module("ckg_client.models.problem").Problem
    assert isinstance(missing, problem) and missing.status == 404 and missing.parameter == "id"


def test_an_answer_is_computed_once_per_graph_version(seed_data: GraphData) -> None:
    """With every slot for expensive requests held, /v1/gaps cannot be computed: a second
    request is still answered, from the first; after a reload it must be computed again."""
    store = MemoryStore()
    store.replace_all(seed_data)
    with TestClient(create_app(Settings(ckg_expensive_wait=0), store=store)) as client:
        first = client.get("/v1/gaps?include_enabling=true")
        with every_slot_held(client.app.state.gate):  # type: ignore[attr-defined]
            again = client.get("/v1/gaps?include_enabling=true")
            assert (again.status_code, again.content) == (200, first.content)
            assert again.headers["etag"] == first.headers["etag"]
            assert client.get("/v1/analytics/critical").status_code == 503  # never computed
            store.replace_all(GraphData(seed_data.nodes, seed_data.relationships[:-1]))
            assert client.get("/v1/gaps?include_enabling=true").status_code == 503
        reloaded = client.get("/v1/gaps?include_enabling=true")
        assert reloaded.status_code == 200 and reloaded.headers["etag"] != first.headers["etag"]
