"""The planner's gap checks, each a function over a projection; ``CHECKS`` lists them in report order.

Each check is called as ``CheckSpec.run`` says, and returns its findings in a fixed order (stated
on the check), ties broken by id.
"""

from __future__ import annotations

from graph.schema import HORIZONS
from queries.analytics.domain import (
    DEMO,
    MILESTONE,
    TECH,
    int_property,
    is_commercial,
    is_count_target,
    readiness,
    sub_technologies,
)
from queries.analytics.findings import (
    CheckSpec,
    FigureValue,
    Finding,
    GapParameters,
    finding,
    named,
)
from queries.analytics.projection import Projection
from queries.analytics.stall_checks import timeline_conflict, unfunded_prerequisite

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

# The plan's research reserve for neutrality: technologies not ready for deployment at scale
# before 2060.
RESERVE_HORIZON = HORIZONS[-1]
NEAR_TERM = 2025  # milestones up to this year need trl_2025; later ones trl_2030


def undemonstrated(projection: Projection, params: GapParameters) -> list[Finding]:
    """Technologies not yet commercial that are to be ready by ``horizon_max`` (and, if
    ``include_reserve``, those of the 2060 research reserve) that no DemonstrationProject
    DEMONSTRATES, nor any of their sub-technologies.

    Scope is by readiness (when a technology can be deployed at scale: ``readiness``), not by
    the horizon the plan names: a technology is due when its readiness is at most
    ``horizon_max``, and in the reserve when its readiness is 2060 or later. A commercial
    technology (TRL 9 or above) is never reported: it needs no demonstration to be deployed. A
    technology without a readiness is never due. Ordered by (reserve last, readiness, id).
    """
    demonstrated = {
        tech.id for tech in projection.of_label(TECH) if projection.sources("DEMONSTRATES", tech.id, DEMO)
    }
    found: list[tuple[tuple[bool, int, str], Finding]] = []
    for tech in projection.of_label(TECH):
        ready = readiness(tech)
        if ready is None or is_commercial(tech):
            continue
        reserve = ready.year >= RESERVE_HORIZON
        if ready.year > params.horizon_max and not (params.include_reserve and reserve):
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
            why = f"{named(tech)} is to be ready for deployment at scale by {ready.year}, but {nothing}."
        figures: dict[str, FigureValue] = {
            "readiness": ready.year,
            "readiness_basis": ready.basis,
            "horizon": int_property(tech, "horizon"),
            "trl": int_property(tech, "trl"),
            "reserve": reserve,
            "sub_technologies": len(subs),
        }
        found.append(((reserve, ready.year, tech.id), finding([tech], why, figures=figures)))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def unsupported_milestone(projection: Projection, params: GapParameters) -> list[Finding]:
    """Milestones no Technology CONTRIBUTES_TO, or whose contributing technologies all sit
    below the maturity the milestone's year needs (``trl_2025`` up to 2025, else ``trl_2030``;
    a technology without a TRL counts as below). Ordered by milestone id.

    Count targets (``is_count_target``: 50 demonstration projects built, about 500 enterprises
    supported) are left out: a programme delivers them by building or selecting that many, so
    no technology's maturity could support or fail them.
    """
    found: list[Finding] = []
    for milestone in projection.of_label(MILESTONE):
        if is_count_target(milestone):
            continue
        year = int_property(milestone, "year")
        threshold = params.trl_2025 if year is not None and year <= NEAR_TERM else params.trl_2030
        contributors = [projection.node(i) for i in projection.sources("CONTRIBUTES_TO", milestone.id, TECH)]
        others = len(projection.sources("CONTRIBUTES_TO", milestone.id)) - len(contributors)
        levels = [level for c in contributors if (level := int_property(c, "trl")) is not None]
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


def uncovered_sector(projection: Projection, params: GapParameters) -> list[Finding]:
    """Sectors that technologies APPLY_TO but no DemonstrationProject is IN_SECTOR. Ordered by id."""
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


def action_items(projection: Projection, action_id: str) -> set[str]:
    """The technologies an action itemises: those LISTED_IN one of its columns, and their
    sub-technologies (PART_OF them, transitively)."""
    items: set[str] = set()
    for column in projection.sources("PART_OF", action_id, "Column"):
        for tech in projection.sources("LISTED_IN", column, TECH):
            items |= {tech, *sub_technologies(projection, tech)}
    return items


