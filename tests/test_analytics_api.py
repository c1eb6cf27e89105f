"""The planner analytics over HTTP, on the shipped seeds, on each backend in turn (``client`` is
parametrised over the memory and bolt stores), and the bolt answers held to the memory ones."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from queries.analytics import GAP_KINDS
from tests.http_helpers import assert_same_answer, get, problem


def path_ids(path: dict[str, Any]) -> list[str]:
    return [n["id"] for n in path["nodes"]]


def assert_path_json(path: dict[str, Any]) -> None:
    """The Path JSON of the design: length, nodes {id,label,name_zh,name_en}, relationships joining them."""
    assert path["length"] == len(path["relationships"]) == len(path["nodes"]) - 1
    for node in path["nodes"]:
        assert set(node) == {"id", "label", "name_zh", "name_en"}
    for rel, a, b in zip(path["relationships"], path["nodes"][:-1], path["nodes"][1:], strict=True):
        assert set(rel) == {"type", "source", "target"} and {rel["source"], rel["target"]} == {
            a["id"],
            b["id"],
        }


# -- gaps -----------------------------------------------------------------------------------


def test_gaps_lists_every_check_with_findings(client: TestClient) -> None:
    checks = get(client, "/v1/gaps")["checks"]
    assert [c["kind"] for c in checks] == list(GAP_KINDS)
    for check in checks:
        assert set(check) == {"kind", "description", "parameters", "count", "items"}
        assert check["count"] == len(check["items"]) and check["description"]
        for item in check["items"]:
            assert set(item) == {"nodes", "explanation", "path", "figures", "sources"}
            assert item["nodes"] and set(item["nodes"][0]) == {"id", "label", "name_zh", "name_en"}
            assert item["explanation"].endswith(".")
            if item["path"] is not None:
                assert_path_json(item["path"])
            for source in item["sources"]:
                assert set(source) == {"quote", "start", "end"}
    counts = {c["kind"]: c["count"] for c in checks}
    assert all(counts[k] > 0 for k in GAP_KINDS), counts


def test_one_gap_check_equals_its_place_in_all(client: TestClient) -> None:
    every = {c["kind"]: c for c in get(client, "/v1/gaps")["checks"]}
    for kind in GAP_KINDS:
        assert get(client, f"/v1/gaps/{kind}") == every[kind]


def test_direct_air_capture_and_fusion_are_reported_undemonstrated(client: TestClient) -> None:
    check = get(client, "/v1/gaps/undemonstrated")
    assert check["parameters"] == {"horizon_max": 2030, "include_reserve": True}
    found = {item["nodes"][0]["id"]: item for item in check["items"]}
    assert {"tech.dac", "tech.nuclear_fusion", "tech.gen_iv_reactors"} <= found.keys()
    dac = found["tech.dac"]
    assert dac["figures"]["reserve"] is True and dac["figures"]["horizon"] == 2060
    assert "2060 research reserve" in dac["explanation"] and dac["sources"]
    strict = get(client, "/v1/gaps/undemonstrated", include_reserve="false")
    assert "tech.dac" not in {item["nodes"][0]["id"] for item in strict["items"]}
    assert strict["count"] < check["count"]


def test_timeline_conflicts_show_the_prerequisite_chain(client: TestClient) -> None:
    items = get(client, "/v1/gaps/timeline_conflict")["items"]
    assert items
    for item in items:
        contributor, milestone, prerequisite = (n["id"] for n in item["nodes"])
        assert path_ids(item["path"])[0] == prerequisite
        assert path_ids(item["path"])[-2:] == [contributor, milestone]
        assert item["figures"]["prerequisite_horizon"] > item["figures"]["milestone_year"]


def test_maturity_thresholds_change_unsupported_milestones(client: TestClient) -> None:
    default = get(client, "/v1/gaps/unsupported_milestone")
    strict = get(client, "/v1/gaps/unsupported_milestone", trl_2025=11, trl_2030=11)
    assert strict["parameters"] == {"trl_2025": 11, "trl_2030": 11}
    assert strict["count"] > default["count"]


# -- impact, critical, chains ---------------------------------------------------------------


def test_impact_of_green_hydrogen_lists_hydrogen_projects_and_industry(client: TestClient) -> None:
    body = get(client, "/v1/impact/tech.green_hydrogen")
    assert body["root"]["id"] == "tech.green_hydrogen"
    demos = {item["node"]["id"]: item for item in body["demonstrations"]}
    assert {"demo.hydrogen_into_homes", "demo.hydrogen_rich_ironmaking"} <= demos.keys()
    assert path_ids(demos["demo.hydrogen_rich_ironmaking"]["chain"]) == [
        "tech.green_hydrogen",
        "tech.hydrogen_metallurgy",
        "demo.hydrogen_rich_ironmaking",
    ]
    assert "tech.hydrogen_metallurgy" in {item["node"]["id"] for item in body["technologies"]}
    for group in ("technologies", "demonstrations", "milestones"):
        keys = [(item["depth"], item["node"]["id"]) for item in body[group]]
        assert keys == sorted(keys)
        for item in body[group]:
            assert_path_json(item["chain"])
            assert item["depth"] == item["chain"]["length"]
            assert path_ids(item["chain"])[0] == "tech.green_hydrogen"
            assert path_ids(item["chain"])[-1] == item["node"]["id"]
    assert body["counts"] == {
        "Technology": len(body["technologies"]),
        "DemonstrationProject": len(body["demonstrations"]),
        "Milestone": len(body["milestones"]),
    }
    downstream = get(
        client, "/v1/technologies/tech.green_hydrogen/dependencies", direction="downstream", max_depth=10
    )
    assert {i["node"]["id"] for i in body["technologies"]} == {i["node"]["id"] for i in downstream["items"]}


@pytest.mark.parametrize("metric", ["dependents", "betweenness", "milestones"])
def test_critical_technologies_are_ranked(client: TestClient, metric: str) -> None:
    body = get(client, "/v1/analytics/critical", metric=metric, limit=30)
    assert body["metric"] == metric and len(body["items"]) == 30
    keys = [(-item["value"], item["node"]["id"]) for item in body["items"]]
    assert keys == sorted(keys)
    assert {item["node"]["label"] for item in body["items"]} == {"Technology"}
    assert get(client, "/v1/analytics/critical", metric=metric, limit=5)["items"] == body["items"][:5]


def test_critical_defaults_to_dependents_and_twenty(client: TestClient) -> None:
    body = get(client, "/v1/analytics/critical")
    assert body["metric"] == "dependents" and len(body["items"]) == 20
    top = body["items"][0]
    downstream = get(client, f"/v1/technologies/{top['node']['id']}/dependencies", direction="downstream",
                     max_depth=10)["items"]  # fmt: skip
    assert top["value"] == len(downstream)


def test_chains_lead_prerequisite_first_to_the_milestone(client: TestClient) -> None:
    body = get(client, "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains", limit=200)
    assert body["milestone"]["id"] == "milestone.key_tech_breakthroughs_2025"
    assert body["total"] == len(body["chains"]) > 0 and body["limit"] == 200
    for chain in body["chains"]:
        assert_path_json(chain["path"])
        assert path_ids(chain["path"])[-1] == "milestone.key_tech_breakthroughs_2025"
        assert chain["path"]["relationships"][-1]["type"] == "CONTRIBUTES_TO"
        assert {r["type"] for r in chain["path"]["relationships"][:-1]} <= {"DEPENDS_ON"}
        assert chain["weakest"]["id"] in path_ids(chain["path"])
    assert [c["weakest"]["trl"] for c in body["chains"]] == sorted(
        c["weakest"]["trl"] for c in body["chains"]
    )
    first = get(client, "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains", limit=2)
    assert first["chains"] == body["chains"][:2] and first["total"] == body["total"]


def test_openapi_documents_the_analytics(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in ("/v1/gaps", "/v1/gaps/{kind}", "/v1/impact/{id}", "/v1/analytics/critical",
                 "/v1/milestones/{id}/chains"):  # fmt: skip
        assert path in spec["paths"], path
    for model in ("GapsOut", "GapCheckOut", "FindingOut", "ImpactOut", "CriticalOut", "ChainsOut"):
        assert model in spec["components"]["schemas"], model


# -- errors ---------------------------------------------------------------------------------


def test_an_unknown_gap_kind_is_404_naming_it(client: TestClient) -> None:
    body = problem(client, "/v1/gaps/nope", 404, "kind")
    assert "'nope'" in body["detail"] and "undemonstrated" in body["detail"]
    problem(client, "/v1/gaps/nope", 404, "kind", horizon_max=2040)  # the kind is checked first


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/v1/impact/tech.nope", "id"),
        ("/v1/milestones/milestone.nope/chains", "id"),
        ("/v1/milestones/milestone.nope/chains?limit=999", "id"),
    ],
)
def test_unknown_ids_are_404(client: TestClient, url: str, parameter: str) -> None:
    problem(client, url, 404, parameter)


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
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
    ],
)
def test_bad_parameters_are_422_naming_them(
    client: TestClient, url: str, params: dict[str, Any], parameter: str
) -> None:
    problem(client, url, 422, parameter, **params)


def test_a_wrong_label_names_the_id(client: TestClient) -> None:
    body = problem(client, "/v1/impact/sector.steel", 422, "id")
    assert "sector.steel" in body["detail"] and "Technology" in body["detail"]


@pytest.mark.parametrize(
    ("url", "params", "parameter", "cap"),
    [
        ("/v1/analytics/critical", {"limit": 201}, "limit", "200"),
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


# -- both backends answer alike -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/v1/gaps",
        "/v1/gaps?horizon_max=2060&include_reserve=false&trl_2025=9&trl_2030=8",
        *(f"/v1/gaps/{kind}" for kind in GAP_KINDS),
        "/v1/impact/tech.green_hydrogen",
        "/v1/impact/tech.water_electrolysis",
        "/v1/impact/tech.dac",
        "/v1/analytics/critical?metric=dependents&limit=200",
        "/v1/analytics/critical?metric=betweenness&limit=200",
        "/v1/analytics/critical?metric=milestones&limit=200",
        "/v1/milestones/milestone.frontier_tech_2030/chains?limit=200",
        "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains?limit=3",
        "/v1/milestones/milestone.co2_intensity_2030/chains",
        "/v1/gaps/nope",
        "/v1/impact/sector.steel",
        "/v1/analytics/critical?metric=fame",
        "/v1/milestones/milestone.nope/chains",
    ],
)
def test_the_analytics_answer_alike(memory_client: TestClient, bolt_client: TestClient, url: str) -> None:
    assert_same_answer(memory_client, bolt_client, url)
