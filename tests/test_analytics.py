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


def tech(node_id: str, horizon: int | None = 2030, trl: int | None = 8, basis: str = "plan") -> Node:
    props: dict[str, Any] = {"basis": basis}
    if horizon is not None:
        props["horizon"] = horizon
    if trl is not None:
        props["trl"] = trl
    return node(node_id, "Technology", **props)


def milestone(node_id: str, year: int) -> Node:
    return node(node_id, "Milestone", year=year, metric="m")


def rel(type_: str, source: str, target: str) -> Relationship:
    return Relationship(type_, source, target)


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


def test_a_finding_names_its_nodes_and_carries_the_main_nodes_sources() -> None:
    lonely = next(f for f in kind(demo_graph(), "undemonstrated").findings if f.nodes[0].id == "tech.lonely")
    assert lonely.explanation.startswith("lonely (tech.lonely) is due by 2030")
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
        "prerequisite_horizon": 2060,
        "contributor_horizon": 2030,
        "depth": 2,
    }
    assert "through 1 technology" in finding.explanation


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


def test_an_action_is_measured_through_its_columns_but_not_the_other_way() -> None:
    structure = [node(f"action.{i}", "Action", number=i) for i in (1, 2, 3)]
    structure += [node(f"column.{i}", "Column", number=i, inferred=False) for i in (1, 2, 3)]
    store = store_of(
        [*structure, milestone("m.by_column", 2030), milestone("m.by_action", 2030)],
        [
            *(rel("PART_OF", f"column.{i}", f"action.{i}") for i in (1, 2, 3)),
            rel("SET_BY", "m.by_column", "column.1"), rel("SET_BY", "m.by_action", "action.2"),
        ],
    )  # fmt: skip
    check = kind(store, "unmeasured_action")
    assert main_ids(check) == ["action.3", "column.2", "column.3"]  # actions first
    column_2 = check.findings[1]
    assert (
        column_2.figures["action_milestones"] == 1
        and "its action action.2 sets 1 milestone" in column_2.explanation
    )


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
            tech("tech.prereq"),
            node("demo.b", "DemonstrationProject"), node("demo.whole", "DemonstrationProject"),
            node("demo.sub", "DemonstrationProject"),
            *(milestone(m, 2030) for m in ("m.b", "m.demo", "m.whole", "m.sub")),
        ],
        [
            rel("DEPENDS_ON", "tech.a", "tech.root"), rel("DEPENDS_ON", "tech.b", "tech.a"),
            rel("DEPENDS_ON", "tech.b", "tech.root"), rel("DEPENDS_ON", "tech.root", "tech.prereq"),
            rel("PART_OF", "tech.sub", "tech.root"), rel("PART_OF", "tech.root", "tech.whole"),
            rel("DEMONSTRATES", "demo.b", "tech.b"), rel("DEMONSTRATES", "demo.whole", "tech.whole"),
            rel("DEMONSTRATES", "demo.sub", "tech.sub"),
            rel("CONTRIBUTES_TO", "tech.b", "m.b"), rel("CONTRIBUTES_TO", "demo.b", "m.demo"),
            rel("CONTRIBUTES_TO", "tech.whole", "m.whole"), rel("CONTRIBUTES_TO", "tech.sub", "m.sub"),
        ],
    )  # fmt: skip


def test_impact_runs_downstream_over_depends_on_only() -> None:
    found = analytics.impact(impact_graph(), "tech.root")
    assert [(r.node.id, r.depth) for r in found.technologies] == [("tech.a", 1), ("tech.b", 1)]
    # neither its sub-technology, nor the whole it is part of, nor its own prerequisite is held up
    assert found.counts == {"Technology": 2, "DemonstrationProject": 2, "Milestone": 2}


