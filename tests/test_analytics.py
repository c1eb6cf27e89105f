"""The planner analytics (``queries/analytics``) as functions over a store.

Each gap check, the impact walk, the rankings and the chains run first on small graphs built
here, where each must fire and must not fire; then on the shipped seeds, where every finding is
checked against the graph independently (plain sets over ``store.export()``, not the module's
own helpers).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pytest

from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship, Source
from graph.store import GraphStore, Path
from queries import analytics
from queries.analytics import GapParameters
from queries.errors import InvalidParameter, LimitExceeded, NodeNotFound

# -- building small graphs ------------------------------------------------------------------


def node(node_id: str, label: str, **properties: Any) -> Node:
    source = (Source(f"quote of {node_id}", 0, len(f"quote of {node_id}")),)
    return Node(
        node_id, label, node_id, node_id, node_id.split(".")[-1].replace("_", " "), properties, source
    )


def tech(
    node_id: str, horizon: int | None = 2030, trl: int | None = 8, basis: str = "plan", **more: Any
) -> Node:
    props: dict[str, Any] = {"basis": basis, **more}
    if horizon is not None:
        props["horizon"] = horizon
    if trl is not None:
        props["trl"] = trl
    return node(node_id, "Technology", **props)


def commercial(node_id: str, horizon: int = 2030, trl_year: int = 2024) -> Node:
    """A TRL 9 technology, deployable at scale since ``trl_year`` whatever its horizon."""
    return tech(node_id, horizon=horizon, trl=9, trl_year=trl_year)


def milestone(node_id: str, year: int) -> Node:
    return node(node_id, "Milestone", year=year, metric="m")


def rel(type_: str, source: str, target: str, **properties: Any) -> Relationship:
    return Relationship(type_, source, target, properties)


def enabling(source: str, target: str) -> Relationship:
    return rel("DEPENDS_ON", source, target, necessity="enabling")


def essential(source: str, target: str) -> Relationship:
    return rel("DEPENDS_ON", source, target, necessity="essential")


def store_of(nodes: Iterable[Node], rels: Iterable[Relationship]) -> MemoryStore:
    store = MemoryStore()
    store.replace_all(GraphData(tuple(nodes), tuple(rels)))
    return store


def kind(store: GraphStore, name: str, **params: Any) -> analytics.GapCheck:
    return analytics.gap(store, name, GapParameters(**params))


def main_ids(check: analytics.GapCheck) -> list[str]:
    return [f.nodes[0].id for f in check.findings]


def ids(path: Path) -> list[str]:
    return [n.id for n in path.nodes]


def assert_walks(path: Path, data: GraphData) -> None:
    """Each relationship of the path exists and joins the nodes on either side of it."""
    keys = {r.key for r in data.relationships}
    for rel_, a, b in zip(path.relationships, path.nodes[:-1], path.nodes[1:], strict=True):
        assert rel_.key in keys
        assert {rel_.source, rel_.target} == {a.id, b.id}


# -- undemonstrated -------------------------------------------------------------------------


def demo_graph() -> MemoryStore:
    return store_of(
        [
            tech("tech.grand"), tech("tech.parent"), tech("tech.child"),  # child demonstrated
            tech("tech.whole"), tech("tech.part"),  # whole demonstrated, part not
            tech("tech.lonely"), tech("tech.soon", horizon=2025), tech("tech.far", horizon=2060),
            tech("tech.timeless", horizon=None),
            node("demo.child", "DemonstrationProject"), node("demo.whole", "DemonstrationProject"),
        ],
        [
            rel("PART_OF", "tech.child", "tech.parent"), rel("PART_OF", "tech.parent", "tech.grand"),
            rel("PART_OF", "tech.part", "tech.whole"),
            rel("DEMONSTRATES", "demo.child", "tech.child"), rel("DEMONSTRATES", "demo.whole", "tech.whole"),
        ],
    )  # fmt: skip


def test_a_demonstrated_sub_technology_covers_its_parents_transitively() -> None:
    found = main_ids(kind(demo_graph(), "undemonstrated"))
    assert not {"tech.child", "tech.parent", "tech.grand", "tech.whole"} & set(found)


def test_a_demonstrated_parent_does_not_cover_its_parts() -> None:
    assert "tech.part" in main_ids(kind(demo_graph(), "undemonstrated"))


def test_undemonstrated_scope_follows_the_horizon_and_the_reserve() -> None:
    store = demo_graph()
    default = kind(store, "undemonstrated")
    assert main_ids(default) == ["tech.soon", "tech.lonely", "tech.part", "tech.far"]  # reserve last
    far = default.findings[-1]
    assert far.figures["reserve"] is True and "2060 research reserve" in far.explanation
    assert default.parameters == {"horizon_max": 2030, "include_reserve": True}
    assert main_ids(kind(store, "undemonstrated", include_reserve=False)) == [
        "tech.soon",
        "tech.lonely",
        "tech.part",
    ]
    assert main_ids(kind(store, "undemonstrated", horizon_max=2025, include_reserve=False)) == ["tech.soon"]
    every = kind(store, "undemonstrated", horizon_max=2060, include_reserve=False)
    assert "tech.far" in main_ids(every) and "tech.timeless" not in main_ids(every)


def test_a_commercial_technology_is_never_undemonstrated() -> None:
    store = store_of(
        [commercial("tech.lwr", horizon=2030), commercial("tech.old", horizon=2060),
         tech("tech.research", horizon=2030, trl=6), tech("tech.curated", trl=4, readiness=2045,
                                                          readiness_basis="curated")],
        [],
    )  # fmt: skip
    assert main_ids(kind(store, "undemonstrated")) == ["tech.research"]
    wide = kind(store, "undemonstrated", horizon_max=2060)
    assert main_ids(wide) == ["tech.research", "tech.curated"]  # by readiness, not horizon
    assert wide.findings[1].figures["readiness_basis"] == "curated"


def test_a_finding_names_its_nodes_and_carries_the_main_nodes_sources() -> None:
    lonely = next(f for f in kind(demo_graph(), "undemonstrated").findings if f.nodes[0].id == "tech.lonely")
    assert lonely.explanation.startswith(
        "lonely (tech.lonely) is to be ready for deployment at scale by 2030"
    )
    assert lonely.figures["readiness"] == 2030 and lonely.figures["readiness_basis"] == "horizon"
    assert lonely.sources == lonely.nodes[0].sources and lonely.sources
    assert lonely.path is None and lonely.figures["sub_technologies"] == 0


# -- unsupported_milestone ------------------------------------------------------------------


def milestone_graph() -> MemoryStore:
    return store_of(
        [
            milestone("m.empty", 2030), milestone("m.weak_2025", 2025), milestone("m.ok_2030", 2030),
            tech("tech.trl6", trl=6), tech("tech.trl5", trl=5), tech("tech.unrated", trl=None),
            node("demo.d", "DemonstrationProject"),
        ],
        [
            rel("CONTRIBUTES_TO", "demo.d", "m.empty"),
            rel("CONTRIBUTES_TO", "tech.trl6", "m.weak_2025"),
            rel("CONTRIBUTES_TO", "tech.trl5", "m.weak_2025"),
            rel("CONTRIBUTES_TO", "tech.unrated", "m.weak_2025"),
            rel("CONTRIBUTES_TO", "tech.trl5", "m.ok_2030"),
        ],
    )  # fmt: skip


def test_a_milestone_without_technologies_is_unsupported_even_with_demonstrations() -> None:
    check = kind(milestone_graph(), "unsupported_milestone")
    empty = next(f for f in check.findings if f.nodes[0].id == "m.empty")
    assert empty.figures["technologies"] == 0 and empty.figures["other_contributors"] == 1
    assert empty.explanation.startswith("No technology contributes to")


def test_maturity_thresholds_follow_the_milestones_year() -> None:
    store = milestone_graph()
    default = kind(store, "unsupported_milestone")
    assert main_ids(default) == ["m.empty", "m.weak_2025"]  # 2025 needs 7; 2030 needs 5
    weak = default.findings[1]
    assert weak.figures["threshold"] == 7 and weak.figures["max_trl"] == 6
    assert [n.id for n in weak.nodes] == ["m.weak_2025", "tech.trl5", "tech.trl6", "tech.unrated"]
    assert main_ids(kind(store, "unsupported_milestone", trl_2025=6)) == ["m.empty"]
    assert main_ids(kind(store, "unsupported_milestone", trl_2030=6)) == [
        "m.empty",
        "m.ok_2030",
        "m.weak_2025",
    ]


# -- timeline_conflict ----------------------------------------------------------------------


def timeline_graph() -> MemoryStore:
    return store_of(
        [
            milestone("m.2030", 2030), milestone("m.2025", 2025),
            tech("tech.a"), tech("tech.b1"), tech("tech.b2"), tech("tech.late", horizon=2060),
            tech("tech.x"), tech("tech.early", horizon=2025), tech("tech.y", horizon=2025),
        ],
        [
            rel("CONTRIBUTES_TO", "tech.a", "m.2030"),
            rel("DEPENDS_ON", "tech.a", "tech.b2"), rel("DEPENDS_ON", "tech.a", "tech.b1"),
            rel("DEPENDS_ON", "tech.b1", "tech.late"), rel("DEPENDS_ON", "tech.b2", "tech.late"),
            rel("CONTRIBUTES_TO", "tech.x", "m.2030"), rel("DEPENDS_ON", "tech.x", "tech.early"),
            rel("CONTRIBUTES_TO", "tech.y", "m.2025"), rel("DEPENDS_ON", "tech.y", "tech.x"),
        ],
    )  # fmt: skip


def test_a_2060_prerequisite_under_a_2030_milestone_conflicts_with_its_chain() -> None:
    check = kind(timeline_graph(), "timeline_conflict")
    late = [f for f in check.findings if f.nodes[2].id == "tech.late"]
    assert len(late) == 1
    finding = late[0]
    assert [n.id for n in finding.nodes] == ["tech.a", "m.2030", "tech.late"]
    assert finding.path is not None
    # prerequisite first, the shortest chain with ties broken by id (b1 before b2), then the milestone
    assert ids(finding.path) == ["tech.late", "tech.b1", "tech.a", "m.2030"]
    assert [r.type for r in finding.path.relationships] == ["DEPENDS_ON", "DEPENDS_ON", "CONTRIBUTES_TO"]
    assert finding.figures == {
        "milestone_year": 2030,
        "prerequisite_readiness": 2060,
        "prerequisite_readiness_basis": "horizon",
        "prerequisite_trl": 8,
        "contributor_readiness": 2030,
        "contributor_readiness_basis": "horizon",
        "depth": 2,
    }
    assert "through 1 technology" in finding.explanation
    assert "not ready for deployment at scale before 2060" in finding.explanation
    assert "later even than tech.a's own readiness (2030)" in finding.explanation
    assert [r.properties.get("necessity") for r in finding.path.relationships[:-1]] == [None, None]


def test_a_commercial_prerequisite_never_conflicts_whatever_its_horizon() -> None:
    """A TRL 9 traction motor with horizon 2030 is deployable now: no 2025 conflict."""
    store = store_of(
        [milestone("m.2025", 2025), commercial("tech.bev", horizon=2025), commercial("tech.motor"),
         tech("tech.frontier", horizon=2030, trl=5), tech("tech.curated", trl=6, readiness=2027,
                                                            readiness_basis="curated")],
        [rel("CONTRIBUTES_TO", "tech.bev", "m.2025"), rel("DEPENDS_ON", "tech.bev", "tech.motor"),
         rel("DEPENDS_ON", "tech.motor", "tech.frontier"), rel("DEPENDS_ON", "tech.bev", "tech.curated")],
    )  # fmt: skip
    check = kind(store, "timeline_conflict")
    assert [(f.nodes[2].id, f.figures["prerequisite_readiness"]) for f in check.findings] == [
        ("tech.curated", 2027),
        ("tech.frontier", 2030),
    ]
    curated = check.findings[0]
    assert curated.figures["prerequisite_readiness_basis"] == "curated"
    assert curated.figures["contributor_readiness"] == 2024
    assert curated.figures["contributor_readiness_basis"] == "trl"


def test_timeline_conflicts_follow_essential_dependencies_unless_asked() -> None:
    store = store_of(
        [milestone("m.2025", 2025), commercial("tech.user"), tech("tech.late_enabler", horizon=2030, trl=5),
         tech("tech.late_need", horizon=2030, trl=5)],
        [rel("CONTRIBUTES_TO", "tech.user", "m.2025"), enabling("tech.user", "tech.late_enabler"),
         essential("tech.user", "tech.late_need")],
    )  # fmt: skip
    default = kind(store, "timeline_conflict")
    assert [f.nodes[2].id for f in default.findings] == ["tech.late_need"]
    assert default.parameters == {"include_enabling": False}
    wide = kind(store, "timeline_conflict", include_enabling=True)
    assert [f.nodes[2].id for f in wide.findings] == ["tech.late_enabler", "tech.late_need"]


def test_a_prerequisite_due_in_time_does_not_conflict() -> None:
    check = kind(timeline_graph(), "timeline_conflict")
    assert not [f for f in check.findings if f.nodes[0].id == "tech.x"]  # 2025 prerequisite, 2030 milestone
    # tech.y (2025 milestone) needs tech.x (2030): a conflict; tech.early (2025) behind it is not
    y = [(f.nodes[1].id, f.nodes[2].id) for f in check.findings if f.nodes[0].id == "tech.y"]
    assert y == [("m.2025", "tech.x")]


# -- unfunded_prerequisite ------------------------------------------------------------------


def test_prerequisites_are_covered_by_columns_initiatives_the_text_or_a_parent() -> None:
    store = store_of(
        [
            tech("tech.user"), tech("tech.bare", basis="curated"), tech("tech.backed", basis="curated"),
            tech("tech.listed", basis="curated"), tech("tech.sub", basis="curated"), tech("tech.parent"),
            tech("tech.named"), tech("tech.unneeded", basis="curated"),
            node("init.fund", "Initiative"), node("column.3", "Column", number=3, inferred=False),
        ],
        [
            *(rel("DEPENDS_ON", "tech.user", t)
              for t in ("tech.bare", "tech.backed", "tech.listed", "tech.sub", "tech.named")),
            rel("SUPPORTS", "init.fund", "tech.backed"), rel("LISTED_IN", "tech.listed", "column.3"),
            rel("PART_OF", "tech.sub", "tech.parent"),
        ],
    )  # fmt: skip
    check = kind(store, "unfunded_prerequisite")
    assert main_ids(check) == ["tech.bare"]
    finding = check.findings[0]
    assert [n.id for n in finding.nodes] == ["tech.bare", "tech.user"]
    assert finding.figures["dependants"] == 1 and "prerequisite of user (tech.user)" in finding.explanation


# -- uncovered_sector -----------------------------------------------------------------------


def test_a_sector_with_technologies_but_no_demonstration_is_uncovered() -> None:
    store = store_of(
        [
            node("sector.bare", "Sector"), node("sector.shown", "Sector"), node("sector.empty", "Sector"),
            tech("tech.a"), tech("tech.b"), node("demo.d", "DemonstrationProject"),
        ],
        [
            rel("APPLIES_TO", "tech.a", "sector.bare"), rel("APPLIES_TO", "tech.b", "sector.bare"),
            rel("APPLIES_TO", "tech.a", "sector.shown"), rel("IN_SECTOR", "demo.d", "sector.shown"),
        ],
    )  # fmt: skip
    check = kind(store, "uncovered_sector")
    assert main_ids(check) == ["sector.bare"]
    assert check.findings[0].figures == {"technologies": 2, "demonstrations": 0}
    assert [n.id for n in check.findings[0].nodes] == ["sector.bare", "tech.a", "tech.b"]


# -- unmeasured_action ----------------------------------------------------------------------


def test_an_action_is_measured_by_its_own_its_columns_or_a_plan_target_about_its_items() -> None:
    structure = [node("plan", "Plan")]
    structure += [node(f"action.{i}", "Action", number=i) for i in (1, 2, 3, 4, 5)]
    structure += [node(f"column.{i}", "Column", number=i, inferred=False) for i in (1, 2, 3, 4, 5)]
    frontier = ["tech.f1", "tech.f2", "tech.f2_part"]
    store = store_of(
        [*structure, *(tech(t) for t in [*frontier, "tech.other", "tech.x"]),
         milestone("m.by_column", 2030), milestone("m.by_action", 2030), milestone("m.frontier", 2030),
         milestone("m.economy", 2030)],
        [
            *(rel("PART_OF", f"column.{i}", f"action.{i}") for i in (1, 2, 3, 4, 5)),
            rel("SET_BY", "m.by_column", "column.1"), rel("SET_BY", "m.by_action", "action.2"),
            # a plan-wide target whose technologies are mostly action 3's items (one through PART_OF)
            rel("SET_BY", "m.frontier", "plan"), rel("LISTED_IN", "tech.f1", "column.3"),
            rel("LISTED_IN", "tech.f2", "column.3"), rel("PART_OF", "tech.f2_part", "tech.f2"),
            *(rel("CONTRIBUTES_TO", t, "m.frontier") for t in ["tech.f1", "tech.f2_part", "tech.other"]),
            # a plan-wide target action 4 has only a share of
            rel("SET_BY", "m.economy", "plan"), rel("LISTED_IN", "tech.x", "column.4"),
            *(rel("CONTRIBUTES_TO", t, "m.economy") for t in ["tech.x", "tech.other"]),
        ],
    )  # fmt: skip
    check = kind(store, "unmeasured_action")
    assert main_ids(check) == ["action.4", "action.5"]  # no column is a finding of its own
    five = check.findings[1]
    assert [n.id for n in five.nodes] == ["action.5", "column.5"]
    assert five.figures == {"number": 5, "columns": 1, "items": 0}
    assert "nor does its column column.5" in five.explanation


def test_count_targets_are_never_unsupported_milestones() -> None:
    store = store_of(
        [node("m.projects", "Milestone", year=2030, metric="m", value=50.0, unit="個"),
         node("m.firms", "Milestone", year=2030, metric="m", value=500.0, unit="家"),
         node("m.share", "Milestone", year=2030, metric="m", value=65.0, unit="%"),
         node("init.programme", "Initiative")],
        [rel("CONTRIBUTES_TO", "init.programme", m) for m in ("m.projects", "m.firms", "m.share")],
    )  # fmt: skip
    assert main_ids(kind(store, "unsupported_milestone")) == ["m.share"]


# -- all checks, parameters -----------------------------------------------------------------


def test_gaps_runs_every_check_in_order_over_one_projection() -> None:
    checks = analytics.gaps(demo_graph())
    assert [c.kind for c in checks] == list(analytics.GAP_KINDS)
    assert len(analytics.GAP_KINDS) == 6
    assert all(c.description and c.count == len(c.findings) for c in checks)


@pytest.mark.parametrize(
    ("params", "parameter", "error"),
    [
        ({"horizon_max": 2040}, "horizon_max", InvalidParameter),
        ({"trl_2025": 12}, "trl_2025", LimitExceeded),
        ({"trl_2030": 0}, "trl_2030", InvalidParameter),
    ],
)
def test_bad_gap_parameters_name_themselves(
    params: dict[str, Any], parameter: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        analytics.gap_parameters(**params)
    assert isinstance(raised.value, InvalidParameter) and raised.value.parameter == parameter


def test_an_unknown_gap_kind_is_named() -> None:
    with pytest.raises(analytics.UnknownGapKind, match="nope"):
        analytics.gap(demo_graph(), "nope")


# -- impact ---------------------------------------------------------------------------------


def impact_graph() -> MemoryStore:
    return store_of(
        [
            tech("tech.root"), tech("tech.a"), tech("tech.b"), tech("tech.sub"), tech("tech.whole"),
            tech("tech.prereq"), tech("tech.helped"),
            node("demo.b", "DemonstrationProject"), node("demo.whole", "DemonstrationProject"),
            node("demo.sub", "DemonstrationProject"), node("demo.root", "DemonstrationProject"),
            node("demo.helped", "DemonstrationProject"),
            *(milestone(m, 2030) for m in ("m.b", "m.demo", "m.whole", "m.sub", "m.helped")),
        ],
        [
            rel("DEPENDS_ON", "tech.a", "tech.root"), essential("tech.b", "tech.a"),
            rel("DEPENDS_ON", "tech.b", "tech.root"), rel("DEPENDS_ON", "tech.root", "tech.prereq"),
            enabling("tech.helped", "tech.root"),
            rel("PART_OF", "tech.sub", "tech.root"), rel("PART_OF", "tech.root", "tech.whole"),
            rel("DEMONSTRATES", "demo.b", "tech.b"), rel("DEMONSTRATES", "demo.whole", "tech.whole"),
            rel("DEMONSTRATES", "demo.sub", "tech.sub"), rel("DEMONSTRATES", "demo.root", "tech.root"),
            rel("DEMONSTRATES", "demo.helped", "tech.helped"),
            rel("CONTRIBUTES_TO", "tech.b", "m.b"), rel("CONTRIBUTES_TO", "demo.b", "m.demo"),
            rel("CONTRIBUTES_TO", "tech.whole", "m.whole"), rel("CONTRIBUTES_TO", "tech.sub", "m.sub"),
            rel("CONTRIBUTES_TO", "tech.helped", "m.helped"),
        ],
    )  # fmt: skip


def reached_ids(found: analytics.Impact) -> set[str]:
    groups = (found.technologies, found.demonstrations, found.milestones)
    return {r.node.id for group in groups for r in group.items}


def test_impact_runs_downstream_over_essential_depends_on_only() -> None:
    found = analytics.impact(impact_graph(), "tech.root")
    assert [(r.node.id, r.depth) for r in found.technologies.items] == [("tech.a", 1), ("tech.b", 1)]
    # neither its sub-technology, nor the whole it is part of, nor its own prerequisite, nor what
    # it only enables is held up
    assert found.counts == {"Technology": 2, "DemonstrationProject": 2, "Milestone": 2}
    assert not found.include_enabling


def test_impact_widens_to_enabling_dependencies_when_asked() -> None:
    found = analytics.impact(impact_graph(), "tech.root", include_enabling=True)
    assert {"tech.helped", "demo.helped", "m.helped"} <= reached_ids(found)
    helped = next(r for r in found.technologies.items if r.node.id == "tech.helped")
    assert [r.properties.get("necessity") for r in helped.chain.relationships] == ["enabling"]
    assert found.include_enabling and found.counts["Technology"] == 3


def test_impact_does_not_climb_part_of_to_a_parents_demonstration() -> None:
    found = analytics.impact(impact_graph(), "tech.root")
    chains = {r.node.id: ids(r.chain) for r in found.demonstrations.items + found.milestones.items}
    assert chains == {
        "demo.root": ["tech.root", "demo.root"],
        "demo.b": ["tech.root", "tech.b", "demo.b"],  # the shortest chain, not through tech.a
        "m.b": ["tech.root", "tech.b", "m.b"],
        "m.demo": ["tech.root", "tech.b", "demo.b", "m.demo"],
    }
    assert not {"demo.whole", "m.whole", "demo.sub", "m.sub"} & reached_ids(found)
    for group in (found.technologies, found.demonstrations, found.milestones):
        for reached in group.items:
            assert reached.depth == reached.chain.length and reached.chain.nodes[-1] == reached.node
            assert "PART_OF" not in {r.type for r in reached.chain.relationships}


def test_impact_pages_each_group_and_keeps_its_total() -> None:
    everything = analytics.impact(impact_graph(), "tech.root", include_enabling=True)
    first = analytics.impact(impact_graph(), "tech.root", include_enabling=True, limit=1)
    rest = analytics.impact(impact_graph(), "tech.root", include_enabling=True, limit=1, offset=1)
    for name in ("technologies", "demonstrations", "milestones"):
        whole, one, two = (getattr(f, name) for f in (everything, first, rest))
        assert one.total == two.total == whole.total == len(whole.items) >= 2
        assert (one.limit, one.offset, two.offset) == (1, 0, 1)
        assert one.items + two.items == whole.items[:2]
    beyond = analytics.impact(impact_graph(), "tech.root", offset=50)
    assert beyond.technologies.items == () and beyond.technologies.total == 2
    with pytest.raises(LimitExceeded):
        analytics.impact(impact_graph(), "tech.root", limit=201)
    with pytest.raises(InvalidParameter) as raised:
        analytics.impact(impact_graph(), "tech.root", offset=-1)
    assert raised.value.parameter == "offset"


def test_impact_needs_a_technology() -> None:
    with pytest.raises(InvalidParameter, match="'m.b' is not a Technology"):
        analytics.impact(impact_graph(), "m.b")
    with pytest.raises(NodeNotFound):
        analytics.impact(impact_graph(), "tech.nope")


# -- critical -------------------------------------------------------------------------------


def test_critical_metrics_on_a_small_chain() -> None:
    store = store_of(
        [tech("tech.a"), tech("tech.b"), tech("tech.c"), tech("tech.d"), milestone("m.a", 2030)],
        [rel("DEPENDS_ON", "tech.a", "tech.b"), rel("DEPENDS_ON", "tech.b", "tech.c"),
         rel("CONTRIBUTES_TO", "tech.a", "m.a")],
    )  # fmt: skip
    dependents = analytics.critical(store, "dependents")
    assert [(r.node.id, r.value) for r in dependents] == [
        ("tech.c", 2),
        ("tech.b", 1),
        ("tech.a", 0),
        ("tech.d", 0),
    ]
    between = analytics.critical(store, "betweenness", limit=2)
    assert [(r.node.id, r.value) for r in between] == [
        ("tech.b", round(1 / 6, 6)),
        ("tech.a", 0.0),
    ]  # 1/((n-1)(n-2))
    risky = analytics.critical(store, "milestones")
    assert [(r.node.id, r.value) for r in risky][:3] == [("tech.a", 1), ("tech.b", 1), ("tech.c", 1)]


def test_critical_follows_essential_dependencies_unless_asked() -> None:
    store = store_of(
        [tech("tech.base"), tech("tech.needs"), tech("tech.helped"), milestone("m.x", 2030)],
        [essential("tech.needs", "tech.base"), enabling("tech.helped", "tech.base"),
         rel("CONTRIBUTES_TO", "tech.helped", "m.x")],
    )  # fmt: skip

    def values(metric: str, include_enabling: bool) -> dict[str, int | float]:
        ranked = analytics.critical(store, metric, include_enabling=include_enabling)
        return {r.node.id: r.value for r in ranked}

    assert values("dependents", False)["tech.base"] == 1
    assert values("dependents", True)["tech.base"] == 2
    assert values("milestones", False)["tech.base"] == 0
    assert values("milestones", True)["tech.base"] == 1


@pytest.mark.parametrize(
    ("kwargs", "parameter", "error"),
    [({"metric": "fame"}, "metric", InvalidParameter), ({"limit": 201}, "limit", LimitExceeded),
     ({"limit": 0}, "limit", InvalidParameter)],
)  # fmt: skip
def test_critical_rejects_bad_parameters(
    kwargs: dict[str, Any], parameter: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        analytics.critical(demo_graph(), **kwargs)
    assert isinstance(raised.value, InvalidParameter) and raised.value.parameter == parameter


# -- chains ---------------------------------------------------------------------------------


def chain_graph() -> MemoryStore:
    return store_of(
        [
            milestone("m.t", 2030), tech("tech.c", trl=8), tech("tech.p1", trl=6), tech("tech.r1", trl=6),
            tech("tech.p2", trl=9), tech("tech.solo", trl=4), node("init.i", "Initiative"),
        ],
        [
            rel("CONTRIBUTES_TO", "tech.c", "m.t"), rel("CONTRIBUTES_TO", "tech.solo", "m.t"),
            rel("CONTRIBUTES_TO", "init.i", "m.t"),
            rel("DEPENDS_ON", "tech.c", "tech.p1"), rel("DEPENDS_ON", "tech.p1", "tech.r1"),
            rel("DEPENDS_ON", "tech.c", "tech.p2"),
        ],
    )  # fmt: skip


def test_chains_run_from_root_prerequisites_to_the_milestone_weakest_first() -> None:
    found = analytics.milestone_chains(chain_graph(), "m.t")
    assert found.total == 3 and found.limit == 20
    assert [(ids(c.path), c.weakest.id if c.weakest else None) for c in found.chains] == [
        (["tech.solo", "m.t"], "tech.solo"),
        (["tech.r1", "tech.p1", "tech.c", "m.t"], "tech.r1"),  # a TRL tie: the first in the chain
        (["tech.p2", "tech.c", "m.t"], "tech.c"),
    ]
    assert [c.weakest_trl for c in found.chains] == [4, 6, 8]
    for chain in found.chains:
        assert [r.type for r in chain.path.relationships][-1] == "CONTRIBUTES_TO"


def test_the_weakest_link_is_computed_over_the_necessity_asked() -> None:
    store = store_of(
        [milestone("m.t", 2030), tech("tech.c", trl=8), tech("tech.need", trl=7), tech("tech.help", trl=3)],
        [rel("CONTRIBUTES_TO", "tech.c", "m.t"), essential("tech.c", "tech.need"),
         enabling("tech.c", "tech.help")],
    )  # fmt: skip
    narrow = analytics.milestone_chains(store, "m.t")
    assert [(ids(c.path), c.weakest_trl) for c in narrow.chains] == [(["tech.need", "tech.c", "m.t"], 7)]
    assert not narrow.include_enabling
    wide = analytics.milestone_chains(store, "m.t", include_enabling=True)
    assert [(ids(c.path), c.weakest_trl) for c in wide.chains] == [
        (["tech.help", "tech.c", "m.t"], 3),
        (["tech.need", "tech.c", "m.t"], 7),
    ]
    assert wide.chains[0].path.relationships[0].properties["necessity"] == "enabling"


def test_chains_limit_keeps_the_total() -> None:
    found = analytics.milestone_chains(chain_graph(), "m.t", limit=1)
    assert (len(found.chains), found.total, found.limit) == (1, 3, 1)
    with pytest.raises(LimitExceeded):
        analytics.milestone_chains(chain_graph(), "m.t", limit=201)


def test_chains_need_a_milestone() -> None:
    with pytest.raises(InvalidParameter, match="is not a Milestone"):
        analytics.milestone_chains(chain_graph(), "tech.c")
    with pytest.raises(NodeNotFound):
        analytics.milestone_chains(chain_graph(), "m.nope")


# -- the shipped graph, checked independently -----------------------------------------------


class Facts:
    """Plain sets over the whole graph, computed without ``queries.analytics``.

    ``DEPENDS_ON`` here holds the essential dependencies only (a dependency without a necessity
    is essential, as the seeds had before they were classified); ``ALL_DEPENDS_ON`` holds every
    one."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self.nodes = {n.id: n for n in data.nodes}
        self.rels: dict[str, set[tuple[str, str]]] = {}
        for r in data.relationships:
            self.rels.setdefault(r.type, set()).add((r.source, r.target))
            if r.type == "DEPENDS_ON":
                self.rels.setdefault("ALL_DEPENDS_ON", set()).add((r.source, r.target))
        self.rels["DEPENDS_ON"] = {
            (r.source, r.target)
            for r in data.relationships
            if r.type == "DEPENDS_ON" and r.properties.get("necessity", "essential") == "essential"
        }

    def of(self, label: str) -> set[str]:
        return {i for i, n in self.nodes.items() if n.label == label}

    def prop(self, node_id: str, key: str) -> Any:
        return self.nodes[node_id].properties.get(key)

    def commercial(self, node_id: str) -> bool:
        return (self.prop(node_id, "trl") or 0) >= 9

    def ready(self, node_id: str) -> int | None:
        """Readiness: as curated, else trl_year when commercial, else the horizon."""
        if self.prop(node_id, "readiness") is not None:
            return int(self.prop(node_id, "readiness"))
        if self.commercial(node_id) and self.prop(node_id, "trl_year") is not None:
            return int(self.prop(node_id, "trl_year"))
        return self.prop(node_id, "horizon")

    def closure(self, type_: str, start: str, forward: bool) -> set[str]:
        """Everything reachable from ``start`` over ``type_`` (forward: source → target)."""
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            for s, t in self.rels.get(type_, set()):
                a, b = (s, t) if forward else (t, s)
                if a == current and b not in seen:
                    seen.add(b)
                    todo.append(b)
        return seen - {start}