def _measures(projection: Projection, action_id: str) -> list[str]:
    """The milestones that measure an action, sorted: those SET_BY it or one of its columns,
    and the plan-wide targets (SET_BY the Plan) that are about its own technologies, that is,
    more than half the technologies contributing to them are the action's items."""
    columns = projection.sources("PART_OF", action_id, "Column")
    found = {m for owner in (action_id, *columns) for m in projection.sources("SET_BY", owner, MILESTONE)}
    items = action_items(projection, action_id)
    for plan in projection.of_label("Plan"):
        for target in projection.sources("SET_BY", plan.id, MILESTONE):
            contributors = projection.sources("CONTRIBUTES_TO", target, TECH)
            if contributors and 2 * len(items.intersection(contributors)) > len(contributors):
                found.add(target)
    return sorted(found)


def unmeasured_action(projection: Projection, params: GapParameters) -> list[Finding]:
    """Actions of the plan that no milestone measures. An action is measured by a milestone
    SET_BY it or by one of its columns, or by a plan-wide target (SET_BY the Plan) that is about
    its own technologies: more than half the technologies contributing to that target are items
    of the action's columns (or their sub-technologies). So action 5, whose 2030 target (to
    break through a batch of frontier and disruptive technologies) the plan sets in its overall
    goals, is measured by it.

    A column is not a finding of its own: it itemises its action, so the action's targets
    measure it; the columns of an unmeasured action are named in the action's finding. Ordered
    by action number, then id.
    """
    found: list[tuple[tuple[int, str], Finding]] = []
    for action in projection.of_label("Action"):
        if _measures(projection, action.id):
            continue
        columns = [projection.node(i) for i in projection.sources("PART_OF", action.id, "Column")]
        if not columns:
            nor = "and has no column"
        elif len(columns) == 1:
            nor = f"nor does its column {columns[0].id}"
        else:
            nor = f"nor does any of its {len(columns)} columns"
        why = (
            f"{named(action)} sets no milestone, {nor}, and no target of the plan is about its "
            "technologies, so the plan gives no measure of its progress."
        )
        figures: dict[str, FigureValue] = {
            "number": int_property(action, "number"),
            "columns": len(columns),
            "items": len(action_items(projection, action.id)),
        }
        key = (int_property(action, "number") or 0, action.id)
        found.append((key, finding([action, *columns], why, figures=figures)))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec(
        "undemonstrated",
        "Technologies not yet commercial (TRL below 9) that are to be ready for deployment at scale by "
        "horizon_max (and the plan's 2060 research reserve, unless excluded), that no demonstration "
        "project demonstrates, directly or through a sub-technology.",
        ("DEMONSTRATES", "PART_OF"),
        ("horizon_max", "include_reserve"),
        undemonstrated,
    ),
    CheckSpec(
        "unsupported_milestone",
        "Milestones no technology contributes to, or whose contributing technologies all sit below the "
        "maturity (TRL) the milestone's year needs. Count targets (projects built, enterprises "
        "supported) are a programme's to deliver, not a technology's, and are left out.",
        ("CONTRIBUTES_TO",),
        ("trl_2025", "trl_2030"),
        unsupported_milestone,
    ),
    CheckSpec(
        "timeline_conflict",
        "Technologies contributing to a milestone of year Y that depend, directly or transitively, on a "
        "technology not ready for deployment at scale until after Y (commercial technologies are ready "
        "now). Essential dependencies only, unless include_enabling.",
        ("CONTRIBUTES_TO", "DEPENDS_ON"),
        ("include_enabling",),
        timeline_conflict,
    ),
    CheckSpec(
        "unfunded_prerequisite",
        "Prerequisite technologies that no column, action or initiative of the plan covers, and that the "
        "plan's text does not name. Essential dependencies only, unless include_enabling.",
        ("DEPENDS_ON", "PART_OF", "LISTED_IN", "SUPPORTS"),
        ("include_enabling",),
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
        "Actions of the plan that no milestone measures: none is set by the action or its columns, and no "
        "target of the plan is about its technologies (most of the technologies contributing to it are "
        "the action's items). Columns are measured with their action.",
        ("SET_BY", "PART_OF", "LISTED_IN", "CONTRIBUTES_TO"),
        (),
        unmeasured_action,
    ),
)
