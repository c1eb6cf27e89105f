"""The knowledge base as a whole: every fact traceable, the whole plan covered, maturity and
names complete, and the searches a user types finding the right node first."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.model import GraphData, Node
from graph.schema import (
    CARBON_CLASSES,
    HORIZONS,
    LABELS,
    NECESSITIES,
    PROPERTY_DEFINITIONS,
    READINESS_BASES,
    TRL_MAX,
)
from loaders import check_seeds
from loaders.build import PLAN_FILE
from tests.served import ckg

REPO = Path(__file__).resolve().parent.parent
PLAN_TEXT = (REPO / "seeds" / PLAN_FILE).read_text("utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _elements(data: GraphData) -> list[tuple[str, object]]:
    return [(node.id, node) for node in data.nodes] + [(str(rel.key), rel) for rel in data.relationships]


def test_every_element_has_basis_and_sources_that_are_the_plan_text(seed_data: GraphData) -> None:
    problems = []
    for key, element in _elements(seed_data):
        properties = element.properties  # type: ignore[attr-defined]
        sources = element.sources  # type: ignore[attr-defined]
        basis = properties.get("basis")
        if basis == "plan" and not sources:
            problems.append(f"{key}: basis plan without sources")
        elif basis == "curated" and not str(properties.get("rationale") or "").strip():
            problems.append(f"{key}: curated without a rationale")
        elif basis not in ("plan", "curated"):
            problems.append(f"{key}: basis {basis!r}")
        for source in sources:
            if PLAN_TEXT[source.start : source.end] != source.quote:
                problems.append(f"{key}: quote not at {source.start}-{source.end}: {source.quote!r}")
    assert problems == []


def _chinese_terms(node: Node) -> list[str]:
    aliases = [str(a) for a in node.properties.get("aliases") or []]  # type: ignore[union-attr]
    terms = [node.name_zh, *aliases]
    return [t for t in terms if CJK.search(t)]


def test_plan_based_nodes_are_named_in_the_passage_they_cite(seed_data: GraphData) -> None:
    """A node that says the plan names it must cite the passage that does: most of the Chinese
    characters of its name (or of one of its Chinese aliases) stand in what it quotes. Names are
    often assembled from an enumeration (森林、草原…等陸地生態系統…固碳增匯技術), so whole-string
    matching would be too strict; a node citing an unrelated passage fails all the same."""
    unsupported = []
    for node in seed_data.nodes:
        if node.properties.get("basis") != "plan" or node.label in (
            "Plan",
            "Action",
            "Column",
            "Milestone",
            "Goal",
        ):
            continue
        quoted = "".join(s.quote for s in node.sources)
        share = max((_share_in(term, quoted) for term in _chinese_terms(node)), default=0.0)
        if share < SUPPORT_SHARE:
            unsupported.append(f"{node.id} ({node.name_zh}): {share:.0%}")
    assert unsupported == []


SUPPORT_SHARE = 0.6


def _share_in(term: str, quoted: str) -> float:
    chars = set(CJK.findall(term))
    return sum(c in quoted for c in chars) / len(chars)


def test_the_whole_plan_is_covered() -> None:
    result = ckg("report", "coverage")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "UNCOVERED" not in result.stdout
    assert re.search(r"(\d+) of \1 elements covered; 0 uncovered", result.stdout)


def test_every_column_item_and_demonstration_group_has_its_node() -> None:
    report = check_seeds()
    assert report.errors == [] and report.plan is not None
    items = report.plan.of_kind("item")
    assert len(items) == 43
    assert all(item.key in report.covered for item in items)
    assert report.uncovered == []


def test_at_least_sixty_dependencies_each_with_a_necessity_and_a_reason(seed_data: GraphData) -> None:
    depends = [rel for rel in seed_data.relationships if rel.type == "DEPENDS_ON"]
    assert len(depends) >= 60
    for rel in depends:
        assert rel.properties.get("rationale"), rel.key
        assert rel.properties.get("necessity") in NECESSITIES, rel.key
    necessities = Counter(rel.properties["necessity"] for rel in depends)
    assert necessities["essential"] > 0 and necessities["enabling"] > 0, necessities


def test_the_reviewed_dependencies_are_gone(seed_data: GraphData) -> None:
    """Edges the expert review deleted as wrong (issue 8): commercial PV does not wait on item 5.1's
    frontier cells; reforming recovered methane is a use of that methane, not a capture client; the
    plan's direct methanol route does not go through hydrogen."""
    keys = {rel.key for rel in seed_data.relationships}
    for source, type_, target in (
        ("tech.utility_scale_pv", "DEPENDS_ON", "tech.high_efficiency_pv"),
        ("tech.methane_reforming_hydrogen", "DEPENDS_ON", "tech.co2_capture"),
        ("tech.green_methanol", "DEPENDS_ON", "tech.green_hydrogen"),
        ("demo.large_scale_pv", "DEMONSTRATES", "tech.high_efficiency_pv"),
        ("tech.dac", "PART_OF", "tech.co2_capture"),
        ("tech.advanced_nuclear", "PART_OF", "tech.nuclear_power"),
    ):
        assert (source, type_, target) not in keys