@pytest.fixture(scope="module")
def facts(seed_data: GraphData) -> Facts:
    return Facts(seed_data)


def test_every_shipped_finding_has_a_walkable_path_and_its_main_nodes_sources(
    memory_store: MemoryStore, seed_data: GraphData
) -> None:
    for check in analytics.gaps(memory_store):
        for finding in check.findings:
            assert finding.sources == finding.nodes[0].sources
            assert finding.explanation.endswith(".") and finding.nodes[0].id in finding.explanation
            if finding.path is not None:
                assert_walks(finding.path, seed_data)


def test_shipped_undemonstrated_matches_the_graph(memory_store: MemoryStore, facts: Facts) -> None:
    demonstrated = {t for _, t in facts.rels["DEMONSTRATES"]}

    def expected(horizon_max: int, include_reserve: bool) -> set[str]:
        return {
            t
            for t in facts.of("Technology")
            if (ready := facts.ready(t)) is not None
            and not facts.commercial(t)
            and (ready <= horizon_max or (include_reserve and ready >= 2060))
            and not ({t} | facts.closure("PART_OF", t, forward=False)) & demonstrated
        }

    check = analytics.gap(memory_store, "undemonstrated")
    assert set(main_ids(check)) == expected(2030, True)
    reserve = {f.nodes[0].id for f in check.findings if f.figures["reserve"]}
    assert reserve == {t for t in expected(2030, True) if (facts.ready(t) or 0) >= 2060}
    strict = analytics.gap(memory_store, "undemonstrated", analytics.gap_parameters(include_reserve=False))
    assert set(main_ids(strict)) == expected(2030, False)
    near = analytics.gap(memory_store, "undemonstrated", analytics.gap_parameters(horizon_max=2025))
    assert set(main_ids(near)) == expected(2025, True)


