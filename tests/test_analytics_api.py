"""The planner analytics over HTTP, on the shipped seeds, on each backend in turn (``client`` is
parametrised over the memory and bolt stores). Their bad ids and parameters are rows of
test_api.py's tables, and the bolt answers are held to the memory ones in test_contract.py, with
every other endpoint's."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.schema import HORIZONS
from queries.analytics import GAP_KINDS, METRICS
from queries.limits import LIMIT, OFFSET, TRL_2025, TRL_2030
from tests.http_helpers import get, problem


def path_ids(path: dict[str, Any]) -> list[str]:
    return [n["id"] for n in path["nodes"]]


def assert_path_json(path: dict[str, Any], include_enabling: bool = False) -> None:
    """The Path JSON of the design: length, nodes {id,label,name_zh,name_en}, relationships joining
    them, each DEPENDS_ON with its necessity (essential only, unless enabling ones were asked for)."""
    assert path["length"] == len(path["relationships"]) == len(path["nodes"]) - 1
    for node in path["nodes"]:
        assert set(node) == {"id", "label", "name_zh", "name_en"}
    for rel, a, b in zip(path["relationships"], path["nodes"][:-1], path["nodes"][1:], strict=True):
        assert {"type", "source", "target", "necessity"} <= set(rel)
        assert {rel["source"], rel["target"]} == {a["id"], b["id"]}
        if rel["type"] != "DEPENDS_ON":
            assert rel["necessity"] is None
        else:
            assert rel["necessity"] in (("essential", "enabling") if include_enabling else ("essential",))


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
    assert sum(c["count"] for c in checks) > 0


def test_one_gap_check_equals_its_place_in_all(client: TestClient) -> None:
    every = {c["kind"]: c for c in get(client, "/v1/gaps")["checks"]}
    for kind in GAP_KINDS:
        assert get(client, f"/v1/gaps/{kind}") == every[kind]


def test_undemonstrated_reports_no_commercial_technology_and_shows_readiness(client: TestClient) -> None:
    check = get(client, "/v1/gaps/undemonstrated")
    assert check["parameters"] == {"horizon_max": 2030, "include_reserve": True}
    assert check["items"]
    for item in check["items"]:
        figures = item["figures"]
        assert figures["trl"] is None or figures["trl"] < 9
        assert figures["readiness_basis"] in ("trl", "horizon", "curated")
        assert figures["readiness"] <= 2030 or (figures["reserve"] and figures["readiness"] >= 2060)
    strict = get(client, "/v1/gaps/undemonstrated", include_reserve="false")
    assert not [item for item in strict["items"] if item["figures"]["reserve"]]
    assert strict["count"] <= check["count"]


def test_timeline_conflicts_show_the_prerequisite_chain(client: TestClient) -> None:
    for include_enabling in (False, True):
        check = get(client, "/v1/gaps/timeline_conflict", include_enabling=include_enabling)
        assert check["parameters"] == {"include_enabling": include_enabling}
        for item in check["items"]:
            contributor, milestone, prerequisite = (n["id"] for n in item["nodes"])
            assert path_ids(item["path"])[0] == prerequisite
            assert path_ids(item["path"])[-2:] == [contributor, milestone]
            assert_path_json(item["path"], include_enabling)
            figures = item["figures"]
            assert figures["prerequisite_readiness"] > figures["milestone_year"]
            assert figures["prerequisite_readiness_basis"] in ("horizon", "curated")
            assert figures["prerequisite_trl"] is None or figures["prerequisite_trl"] < 9


def test_include_enabling_widens_the_checks_of_what_stalls(client: TestClient) -> None:
    narrow = {c["kind"]: c for c in get(client, "/v1/gaps")["checks"]}
    wide = {c["kind"]: c for c in get(client, "/v1/gaps", include_enabling="true")["checks"]}
    for kind in ("timeline_conflict", "unfunded_prerequisite"):
        ids = {tuple(n["id"] for n in i["nodes"][:3]) for i in narrow[kind]["items"]}
        wider = {tuple(n["id"] for n in i["nodes"][:3]) for i in wide[kind]["items"]}
        if kind == "timeline_conflict":
            assert ids <= wider
        else:
            assert {i[0] for i in ids} <= {i[0] for i in wider}
    for kind in ("undemonstrated", "uncovered_sector", "unmeasured_action", "unsupported_milestone"):
        assert narrow[kind] == wide[kind]


def test_count_targets_are_not_unsupported_milestones(client: TestClient) -> None:
    items = get(client, "/v1/gaps/unsupported_milestone", trl_2025=11, trl_2030=11)["items"]
    counted = {n["id"] for n in get(client, "/v1/nodes", label="Milestone", limit=200)["items"]
               if n["properties"].get("unit") in ("個", "家")}  # fmt: skip
    assert counted, "the plan has count targets"
    assert not counted & {item["nodes"][0]["id"] for item in items}


def test_maturity_thresholds_change_unsupported_milestones(client: TestClient) -> None:
    default = get(client, "/v1/gaps/unsupported_milestone")
    strict = get(client, "/v1/gaps/unsupported_milestone", trl_2025=11, trl_2030=11)
    assert strict["parameters"] == {"trl_2025": 11, "trl_2030": 11}
    assert strict["count"] > default["count"]


# -- impact, critical, chains ---------------------------------------------------------------


GROUPS = ("technologies", "demonstrations", "milestones")


def test_impact_of_green_hydrogen_lists_what_needs_it(client: TestClient) -> None:
    body = get(client, "/v1/impact/tech.green_hydrogen", limit=200)
    assert body["root"]["id"] == "tech.green_hydrogen" and body["include_enabling"] is False
    for group in GROUPS:
        page = body[group]
        assert set(page) == {"items", "total", "limit", "offset"}
        assert (page["limit"], page["offset"], page["total"]) == (200, 0, len(page["items"]))
        keys = [(item["depth"], item["node"]["id"]) for item in page["items"]]
        assert keys == sorted(keys)
        for item in page["items"]:
            assert_path_json(item["chain"])
            assert item["depth"] == item["chain"]["length"]
            assert path_ids(item["chain"])[0] == "tech.green_hydrogen"
            assert path_ids(item["chain"])[-1] == item["node"]["id"]
            assert "PART_OF" not in {r["type"] for r in item["chain"]["relationships"]}
    assert body["counts"] == {
        "Technology": body["technologies"]["total"],
        "DemonstrationProject": body["demonstrations"]["total"],
        "Milestone": body["milestones"]["total"],
    }
    assert body["technologies"]["total"] > 0 and body["milestones"]["total"] > 0


def test_impact_with_enabling_dependencies_reaches_every_dependant(client: TestClient) -> None:
    body = get(client, "/v1/impact/tech.green_hydrogen", include_enabling="true", limit=200)
    assert body["include_enabling"] is True
    downstream = get(
        client,
        "/v1/technologies/tech.green_hydrogen/dependencies",
        direction="downstream",
        max_depth=10,
        limit=200,
    )
    techs = {i["node"]["id"] for i in body["technologies"]["items"]}
    assert techs == {i["node"]["id"] for i in downstream["items"]}
    narrow = get(client, "/v1/impact/tech.green_hydrogen", limit=200)
    for group in GROUPS:
        assert {i["node"]["id"] for i in narrow[group]["items"]} <= {
            i["node"]["id"] for i in body[group]["items"]
        }
        for item in body[group]["items"]:
            assert_path_json(item["chain"], include_enabling=True)


def test_impact_pages_each_group(client: TestClient) -> None:
    whole = get(client, "/v1/impact/tech.green_hydrogen", limit=200)
    first = get(client, "/v1/impact/tech.green_hydrogen", limit=2)
    second = get(client, "/v1/impact/tech.green_hydrogen", limit=2, offset=2)
    for group in GROUPS:
        assert first[group]["total"] == second[group]["total"] == whole[group]["total"]
        assert first[group]["items"] + second[group]["items"] == whole[group]["items"][:4]
        assert (second[group]["limit"], second[group]["offset"]) == (2, 2)
    default = get(client, "/v1/impact/tech.green_hydrogen")
    assert default["technologies"]["limit"] == LIMIT.default and default["technologies"]["offset"] == 0


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
    assert body["include_enabling"] is False
    wide = get(client, "/v1/analytics/critical", include_enabling="true")
    top = wide["items"][0]
    downstream = get(client, f"/v1/technologies/{top['node']['id']}/dependencies", direction="downstream",
                     max_depth=10, limit=200)  # fmt: skip
    assert top["value"] == downstream["total"]  # every dependency counts when enabling ones are followed
    narrow = {i["node"]["id"]: i["value"] for i in get(client, "/v1/analytics/critical", limit=200)["items"]}
    assert narrow[top["node"]["id"]] <= top["value"]


def test_chains_lead_prerequisite_first_to_the_milestone(client: TestClient) -> None:
    body = get(client, "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains", limit=200)
    assert body["milestone"]["id"] == "milestone.key_tech_breakthroughs_2025"
    assert body["total"] == len(body["chains"]) > 0 and body["limit"] == 200
    assert body["include_enabling"] is False
    for chain in body["chains"]:
        assert_path_json(chain["path"])
        assert path_ids(chain["path"])[-1] == "milestone.key_tech_breakthroughs_2025"
        assert chain["path"]["relationships"][-1]["type"] == "CONTRIBUTES_TO"
        assert {r["type"] for r in chain["path"]["relationships"][:-1]} <= {"DEPENDS_ON"}
        assert chain["weakest"]["id"] in path_ids(chain["path"])
    assert [c["weakest"]["trl"] or 0 for c in body["chains"]] == sorted(
        c["weakest"]["trl"] or 0 for c in body["chains"]
    )
    wide = get(client, "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains", limit=200,
               include_enabling="true")  # fmt: skip
    assert wide["include_enabling"] is True and wide["total"] >= 1
    for chain in wide["chains"]:
        assert_path_json(chain["path"], include_enabling=True)
    first = get(client, "/v1/milestones/milestone.key_tech_breakthroughs_2025/chains", limit=2)
    assert first["chains"] == body["chains"][:2] and first["total"] == body["total"]


def parameter(spec: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    """The JSON schema of one parameter of a GET path, its anyOf (an optional value) unwrapped."""
    found = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)
    schema: dict[str, Any] = found["schema"]
    return {**schema, **next((s for s in schema.get("anyOf", []) if s.get("type") != "null"), {})}


def test_openapi_documents_the_analytics(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    for path in ("/v1/gaps", "/v1/gaps/{kind}", "/v1/impact/{id}", "/v1/analytics/critical",
                 "/v1/milestones/{id}/chains"):  # fmt: skip
        assert path in spec["paths"], path
    for model in ("GapsOut", "GapCheckOut", "FindingOut", "ImpactOut", "CriticalOut", "ChainsOut"):
        assert model in spec["components"]["schemas"], model


def test_openapi_states_the_closed_sets_and_caps(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    assert parameter(spec, "/v1/analytics/critical", "metric")["enum"] == list(METRICS)
    assert parameter(spec, "/v1/gaps/{kind}", "kind")["enum"] == list(GAP_KINDS)
    for path in ("/v1/gaps", "/v1/gaps/{kind}"):
        assert parameter(spec, path, "horizon_max")["enum"] == list(HORIZONS)
        for name, cap in (("trl_2025", TRL_2025), ("trl_2030", TRL_2030)):
            schema = parameter(spec, path, name)
            assert (schema["minimum"], schema["maximum"]) == (cap.minimum, cap.cap) == (1, 11)
    for path, name, cap in (
        ("/v1/impact/{id}", "limit", LIMIT),
        ("/v1/impact/{id}", "offset", OFFSET),
        ("/v1/analytics/critical", "limit", LIMIT),
        ("/v1/milestones/{id}/chains", "limit", LIMIT),
    ):
        schema = parameter(spec, path, name)
        assert (schema["minimum"], schema["maximum"], schema["default"]) == (
            cap.minimum,
            cap.cap,
            cap.default,
        )
    for path in ("/v1/gaps", "/v1/gaps/{kind}", "/v1/impact/{id}", "/v1/analytics/critical",
                 "/v1/milestones/{id}/chains"):  # fmt: skip
        schema = parameter(spec, path, "include_enabling")
        assert schema["type"] == "boolean" and schema["default"] is False


# -- errors ---------------------------------------------------------------------------------


def test_an_unknown_gap_kind_is_404_naming_it(client: TestClient) -> None:
    body = problem(client, "/v1/gaps/nope", 404, "kind")
    assert "'nope'" in body["detail"] and "undemonstrated" in body["detail"]
    problem(client, "/v1/gaps/nope", 404, "kind", horizon_max=2040)  # the kind is checked first


def test_a_wrong_label_names_the_id(client: TestClient) -> None:
    body = problem(client, "/v1/impact/sector.steel", 422, "id")
    assert "sector.steel" in body["detail"] and "Technology" in body["detail"]