def test_every_technology_has_maturity_and_time(seed_data: GraphData) -> None:
    incomplete = []
    for node in seed_data.nodes:
        if node.label != "Technology":
            continue
        p = node.properties
        if (
            p.get("carbon_class") not in CARBON_CLASSES
            or not isinstance(p.get("trl"), int)
            or not 1 <= int(p["trl"]) <= TRL_MAX  # type: ignore[arg-type]
            or not p.get("trl_year")
            or not p.get("trl_basis")
            or p.get("horizon") not in HORIZONS
            or not isinstance(p.get("readiness"), int)
            or p.get("readiness_basis") not in READINESS_BASES
        ):
            incomplete.append(node.id)
    assert incomplete == []


def test_the_properties_a_reader_could_misread_are_defined() -> None:
    """GET /v1/schema serves these definitions; each is one sentence."""
    for key in (
        "trl",
        "trl_year",
        "horizon",
        "readiness",
        "readiness_basis",
        "carbon_class",
        "necessity",
        "basis",
    ):
        definition = PROPERTY_DEFINITIONS[key]
        assert definition.endswith(".") and definition.count(". ") == 0, key


def test_every_node_has_three_scripts(seed_data: GraphData) -> None:
    for node in seed_data.nodes:
        assert node.name_zh and node.name_zh_hans and node.name_en, node.id
        assert CJK.search(node.name_zh), node.id


def test_sectors_the_plan_spans(seed_data: GraphData) -> None:
    sectors = {node.name_en.lower() for node in seed_data.nodes if node.label == "Sector"}
    for expected in (
        "energy",
        "power",
        "coal",
        "oil",
        "steel",
        "cement",
        "chemical",
        "non-ferrous",
        "building",
        "transport",
        "road",
        "rail",
        "shipping",
        "aviation",
        "agricultur",
        "forest",
        "ocean",
        "data cent",
    ):
        assert any(expected in name for name in sectors), expected


def test_the_labels_the_plan_needs_are_all_there(seed_data: GraphData) -> None:
    labels = Counter(node.label for node in seed_data.nodes)
    for label in LABELS:
        assert labels[label] > 0, label


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("CCUS", "tech.ccus"),
        ("DAC", "tech.dac"),
        ("直接空气捕集", "tech.dac"),
        ("钠离子电池", "tech.sodium_ion_battery"),
        ("固态锂离子", "tech.solid_state_li_battery"),
        ("光储直柔", "tech.pedf"),
        ("氫進萬家", "demo.hydrogen_into_homes"),
        ("虚拟电厂", "tech.virtual_power_plant"),
        ("floating offshore wind", "tech.floating_offshore_wind"),
        ("BECCS", "tech.beccs"),
    ],
)
def test_a_user_search_finds_the_right_node_first(client: TestClient, q: str, expected: str) -> None:
    items = client.get("/v1/search", params={"q": q}).json()["items"]
    assert items and items[0]["node"]["id"] == expected, [i["node"]["id"] for i in items[:3]]


def test_a_node_shows_its_sources_over_http_and_in_the_cli(client: TestClient) -> None:
    node = client.get("/v1/nodes/tech.beccs").json()
    assert node["sources"] and "BECCS" in node["sources"][0]["quote"]
    shown = ckg("show", "tech.beccs")
    assert shown.returncode == 0 and node["sources"][0]["quote"] in shown.stdout