def test_shipped_unsupported_milestones_match_the_graph(memory_store: MemoryStore, facts: Facts) -> None:
    expected = set()
    for m in facts.of("Milestone"):
        if facts.prop(m, "unit") in ("個", "家"):
            continue
        threshold = 7 if facts.prop(m, "year") <= 2025 else 5
        trls = [facts.prop(s, "trl") for s, t in facts.rels["CONTRIBUTES_TO"]
                if t == m and facts.nodes[s].label == "Technology"]  # fmt: skip
        if not any(trl is not None and trl >= threshold for trl in trls):
            expected.add(m)
    assert set(main_ids(analytics.gap(memory_store, "unsupported_milestone"))) == expected


@pytest.mark.parametrize("include_enabling", [False, True])
def test_shipped_timeline_conflicts_match_the_graph(
    memory_store: MemoryStore, facts: Facts, seed_data: GraphData, include_enabling: bool
) -> None:
    depends = "ALL_DEPENDS_ON" if include_enabling else "DEPENDS_ON"
    expected = set()
    for c, m in facts.rels["CONTRIBUTES_TO"]:
        if facts.nodes[c].label != "Technology" or facts.nodes[m].label != "Milestone":
            continue
        for p in facts.closure(depends, c, forward=True):
            if not facts.commercial(p) and (facts.ready(p) or 0) > facts.prop(m, "year"):
                expected.add((c, m, p))
    params = analytics.gap_parameters(include_enabling=include_enabling)
    check = analytics.gap(memory_store, "timeline_conflict", params)
    assert {tuple(n.id for n in f.nodes) for f in check.findings} == expected
    for f in check.findings:
        assert f.path is not None
        assert ids(f.path)[0] == f.nodes[2].id and ids(f.path)[-2:] == [f.nodes[0].id, f.nodes[1].id]
        assert f.path.length - 1 == f.figures["depth"]
        assert all(r.type == "DEPENDS_ON" for r in f.path.relationships[:-1])
        assert_walks(f.path, seed_data)


