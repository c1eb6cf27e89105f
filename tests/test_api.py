"""The REST API over HTTP (TestClient) on the shipped seeds, on each backend in turn (the
``client`` fixture is parametrised over the memory and bolt stores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.schema import LABELS, RELATIONSHIP_TYPES, TRL_MAX
from graph.store import GraphStore
from graph.version import graph_version
from loaders import load_seeds
from loaders.build import PLAN_FILE
from tests.http_helpers import get, problem

PLAN_TEXT = (Path(__file__).resolve().parent.parent / "seeds" / PLAN_FILE).read_text("utf-8")

# -- meta -----------------------------------------------------------------------------------


def test_health_counts_the_loaded_graph(client: TestClient, store: GraphStore) -> None:
    data = load_seeds()
    assert get(client, "/health") == {
        "status": "ok",
        "backend": store.backend,
        "nodes": len(data.nodes),
        "relationships": len(data.relationships),
        "version": graph_version(data),
        "reason": None,
    }
    assert get(client, "/health/ready")["version"] == graph_version(data)
    assert get(client, "/health/live") == {"status": "alive"}


def test_schema_lists_the_closed_sets_with_counts(client: TestClient) -> None:
    body = get(client, "/v1/schema")
    assert [entry["label"] for entry in body["labels"]] == list(LABELS)
    assert [entry["type"] for entry in body["relationship_types"]] == list(RELATIONSHIP_TYPES)
    counts = {entry["label"]: entry["count"] for entry in body["labels"]}
    assert counts["Action"] == 10 and counts["Column"] == 8 and counts["Plan"] == 1
    assert sum(counts.values()) == get(client, "/health")["nodes"]
    depends = next(e for e in body["relationship_types"] if e["type"] == "DEPENDS_ON")
    assert depends["count"] > 0
    assert depends["ends"] == [
        {"source": ["Technology"], "target": ["Technology"], "description": depends["ends"][0]["description"]}
    ]
    assert [level["level"] for level in body["trl_scale"]] == list(range(1, TRL_MAX + 1))
    defined = {entry["name"] for entry in body["properties"]}
    assert {"horizon", "readiness", "necessity", "carbon_class", "trl"} <= defined


def test_openapi_documents_every_route(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in (
        "/health",
        "/v1/schema",
        "/v1/nodes",
        "/v1/nodes/{id}",
        "/v1/nodes/{id}/neighbors",
        "/v1/search",
        "/v1/paths/shortest",
        "/v1/paths",
        "/v1/technologies/{id}/dependencies",
    ):
        assert path in spec["paths"], path
    assert "Problem" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200


def test_every_json_answer_has_a_named_schema(client: TestClient) -> None:
    """A generated client gets a type for each JSON answer, never a bare object."""
    spec = get(client, "/openapi.json")
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            json_answer = operation["responses"]["200"]["content"].get("application/json")
            if json_answer is not None and path != "/v1/export":  # node-link JSON: a file to download
                assert "$ref" in json_answer["schema"], (method, path, json_answer["schema"])


def test_routes_leave_every_error_answer_to_api_errors() -> None:
    """Routes raise; api/errors.py alone turns what they raise into a status and a problem."""
    routes = Path(__file__).resolve().parent.parent / "api" / "routes"
    for module in routes.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for builder in ("HTTPException", "problem(", "JSONResponse", "status_code="):
            assert builder not in text, f"{module.name} builds an error answer itself ({builder})"


# -- nodes ----------------------------------------------------------------------------------


def test_nodes_page_through_in_id_order(client: TestClient) -> None:
    first = get(client, "/v1/nodes", limit=5)
    second = get(client, "/v1/nodes", limit=5, offset=5)
    assert first["total"] == second["total"] == get(client, "/health")["nodes"]
    ids = [n["id"] for n in first["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 10
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)


def test_nodes_filter_by_label_and_name_in_any_script(client: TestClient) -> None:
    actions = get(client, "/v1/nodes", label="Action", limit=50)
    assert actions["total"] == 10
    assert {n["label"] for n in actions["items"]} == {"Action"}
    simplified = get(client, "/v1/nodes", q="储能", label="Technology", limit=200)
    traditional = get(client, "/v1/nodes", q="儲能", label="Technology", limit=200)
    assert simplified == traditional
    assert "tech.frontier_storage" in {n["id"] for n in simplified["items"]}


def test_node_cites_the_exact_passage(client: TestClient) -> None:
    node = get(client, "/v1/nodes/tech.frontier_storage")
    assert node["label"] == "Technology"
    assert node["name_zh"] == "前沿儲能技術"
    assert node["name_zh_hans"] == "前沿储能技术"
    assert node["name_en"]
    assert node["properties"]["basis"] == "plan"
    assert node["sources"], "a plan node must cite the plan"
    for source in node["sources"]:
        assert PLAN_TEXT[source["start"] : source["end"]] == source["quote"]
    assert "前沿儲能技術" in node["sources"][0]["quote"]


def test_neighbors_by_direction_and_type(client: TestClient) -> None:
    out = get(client, "/v1/nodes/tech.frontier_storage/neighbors", direction="out")["items"]
    assert out and all(item["relationship"]["source"] == "tech.frontier_storage" for item in out)
    assert any(
        item["relationship"]["type"] == "LISTED_IN" and item["node"]["id"] == "column.5" for item in out
    )
    incoming = get(client, "/v1/nodes/column.5/neighbors", direction="in", type="LISTED_IN")["items"]
    assert len(incoming) >= 7
    assert {item["relationship"]["type"] for item in incoming} == {"LISTED_IN"}
    assert all(item["relationship"]["target"] == "column.5" for item in incoming)
    both = get(client, "/v1/nodes/column.5/neighbors")["items"]
    keys = [(i["relationship"]["type"], i["node"]["id"], i["relationship"]["source"]) for i in both]
    assert keys == sorted(keys)
    assert len(both) == len(incoming) + len(
        get(client, "/v1/nodes/column.5/neighbors", direction="out")["items"]
    ) + len(
        [
            i
            for i in get(client, "/v1/nodes/column.5/neighbors", direction="in")["items"]
            if i["relationship"]["type"] != "LISTED_IN"
        ]
    )


# -- search ---------------------------------------------------------------------------------


def test_simplified_green_hydrogen_finds_the_traditional_node(client: TestClient) -> None:
    items = get(client, "/v1/search", q="绿氢")["items"]
    assert items and items[0]["node"]["id"] == "tech.green_hydrogen"
    assert "綠氫" in items[0]["node"]["name_zh"] + "".join(items[0]["node"]["properties"].get("aliases", []))


@pytest.mark.parametrize("q", ["氢能", "氫能", "hydrogen"])
def test_hydrogen_in_three_scripts_finds_hydrogen_technologies(client: TestClient, q: str) -> None:
    ids = {item["node"]["id"] for item in get(client, "/v1/search", q=q, limit=50)["items"]}
    assert {"tech.green_hydrogen", "tech.hydrogen_chain"} <= ids


def test_search_ranks_exact_aliases_first_and_orders_ties_by_id(client: TestClient) -> None:
    items = get(client, "/v1/search", q="CCUS", limit=50)["items"]
    assert items[0]["node"]["id"] == "tech.ccus" and items[0]["score"] == 100
    keys = [(-item["score"], item["node"]["id"]) for item in items]
    assert keys == sorted(keys)


def test_search_filters_by_label(client: TestClient) -> None:
    items = get(client, "/v1/search", q="CCUS", label="DemonstrationProject", limit=50)["items"]
    assert items and {item["node"]["label"] for item in items} == {"DemonstrationProject"}


def test_mainland_vocabulary_finds_the_taiwan_style_text(client: TestClient) -> None:
    # The copy writes 套用 where the original has 应用 (apply).
    assert get(client, "/v1/search", q="示范应用")["items"]


def test_search_for_nothing_known_is_empty_not_an_error(client: TestClient) -> None:
    assert get(client, "/v1/search", q="zzzz-no-such-technology")["items"] == []


# -- paths ----------------------------------------------------------------------------------


def test_a_path_leads_from_green_hydrogen_to_the_steel_sector(client: TestClient) -> None:
    paths = get(client, "/v1/paths/shortest", source="tech.green_hydrogen", target="sector.steel")["paths"]
    assert paths
    lengths = {p["length"] for p in paths}
    assert len(lengths) == 1, "all shortest paths have the same length"
    for path in paths:
        assert path["nodes"][0]["id"] == "tech.green_hydrogen" and path["nodes"][-1]["id"] == "sector.steel"
        assert len(path["relationships"]) == path["length"] == len(path["nodes"]) - 1
        for rel, a, b in zip(path["relationships"], path["nodes"][:-1], path["nodes"][1:], strict=True):
            assert {rel["source"], rel["target"]} == {a["id"], b["id"]}


def test_shortest_paths_include_ties_in_a_stable_order(client: TestClient) -> None:
    paths = get(client, "/v1/paths/shortest", source="tech.green_hydrogen", target="sector.steel", limit=100)[
        "paths"
    ]
    keys = [tuple(n["id"] for n in p["nodes"]) + tuple(r["type"] for r in p["relationships"]) for p in paths]
    assert len(keys) == len(set(keys))
    assert [tuple(n["id"] for n in p["nodes"]) for p in paths] == sorted(
        tuple(n["id"] for n in p["nodes"]) for p in paths
    )


def test_directed_paths_follow_relationships_forward(client: TestClient) -> None:
    url = "/v1/paths/shortest"
    forward = get(
        client,
        url,
        source="tech.hydrogen_metallurgy",
        target="tech.green_hydrogen",
        directed=True,
        types="DEPENDS_ON",
    )["paths"]
    assert forward and all(r["type"] == "DEPENDS_ON" for p in forward for r in p["relationships"])
    for path in forward:
        for rel, node in zip(path["relationships"], path["nodes"][:-1], strict=True):
            assert rel["source"] == node["id"]
    backward = get(
        client,
        url,
        source="tech.green_hydrogen",
        target="tech.hydrogen_metallurgy",
        directed=True,
        types="DEPENDS_ON",
    )["paths"]
    assert backward == []


def test_no_path_within_max_hops_is_empty(client: TestClient) -> None:
    assert (
        get(
            client,
            "/v1/paths/shortest",
            source="tech.green_hydrogen",
            target="goal.neutrality_2060",
            max_hops=1,
        )["paths"]
        == []
    )


def test_simple_paths_are_shortest_first_without_repeated_nodes(client: TestClient) -> None:
    paths = get(
        client, "/v1/paths", source="tech.green_hydrogen", target="sector.steel", max_hops=4, limit=25
    )["paths"]
    assert 1 < len(paths) <= 25
    assert [p["length"] for p in paths] == sorted(p["length"] for p in paths)
    for path in paths:
        ids = [n["id"] for n in path["nodes"]]
        assert len(ids) == len(set(ids)) and path["length"] <= 4
    shortest = get(client, "/v1/paths/shortest", source="tech.green_hydrogen", target="sector.steel")["paths"]
    assert paths[0]["length"] == shortest[0]["length"]


# -- dependencies ---------------------------------------------------------------------------


def test_pv_storage_dc_flexible_buildings_depend_on_energy_storage(client: TestClient) -> None:
    body = get(client, "/v1/technologies/tech.pedf/dependencies", direction="upstream")
    assert body["root"]["id"] == "tech.pedf" and body["direction"] == "upstream"
    ids = {item["node"]["id"] for item in body["items"]}
    assert "tech.energy_storage" in ids
    assert all(item["node"]["label"] == "Technology" for item in body["items"])
    keys = [(item["depth"], item["node"]["id"]) for item in body["items"]]
    assert keys == sorted(keys) and len(ids) == len(keys)


def test_downstream_of_green_hydrogen_reaches_hydrogen_metallurgy(client: TestClient) -> None:
    items = get(client, "/v1/technologies/tech.green_hydrogen/dependencies", direction="downstream")["items"]
    assert "tech.hydrogen_metallurgy" in {item["node"]["id"] for item in items}


def test_max_depth_bounds_the_dependencies(client: TestClient) -> None:
    one = get(client, "/v1/technologies/tech.pedf/dependencies", max_depth=1)["items"]
    deep = get(client, "/v1/technologies/tech.pedf/dependencies", max_depth=10)["items"]
    assert {item["depth"] for item in one} == {1}
    assert len(deep) > len(one)


# -- errors ---------------------------------------------------------------------------------


def test_unknown_ids_are_404(client: TestClient) -> None:
    problem(client, "/v1/nodes/tech.nope", 404, "id")
    problem(client, "/v1/nodes/tech.nope/neighbors", 404, "id")
    problem(client, "/v1/technologies/tech.nope/dependencies", 404, "id")
    problem(client, "/v1/paths/shortest", 404, "source", source="tech.nope", target="sector.steel")
    problem(client, "/v1/paths", 404, "target", source="tech.green_hydrogen", target="tech.nope")
    problem(client, "/v1/impact/tech.nope", 404, "id")
    problem(client, "/v1/milestones/milestone.nope/chains", 404, "id")


@pytest.mark.parametrize(
    ("url", "params", "parameter", "cap"),
    [
        ("/v1/nodes", {"limit": 201}, "limit", "200"),
        ("/v1/search", {"q": "氫", "limit": 1000}, "limit", "200"),
        ("/v1/search", {"q": "氫" * 201}, "q", "200"),
        (
            "/v1/paths/shortest",
            {"source": "tech.green_hydrogen", "target": "sector.steel", "max_hops": 9},
            "max_hops",
            "8",
        ),
        (
            "/v1/paths/shortest",
            {"source": "tech.green_hydrogen", "target": "sector.steel", "limit": 101},
            "limit",
            "100",
        ),
        (
            "/v1/paths",
            {"source": "tech.green_hydrogen", "target": "sector.steel", "max_hops": 7},
            "max_hops",
            "6",
        ),
        ("/v1/technologies/tech.pedf/dependencies", {"max_depth": 11}, "max_depth", "10"),
        ("/v1/analytics/critical", {"limit": 201}, "limit", "200"),
        ("/v1/impact/tech.green_hydrogen", {"limit": 201}, "limit", "200"),
        ("/v1/impact/tech.green_hydrogen", {"offset": 100_001}, "offset", "100000"),
        ("/v1/milestones/milestone.frontier_tech_2030/chains", {"limit": 201}, "limit", "200"),
        ("/v1/gaps", {"trl_2025": 12}, "trl_2025", "11"),
        ("/v1/gaps/unsupported_milestone", {"trl_2030": 12}, "trl_2030", "11"),
    ],
)
def test_parameters_above_their_cap_are_422_naming_the_cap(
    client: TestClient, url: str, params: dict[str, Any], parameter: str, cap: str
) -> None:
    body = problem(client, url, 422, parameter, **params)
    assert cap in body["detail"]


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/v1/nodes", {"limit": "ten"}, "limit"),
        ("/v1/nodes", {"limit": 0}, "limit"),
        ("/v1/nodes", {"offset": -1}, "offset"),
        ("/v1/nodes", {"label": "Gadget"}, "label"),
        ("/v1/search", {}, "q"),
        ("/v1/search", {"q": "   "}, "q"),
        ("/v1/search", {"q": "氫", "label": "Gadget"}, "label"),
        ("/v1/nodes/column.5/neighbors", {"direction": "sideways"}, "direction"),
        ("/v1/nodes/column.5/neighbors", {"type": "LIKES"}, "type"),
        ("/v1/paths/shortest", {"source": "tech.green_hydrogen"}, "target"),
        (
            "/v1/paths/shortest",
            {"source": "tech.green_hydrogen", "target": "sector.steel", "types": "LIKES"},
            "types",
        ),
        ("/v1/paths/shortest", {"source": "tech.green_hydrogen", "target": "tech.green_hydrogen"}, "target"),
        (
            "/v1/paths/shortest",
            {"source": "tech.green_hydrogen", "target": "sector.steel", "directed": "maybe"},
            "directed",
        ),
        ("/v1/technologies/tech.pedf/dependencies", {"direction": "sideways"}, "direction"),
        ("/v1/technologies/sector.steel/dependencies", {}, "id"),
        ("/v1/impact/sector.steel", {}, "id"),
        ("/v1/impact/milestone.frontier_tech_2030", {}, "id"),
        ("/v1/milestones/tech.dac/chains", {}, "id"),
        ("/v1/analytics/critical", {"metric": "fame"}, "metric"),
        ("/v1/analytics/critical", {"limit": 0}, "limit"),
        ("/v1/analytics/critical", {"limit": "many"}, "limit"),
        ("/v1/gaps", {"horizon_max": 2040}, "horizon_max"),
        ("/v1/gaps/undemonstrated", {"horizon_max": 2040}, "horizon_max"),
        ("/v1/gaps", {"include_reserve": "perhaps"}, "include_reserve"),
        ("/v1/gaps", {"trl_2030": 0}, "trl_2030"),
        ("/v1/gaps/unsupported_milestone", {"trl_2025": "high"}, "trl_2025"),
        ("/v1/gaps", {"include_enabling": "perhaps"}, "include_enabling"),
        ("/v1/impact/tech.green_hydrogen", {"include_enabling": "perhaps"}, "include_enabling"),
        ("/v1/impact/tech.green_hydrogen", {"offset": -1}, "offset"),
        ("/v1/impact/tech.green_hydrogen", {"limit": 0}, "limit"),
        ("/v1/analytics/critical", {"include_enabling": "perhaps"}, "include_enabling"),
        ("/v1/milestones/milestone.frontier_tech_2030/chains", {"include_enabling": "x"}, "include_enabling"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(
    client: TestClient, url: str, params: dict[str, Any], parameter: str
) -> None:
    problem(client, url, 422, parameter, **params)


def test_unknown_route_is_a_problem_too(client: TestClient) -> None:
    problem(client, "/v1/nothing-here", 404)
