"""The planner's gap checks, each a function over a projection; ``CHECKS`` lists them in report order.

Each check returns its findings in a fixed order (stated on the check), ties broken by id.
"""

from __future__ import annotations

import networkx as nx

from graph.model import Node
from graph.schema import HORIZONS
from queries.analytics.findings import (
    CheckSpec,
    FigureValue,
    Finding,
    GapParameters,
    finding,
    listing,
    named,
)
from queries.analytics.projection import Projection, reach, walk_path

__all__ = [
    "CHECKS",
    "RESERVE_HORIZON",
    "undemonstrated",
    "unsupported_milestone",
    "timeline_conflict",
    "unfunded_prerequisite",
    "uncovered_sector",
    "unmeasured_action",
]

TECH, DEMO, MILESTONE = "Technology", "DemonstrationProject", "Milestone"
# The plan's research reserve for neutrality: technologies it expects only by 2060.
RESERVE_HORIZON = HORIZONS[-1]
NEAR_TERM = 2025  # milestones up to this year need trl_2025; later ones trl_2030


def _int(node: Node, key: str) -> int | None:
    value = node.properties.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sub_technologies(projection: Projection, tech_id: str) -> list[str]:
    """Technologies PART_OF ``tech_id``, transitively, sorted by id."""
    found = nx.ancestors(projection.graph("PART_OF"), tech_id)
    return sorted(i for i in found if projection.node(i).label == TECH)


def parent_technologies(projection: Projection, tech_id: str) -> list[str]:
    """Technologies ``tech_id`` is PART_OF, transitively, sorted by id."""
    found = nx.descendants(projection.graph("PART_OF"), tech_id)
    return sorted(i for i in found if projection.node(i).label == TECH)


def undemonstrated(projection: Projection, params: GapParameters) -> list[Finding]:
    """Technologies due by ``horizon_max`` (and, if ``include_reserve``, those of the 2060
    reserve) that no DemonstrationProject DEMONSTRATES, nor any of their sub-technologies.

    A technology without a horizon is never due. Ordered by (reserve last, horizon, id).

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (reads horizon_max and include_reserve).

    Returns
    -------
    list[Finding] : in the order stated above.
    """
    demonstrated = {
        tech.id for tech in projection.of_label(TECH) if projection.sources("DEMONSTRATES", tech.id, DEMO)
    }
    found: list[tuple[tuple[bool, int, str], Finding]] = []
    for tech in projection.of_label(TECH):
        horizon = _int(tech, "horizon")
        if horizon is None:
            continue
        reserve = horizon == RESERVE_HORIZON
        if horizon > params.horizon_max and not (params.include_reserve and reserve):
            continue
        subs = sub_technologies(projection, tech.id)
        if tech.id in demonstrated or demonstrated.intersection(subs):
            continue
        nothing = "no demonstration project demonstrates it"
        if len(subs) == 1:
            nothing += f" or its sub-technology {subs[0]}"
        elif subs:
            nothing += f" or any of its {len(subs)} sub-technologies"
        if reserve:
            why = f"{named(tech)} is in the plan's 2060 research reserve, and {nothing}."
        else:
            why = f"{named(tech)} is due by {horizon}, but {nothing}."
        figures: dict[str, FigureValue] = {
            "horizon": horizon,
            "trl": _int(tech, "trl"),
            "reserve": reserve,
            "sub_technologies": len(subs),
        }
        found.append(((reserve, horizon, tech.id), finding([tech], why, figures=figures)))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def unsupported_milestone(projection: Projection, params: GapParameters) -> list[Finding]:
    """Milestones no Technology CONTRIBUTES_TO, or whose contributing technologies all sit
    below the maturity the milestone's year needs (``trl_2025`` up to 2025, else ``trl_2030``;
    a technology without a TRL counts as below). Ordered by milestone id.

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (reads trl_2025 and trl_2030).

    Returns
    -------
    list[Finding] : in the order stated above.
    """
    found: list[Finding] = []
    for milestone in projection.of_label(MILESTONE):
        year = _int(milestone, "year")
        threshold = params.trl_2025 if year is not None and year <= NEAR_TERM else params.trl_2030
        contributors = [projection.node(i) for i in projection.sources("CONTRIBUTES_TO", milestone.id, TECH)]
        others = len(projection.sources("CONTRIBUTES_TO", milestone.id)) - len(contributors)
        levels = [level for c in contributors if (level := _int(c, "trl")) is not None]
        if any(level >= threshold for level in levels):
            continue
        best = max(levels, default=None)
        if not contributors:
            why = f"No technology contributes to {named(milestone)}, a milestone for {year}."
        else:
            some = (
                "The only technology" if len(contributors) == 1 else f"All {len(contributors)} technologies"
            )
            peak = f"the most mature reaches TRL {best}" if best is not None else "none has a TRL estimate"
            sit = "sits" if len(contributors) == 1 else "sit"
            why = f"{some} contributing to {named(milestone)} ({year}) {sit} below TRL {threshold}; {peak}."
        figures: dict[str, FigureValue] = {
            "year": year,
            "threshold": threshold,
            "technologies": len(contributors),
            "max_trl": best,
            "other_contributors": others,
        }
        found.append(finding([milestone, *contributors], why, figures=figures))
    return found