def test_impact_reaches_demonstrations_of_held_technologies_and_of_wholes() -> None:
    found = analytics.impact(impact_graph(), "tech.root")
    chains = {r.node.id: ids(r.chain) for r in found.demonstrations + found.milestones}
    assert chains == {
        "demo.b": ["tech.root", "tech.b", "demo.b"],  # the shortest chain, not through tech.a
        "demo.whole": ["tech.root", "tech.whole", "demo.whole"],
        "m.b": ["tech.root", "tech.b", "m.b"],
        "m.demo": ["tech.root", "tech.b", "demo.b", "m.demo"],
    }
    for reached in found.technologies + found.demonstrations + found.milestones:
        assert reached.depth == reached.chain.length and reached.chain.nodes[-1] == reached.node


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
    """Plain sets over the whole graph, computed without ``queries.analytics``."""

    def __init__(self, data: GraphData) -> None:
        self.data = data
        self.nodes = {n.id: n for n in data.nodes}
        self.rels: dict[str, set[tuple[str, str]]] = {}
        for r in data.relationships:
            self.rels.setdefault(r.type, set()).add((r.source, r.target))

    def of(self, label: str) -> set[str]:
        return {i for i, n in self.nodes.items() if n.label == label}

    def prop(self, node_id: str, key: str) -> Any:
        return self.nodes[node_id].properties.get(key)

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
    expected = {
        t
        for t in facts.of("Technology")
        if facts.prop(t, "horizon") is not None
        and (facts.prop(t, "horizon") <= 2030 or facts.prop(t, "horizon") == 2060)
        and not ({t} | facts.closure("PART_OF", t, forward=False)) & demonstrated
    }
    check = analytics.gap(memory_store, "undemonstrated")
    assert set(main_ids(check)) == expected
    # the plan leaves new-type nuclear and direct air capture without demonstration
    assert {"tech.dac", "tech.nuclear_fusion", "tech.gen_iv_reactors"} <= expected
    reserve = {f.nodes[0].id for f in check.findings if f.figures["reserve"]}
    assert {"tech.dac", "tech.nuclear_fusion"} <= reserve and "tech.gen_iv_reactors" not in reserve
    strict = analytics.gap(memory_store, "undemonstrated", analytics.gap_parameters(include_reserve=False))
    assert "tech.dac" not in main_ids(strict) and "tech.gen_iv_reactors" in main_ids(strict)


def test_shipped_unsupported_milestones_match_the_graph(memory_store: MemoryStore, facts: Facts) -> None:
    expected = set()
    for m in facts.of("Milestone"):
        threshold = 7 if facts.prop(m, "year") <= 2025 else 5
        trls = [facts.prop(s, "trl") for s, t in facts.rels["CONTRIBUTES_TO"]
                if t == m and facts.nodes[s].label == "Technology"]  # fmt: skip
        if not any(trl is not None and trl >= threshold for trl in trls):
            expected.add(m)
    assert set(main_ids(analytics.gap(memory_store, "unsupported_milestone"))) == expected
    assert "milestone.demo_projects_2030" in expected


def test_shipped_timeline_conflicts_match_the_graph(
    memory_store: MemoryStore, facts: Facts, seed_data: GraphData
) -> None:
    expected = set()
    for c, m in facts.rels["CONTRIBUTES_TO"]:
        if facts.nodes[c].label != "Technology" or facts.nodes[m].label != "Milestone":
            continue
        for p in facts.closure("DEPENDS_ON", c, forward=True):
            if (facts.prop(p, "horizon") or 0) > facts.prop(m, "year"):
                expected.add((c, m, p))
    check = analytics.gap(memory_store, "timeline_conflict")
    assert {tuple(n.id for n in f.nodes) for f in check.findings} == expected
    assert expected, "the shipped graph has timeline conflicts"
    for f in check.findings:
        assert f.path is not None
        assert ids(f.path)[0] == f.nodes[2].id and ids(f.path)[-2:] == [f.nodes[0].id, f.nodes[1].id]
        assert f.path.length - 1 == f.figures["depth"]
        assert all(r.type == "DEPENDS_ON" for r in f.path.relationships[:-1])
        assert_walks(f.path, seed_data)


def test_shipped_unfunded_prerequisites_match_the_graph(memory_store: MemoryStore, facts: Facts) -> None:
    listed = {s for s, t in facts.rels["LISTED_IN"] if facts.nodes[t].label == "Column"}
    supported = {t for s, t in facts.rels["SUPPORTS"] if facts.nodes[s].label == "Initiative"}
    expected = {
        p
        for _, p in facts.rels["DEPENDS_ON"]
        if not any(
            a in listed or a in supported or facts.nodes[a].basis == "plan"
            for a in {p} | facts.closure("PART_OF", p, forward=True)
        )
    }
    assert set(main_ids(analytics.gap(memory_store, "unfunded_prerequisite"))) == expected
    assert "tech.water_electrolysis" in expected