@pytest.mark.parametrize("include_enabling", [False, True])
def test_shipped_unfunded_prerequisites_match_the_graph(
    memory_store: MemoryStore, facts: Facts, include_enabling: bool
) -> None:
    listed = {s for s, t in facts.rels["LISTED_IN"] if facts.nodes[t].label == "Column"}
    supported = {t for s, t in facts.rels["SUPPORTS"] if facts.nodes[s].label == "Initiative"}
    expected = {
        p
        for _, p in facts.rels["ALL_DEPENDS_ON" if include_enabling else "DEPENDS_ON"]
        if not any(
            a in listed or a in supported or facts.nodes[a].basis == "plan"
            for a in {p} | facts.closure("PART_OF", p, forward=True)
        )
    }
    params = analytics.gap_parameters(include_enabling=include_enabling)
    assert set(main_ids(analytics.gap(memory_store, "unfunded_prerequisite", params))) == expected


def test_shipped_uncovered_sectors_and_unmeasured_actions_match_the_graph(
    memory_store: MemoryStore, facts: Facts
) -> None:
    applied = {t for _, t in facts.rels["APPLIES_TO"]}
    shown = {t for _, t in facts.rels["IN_SECTOR"]}
    assert set(main_ids(analytics.gap(memory_store, "uncovered_sector"))) == applied - shown
    measured = {t for _, t in facts.rels["SET_BY"]}
    plan_targets = {m for m, t in facts.rels["SET_BY"] if facts.nodes[t].label == "Plan"}
    expected = set()
    for action in facts.of("Action"):
        columns = {c for c, t in facts.rels["PART_OF"] if t == action and facts.nodes[c].label == "Column"}
        listed = {
            s for s, c in facts.rels["LISTED_IN"] if c in columns and facts.nodes[s].label == "Technology"
        }
        items = listed | {sub for t in listed for sub in facts.closure("PART_OF", t, forward=False)}
        about = [
            m
            for m in plan_targets
            if (
                techs := {
                    s
                    for s, t in facts.rels["CONTRIBUTES_TO"]
                    if t == m and facts.nodes[s].label == "Technology"
                }
            )  # fmt: skip
            and 2 * len(techs & items) > len(techs)
        ]
        if not ({action} | columns) & measured and not about:
            expected.add(action)
    found = analytics.gap(memory_store, "unmeasured_action")
    assert set(main_ids(found)) == expected
    assert {f.nodes[0].label for f in found.findings} <= {"Action"}