def timeline_conflict(projection: Projection, params: GapParameters) -> list[Finding]:
    """A Technology that CONTRIBUTES_TO a milestone of year Y and DEPENDS_ON, directly or
    transitively, a technology whose horizon is later than Y. The path runs prerequisite first:
    the shortest dependency chain (ties by id) from the late prerequisite to the contributor,
    then on to the milestone. Ordered by (contributor, milestone, prerequisite).

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (this check has none of its own).

    Returns
    -------
    list[Finding] : in the order stated above.
    """
    found: list[Finding] = []
    for tech in projection.of_label(TECH):
        milestones = projection.out_rels("CONTRIBUTES_TO", tech.id)
        if not milestones:
            continue
        upstream = reach(
            tech.id, lambda node_id: [(r.target, r) for r in projection.out_rels("DEPENDS_ON", node_id)]
        )
        for contribution in milestones:
            milestone = projection.node(contribution.target)
            year = _int(milestone, "year")
            if milestone.label != MILESTONE or year is None:
                continue
            for prereq_id in sorted(upstream.depths):
                prereq = projection.node(prereq_id)
                horizon = _int(prereq, "horizon")
                if prereq_id == tech.id or horizon is None or horizon <= year:
                    continue
                chain = [*reversed(upstream.walk(prereq_id)), contribution]
                depth = upstream.depths[prereq_id]
                via = "" if depth == 1 else f", through {_plural(depth - 1, 'technology', 'technologies')},"
                why = (
                    f"{named(tech)} contributes to the {year} milestone {named(milestone)} but depends{via} "
                    f"on {named(prereq)}, which the plan expects only by {horizon}."
                )
                figures: dict[str, FigureValue] = {
                    "milestone_year": year,
                    "prerequisite_horizon": horizon,
                    "contributor_horizon": _int(tech, "horizon"),
                    "depth": depth,
                }
                path = walk_path(projection, prereq_id, chain)
                found.append(finding([tech, milestone, prereq], why, path, figures))
    return found


def _covered(projection: Projection, tech_id: str) -> bool:
    return bool(
        projection.targets("LISTED_IN", tech_id, "Column")
        or projection.sources("SUPPORTS", tech_id, "Initiative")
        or projection.node(tech_id).basis == "plan"
    )


def unfunded_prerequisite(projection: Projection, params: GapParameters) -> list[Finding]:
    """Technologies something DEPENDS_ON that nothing of the plan covers: neither they nor a
    technology they are PART_OF (transitively) is LISTED_IN a column, SUPPORTED by an
    Initiative, or named by the plan's text (``basis: plan``). Ordered by id.

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (this check has none of its own).

    Returns
    -------
    list[Finding] : in the order stated above.
    """
    depends = projection.graph("DEPENDS_ON")
    found: list[Finding] = []
    for tech in projection.of_label(TECH):
        dependants = [projection.node(i) for i in projection.sources("DEPENDS_ON", tech.id)]
        if not dependants:
            continue
        lineage = [tech.id, *parent_technologies(projection, tech.id)]
        if any(_covered(projection, i) for i in lineage):
            continue
        whose = "it" if len(lineage) == 1 else "it or a technology it is part of"
        why = (
            f"{named(tech)} is a prerequisite of {listing(dependants)}, but no column, action or "
            f"initiative of the plan covers {whose}, and the plan's text does not name it."
        )
        figures: dict[str, FigureValue] = {
            "dependants": len(dependants),
            "downstream": len(nx.ancestors(depends, tech.id)),
            "parents": len(lineage) - 1,
            "basis": tech.basis or None,
        }
        found.append(finding([tech, *dependants], why, figures=figures))
    return found