def test_shipped_uncovered_sectors_and_unmeasured_actions_match_the_graph(
    memory_store: MemoryStore, facts: Facts
) -> None:
    applied = {t for _, t in facts.rels["APPLIES_TO"]}
    shown = {t for _, t in facts.rels["IN_SECTOR"]}
    assert set(main_ids(analytics.gap(memory_store, "uncovered_sector"))) == applied - shown
    measured = {t for _, t in facts.rels["SET_BY"]}
    columns_of = {a: {c for c, t in facts.rels["PART_OF"] if t == a} for a in facts.of("Action")}
    expected = {a for a, cols in columns_of.items() if not ({a} | cols) & measured}
    expected |= facts.of("Column") - measured
    assert set(main_ids(analytics.gap(memory_store, "unmeasured_action"))) == expected


def test_shipped_impact_of_green_hydrogen(memory_store: MemoryStore, seed_data: GraphData) -> None:
    found = analytics.impact(memory_store, "tech.green_hydrogen")
    techs = {r.node.id for r in found.technologies}
    assert techs == {node_id for node_id, _ in memory_store.dependencies("tech.green_hydrogen", False, 10)}
    assert "tech.hydrogen_metallurgy" in techs
    demos = {r.node.id: ids(r.chain) for r in found.demonstrations}
    assert demos["demo.hydrogen_rich_ironmaking"] == ["tech.green_hydrogen", "tech.hydrogen_metallurgy",
                                                      "demo.hydrogen_rich_ironmaking"]  # fmt: skip
    assert demos["demo.hydrogen_into_homes"] == [
        "tech.green_hydrogen",
        "tech.hydrogen_chain",
        "demo.hydrogen_into_homes",
    ]
    for reached in found.technologies + found.demonstrations + found.milestones:
        assert reached.chain.nodes[0].id == "tech.green_hydrogen" and reached.chain.nodes[-1] == reached.node
        assert_walks(reached.chain, seed_data)
    assert found.counts["Milestone"] == len(found.milestones) > 0


def test_stalling_reaches_at_least_what_stalling_a_dependant_reaches(memory_store: MemoryStore) -> None:
    """If A stalls, everything downstream of A stalls too, so A holds up at least what they do."""

    def held(tech_id: str) -> set[str]:
        found = analytics.impact(memory_store, tech_id)
        return {r.node.id for r in found.technologies + found.demonstrations + found.milestones}

    for root in ("tech.water_electrolysis", "tech.high_efficiency_pv", "tech.energy_storage"):
        everything = held(root)
        for dependant in analytics.impact(memory_store, root).technologies:
            assert held(dependant.node.id) - {root} <= everything


def test_shipped_critical_rankings_match_the_graph(memory_store: MemoryStore, facts: Facts) -> None:
    techs = sorted(facts.of("Technology"))
    dependents = analytics.critical(memory_store, "dependents", limit=200)
    assert len(dependents) == len(techs)
    assert {r.node.id: r.value for r in dependents} == {
        t: len(facts.closure("DEPENDS_ON", t, forward=False)) for t in techs
    }
    keys = [(-r.value, r.node.id) for r in dependents]
    assert keys == sorted(keys)
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(techs)
    graph.add_edges_from(facts.rels["DEPENDS_ON"])
    expected = nx.betweenness_centrality(graph, normalized=True)
    between = analytics.critical(memory_store, "betweenness", limit=200)
    assert {r.node.id: r.value for r in between} == {t: round(v, 6) for t, v in expected.items()}
    assert between[0].node.id == "tech.green_hydrogen"
    risky = analytics.critical(memory_store, "milestones", limit=5)
    for r in risky:
        assert r.value == len(analytics.impact(memory_store, r.node.id).milestones)


def test_shipped_chains_to_the_frontier_milestone(memory_store: MemoryStore, facts: Facts) -> None:
    target = "milestone.frontier_tech_2030"
    found = analytics.milestone_chains(memory_store, target, limit=200)
    contributors = {
        s for s, t in facts.rels["CONTRIBUTES_TO"] if t == target and facts.nodes[s].label == "Technology"
    }
    assert {c.path.nodes[-2].id for c in found.chains} == contributors
    assert "tech.dac" in contributors and found.total == len(found.chains)
    for chain in found.chains:
        root = chain.path.nodes[0].id
        assert not facts.closure("DEPENDS_ON", root, forward=True), "a chain starts at a root prerequisite"
        trls = [int(str(n.properties["trl"])) for n in chain.path.nodes[:-1]]
        assert chain.weakest_trl == min(trls)
        assert chain.weakest is not None and chain.weakest == chain.path.nodes[trls.index(min(trls))]
    weakest = [c.weakest_trl or 0 for c in found.chains]
    assert weakest == sorted(weakest)