def held(found: analytics.Impact) -> set[str]:
    groups = (found.technologies, found.demonstrations, found.milestones)
    return {r.node.id for group in groups for r in group.items}


@pytest.mark.parametrize("include_enabling", [False, True])
def test_shipped_impact_of_green_hydrogen(
    memory_store: MemoryStore, facts: Facts, seed_data: GraphData, include_enabling: bool
) -> None:
    root = "tech.green_hydrogen"
    found = analytics.impact(memory_store, root, include_enabling, limit=200)
    depends = "ALL_DEPENDS_ON" if include_enabling else "DEPENDS_ON"
    techs = facts.closure(depends, root, forward=False)
    assert {r.node.id for r in found.technologies.items} == techs
    demos = {d for d, t in facts.rels["DEMONSTRATES"] if t in techs | {root}}
    assert {r.node.id for r in found.demonstrations.items} == demos
    milestones = {m for s, m in facts.rels["CONTRIBUTES_TO"] if s in techs | demos | {root}}
    assert {r.node.id for r in found.milestones.items} == milestones
    for group in (found.technologies, found.demonstrations, found.milestones):
        assert group.total == len(group.items)
        for reached in group.items:
            assert reached.chain.nodes[0].id == root and reached.chain.nodes[-1] == reached.node
            assert_walks(reached.chain, seed_data)


