"""Rules an energy-technology expert holds the planner analytics to, each written once and run
over the whole shipped graph, with and without enabling dependencies. They name no seed id, so
they hold whatever the curated layer says, as long as the analytics read it as an expert would.
"""

from __future__ import annotations

import pytest

from graph.memory import MemoryStore
from graph.model import GraphData, Node
from queries import analytics
from queries.analytics import GAP_KINDS, GapParameters

WIDTHS = pytest.mark.parametrize("include_enabling", [False, True], ids=["essential", "enabling"])


def commercial(node: Node) -> bool:
    trl = node.properties.get("trl")
    return isinstance(trl, int) and trl >= 9


def of(data: GraphData, label: str) -> list[Node]:
    return [n for n in data.nodes if n.label == label]


def dependencies(data: GraphData, include_enabling: bool) -> set[tuple[str, str]]:
    """(dependant, prerequisite) of the necessity asked; none given reads as essential."""
    return {
        (r.source, r.target)
        for r in data.relationships
        if r.type == "DEPENDS_ON"
        and (include_enabling or r.properties.get("necessity", "essential") == "essential")
    }


@WIDTHS
def test_no_timeline_conflict_among_commercial_technologies_only(
    memory_store: MemoryStore, include_enabling: bool
) -> None:
    check = analytics.gap(memory_store, "timeline_conflict", GapParameters(include_enabling=include_enabling))
    for finding in check.findings:
        prerequisite = finding.nodes[2]
        assert not commercial(prerequisite), f"{prerequisite.id} is commercial, so ready now"
        assert finding.path is not None
        techs = [n for n in finding.path.nodes if n.label == "Technology"]
        assert not all(commercial(n) for n in techs), finding.explanation
        assert finding.figures["prerequisite_readiness"] > finding.figures["milestone_year"]


@pytest.mark.parametrize("horizon_max", [2025, 2030, 2060])
@pytest.mark.parametrize("include_reserve", [True, False])
def test_no_commercial_technology_is_reported_undemonstrated(
    memory_store: MemoryStore, horizon_max: int, include_reserve: bool
) -> None:
    params = GapParameters(horizon_max=horizon_max, include_reserve=include_reserve)
    for finding in analytics.gap(memory_store, "undemonstrated", params).findings:
        assert not commercial(finding.nodes[0]), finding.explanation


def test_no_count_target_is_an_unsupported_milestone(memory_store: MemoryStore) -> None:
    strictest = GapParameters(trl_2025=11, trl_2030=11)
    for finding in analytics.gap(memory_store, "unsupported_milestone", strictest).findings:
        assert finding.nodes[0].properties.get("unit") not in ("個", "家"), finding.explanation


def test_no_column_is_unmeasured_while_its_action_sets_a_target(
    memory_store: MemoryStore, seed_data: GraphData
) -> None:
    set_by = {r.target for r in seed_data.relationships if r.type == "SET_BY"}
    action_of = {r.source: r.target for r in seed_data.relationships if r.type == "PART_OF"}
    for finding in analytics.gap(memory_store, "unmeasured_action").findings:
        for node in finding.nodes:
            assert node.id not in set_by
            if node.label == "Column":
                assert action_of[node.id] not in set_by


@WIDTHS
def test_impact_never_reaches_a_demonstration_only_through_part_of(
    memory_store: MemoryStore, seed_data: GraphData, include_enabling: bool
) -> None:
    demonstrates = {(r.source, r.target) for r in seed_data.relationships if r.type == "DEMONSTRATES"}
    depends = dependencies(seed_data, include_enabling)
    for tech in of(seed_data, "Technology"):
        found = analytics.impact(memory_store, tech.id, include_enabling, limit=200)
        held = {tech.id} | {r.node.id for r in found.technologies.items}
        for a, b in depends:  # what is held up is closed under dependency
            assert a in held or b not in held
        for reached in found.demonstrations.items:
            assert {(reached.node.id, t) for t in held} & demonstrates, (tech.id, reached.node.id)
        for group in (found.technologies, found.demonstrations, found.milestones):
            assert group.total == len(group.items)
            for reached in group.items:
                assert "PART_OF" not in {r.type for r in reached.chain.relationships}


@WIDTHS
def test_every_chains_weakest_link_is_computed_over_the_necessity_asked(
    memory_store: MemoryStore, seed_data: GraphData, include_enabling: bool
) -> None:
    depends = dependencies(seed_data, include_enabling)
    for milestone in of(seed_data, "Milestone"):
        found = analytics.milestone_chains(memory_store, milestone.id, 200, include_enabling)
        assert found.include_enabling == include_enabling
        for chain in found.chains:
            techs = chain.path.nodes[:-1]
            for prerequisite, dependant in zip(techs, techs[1:], strict=False):
                assert (dependant.id, prerequisite.id) in depends
            for rel in chain.path.relationships[:-1]:
                assert include_enabling or rel.properties.get("necessity", "essential") == "essential"
            rated = [t for n in techs if isinstance(t := n.properties.get("trl"), int)]
            assert chain.weakest_trl == (min(rated) if rated else None)


@WIDTHS
def test_critical_counts_what_a_stall_reaches(
    memory_store: MemoryStore, seed_data: GraphData, include_enabling: bool
) -> None:
    """A technology's dependents are exactly the technologies its stall holds up."""
    ranked = analytics.critical(memory_store, "dependents", 200, include_enabling)
    for item in ranked[:25]:
        found = analytics.impact(memory_store, item.node.id, include_enabling)
        assert item.value == found.technologies.total


def test_every_check_takes_include_enabling_without_changing_the_others(memory_store: MemoryStore) -> None:
    narrow = {c.kind: c for c in analytics.gaps(memory_store)}
    wide = {c.kind: c for c in analytics.gaps(memory_store, GapParameters(include_enabling=True))}
    assert set(narrow) == set(wide) == set(GAP_KINDS)
    for kind in ("undemonstrated", "unsupported_milestone", "uncovered_sector", "unmeasured_action"):
        assert narrow[kind] == wide[kind]