def uncovered_sector(projection: Projection, params: GapParameters) -> list[Finding]:
    """Sectors that technologies APPLY_TO but no DemonstrationProject is IN_SECTOR. Ordered by id.

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (this check has none of its own).

    Returns
    -------
    list[Finding] : in the order stated above.
    """
    found: list[Finding] = []
    for sector in projection.of_label("Sector"):
        techs = [projection.node(i) for i in projection.sources("APPLIES_TO", sector.id, TECH)]
        if not techs or projection.sources("IN_SECTOR", sector.id, DEMO):
            continue
        apply = "technology applies" if len(techs) == 1 else "technologies apply"
        why = f"{len(techs)} {apply} to {named(sector)}, but no demonstration project sits in it."
        found.append(
            finding([sector, *techs], why, figures={"technologies": len(techs), "demonstrations": 0})
        )
    return found


def unmeasured_action(projection: Projection, params: GapParameters) -> list[Finding]:
    """Actions and columns that set no milestone (no Milestone is SET_BY them); an action whose
    column sets one counts as measured. Ordered by label (actions first), number, then id.

    Parameters
    ----------
    projection : the graph, projected over at least this check's relationship types.
    params : the checks' parameters (this check has none of its own).

    Returns
    -------
    list[Finding] : in the order stated above.
    """

    def milestones(node_id: str) -> int:
        return len(projection.sources("SET_BY", node_id, MILESTONE))

    found: list[tuple[tuple[str, int, str], Finding]] = []
    for action in projection.of_label("Action"):
        columns = [projection.node(i) for i in projection.sources("PART_OF", action.id, "Column")]
        if milestones(action.id) or any(milestones(c.id) for c in columns):
            continue
        if not columns:
            nor = "and has no column"
        elif len(columns) == 1:
            nor = f"nor does its column {columns[0].id}"
        else:
            nor = f"nor does any of its {len(columns)} columns"
        why = f"{named(action)} sets no milestone, {nor}, so the plan gives no measure of its progress."
        figures: dict[str, FigureValue] = {"number": _int(action, "number"), "columns": len(columns)}
        found.append(
            (
                ("Action", _int(action, "number") or 0, action.id),
                finding([action, *columns], why, figures=figures),
            )
        )
    for column in projection.of_label("Column"):
        if milestones(column.id):
            continue
        actions = [projection.node(i) for i in projection.targets("PART_OF", column.id, "Action")]
        above = sum(milestones(a.id) for a in actions)
        why = f"{named(column)} sets no milestone, so the plan gives no measure of its own progress"
        if actions and above:
            why += f" (its action {actions[0].id} sets {_plural(above, 'milestone', 'milestones')})."
        else:
            why += f" (nor does its action {actions[0].id})." if actions else "."
        figures = {"number": _int(column, "number"), "action_milestones": above}
        found.append(
            (
                ("Column", _int(column, "number") or 0, column.id),
                finding([column, *actions], why, figures=figures),
            )
        )
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec(
        "undemonstrated",
        "Technologies due by the horizon (and the plan's 2060 research reserve, unless excluded) that no "
        "demonstration project demonstrates, directly or through a sub-technology.",
        ("DEMONSTRATES", "PART_OF"),
        ("horizon_max", "include_reserve"),
        undemonstrated,
    ),
    CheckSpec(
        "unsupported_milestone",
        "Milestones no technology contributes to, or whose contributing technologies all sit below the "
        "maturity (TRL) the milestone's year needs.",
        ("CONTRIBUTES_TO",),
        ("trl_2025", "trl_2030"),
        unsupported_milestone,
    ),
    CheckSpec(
        "timeline_conflict",
        "Technologies contributing to a milestone of year Y that depend, directly or transitively, on a "
        "technology the plan expects only after Y.",
        ("CONTRIBUTES_TO", "DEPENDS_ON"),
        (),
        timeline_conflict,
    ),
    CheckSpec(
        "unfunded_prerequisite",
        "Prerequisite technologies that no column, action or initiative of the plan covers, and that the "
        "plan's text does not name.",
        ("DEPENDS_ON", "PART_OF", "LISTED_IN", "SUPPORTS"),
        (),
        unfunded_prerequisite,
    ),
    CheckSpec(
        "uncovered_sector",
        "Sectors that technologies apply to but no demonstration project sits in.",
        ("APPLIES_TO", "IN_SECTOR"),
        (),
        uncovered_sector,
    ),
    CheckSpec(
        "unmeasured_action",
        "Actions and columns of the plan that set no milestone (an action counts as measured when one of "
        "its columns is).",
        ("SET_BY", "PART_OF"),
        (),
        unmeasured_action,
    ),
)