def test_stalling_reaches_at_least_what_stalling_a_dependant_reaches(memory_store: MemoryStore) -> None:
    """If A stalls, everything downstream of A stalls too, so A holds up at least what they do."""

    def reached(tech_id: str) -> set[str]:
        return held(analytics.impact(memory_store, tech_id, limit=200))

    for root in ("tech.water_electrolysis", "tech.green_hydrogen", "tech.energy_storage"):
        everything = reached(root)
        for dependant in analytics.impact(memory_store, root, limit=200).technologies.items:
            assert reached(dependant.node.id) - {root} <= everything


@pytest.mark.parametrize("include_enabling", [False, True])
def test_shipped_critical_rankings_match_the_graph(
    memory_store: MemoryStore, facts: Facts, include_enabling: bool
) -> None:
    depends = "ALL_DEPENDS_ON" if include_enabling else "DEPENDS_ON"
    techs = sorted(facts.of("Technology"))
    dependents = analytics.critical(memory_store, "dependents", 200, include_enabling)
    assert len(dependents) == len(techs)
    assert {r.node.id: r.value for r in dependents} == {
        t: len(facts.closure(depends, t, forward=False)) for t in techs
    }
    keys = [(-r.value, r.node.id) for r in dependents]
    assert keys == sorted(keys)
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(techs)
    graph.add_edges_from(facts.rels.get(depends, set()))
    expected = nx.betweenness_centrality(graph, normalized=True)
    between = analytics.critical(memory_store, "betweenness", 200, include_enabling)
    assert {r.node.id: r.value for r in between} == {t: round(v, 6) for t, v in expected.items()}
    risky = analytics.critical(memory_store, "milestones", 5, include_enabling)
    for r in risky:
        found = analytics.impact(memory_store, r.node.id, include_enabling)
        assert r.value == found.milestones.total


@pytest.mark.parametrize("include_enabling", [False, True])
def test_shipped_chains_run_over_the_necessity_asked(
    memory_store: MemoryStore, facts: Facts, include_enabling: bool
) -> None:
    depends = "ALL_DEPENDS_ON" if include_enabling else "DEPENDS_ON"
    for target in sorted(facts.of("Milestone")):
        found = analytics.milestone_chains(memory_store, target, 200, include_enabling)
        contributors = {
            s for s, t in facts.rels["CONTRIBUTES_TO"] if t == target and facts.nodes[s].label == "Technology"
        }
        assert {c.path.nodes[-2].id for c in found.chains} == contributors
        assert found.total == len(found.chains) and found.include_enabling == include_enabling
        for chain in found.chains:
            on_chain = {n.id for n in chain.path.nodes}
            for a, b in zip(chain.path.nodes[:-2], chain.path.nodes[1:-1], strict=True):
                assert (b.id, a.id) in facts.rels[depends], "each link is a dependency of that necessity"
            root = chain.path.nodes[0].id
            onward = {t for s, t in facts.rels[depends] if s == root}
            assert onward <= on_chain, "a chain starts at a root prerequisite"
            trls = [n.properties.get("trl") for n in chain.path.nodes[:-1]]
            rated = [t for t in trls if isinstance(t, int)]
            assert chain.weakest_trl == (min(rated) if rated else None)
        weakest = [c.weakest_trl or 0 for c in found.chains]
        assert weakest == sorted(weakest)
