"""The gap checks of what stalls: they follow DEPENDS_ON, narrowed to the necessities asked
(essential by default, enabling too with ``include_enabling``) before they run."""

from __future__ import annotations

import networkx as nx

from graph.model import Node
from queries.analytics.domain import (
    MILESTONE,
    TECH,
    Readiness,
    int_property,
    is_commercial,
    parent_technologies,
    readiness,
)
from queries.analytics.findings import FigureValue, Finding, GapParameters, finding, listing, named, plural
from queries.analytics.projection import Projection, reach, walk_path

__all__ = ["timeline_conflict", "unfunded_prerequisite"]


def _late(prereq: Node, year: int) -> Readiness | None:
    """The prerequisite's readiness when it comes after ``year``; None when it is in time. A
    commercial technology is never late: it is deployable now."""
    ready = readiness(prereq)
    if ready is None or is_commercial(prereq) or ready.year <= year:
        return None
    return ready


def timeline_conflict(projection: Projection, params: GapParameters) -> list[Finding]:
    """A Technology that CONTRIBUTES_TO a milestone of year Y and DEPENDS_ON, directly or
    transitively, a technology not ready for deployment at scale before a year later than Y.

    Dependencies are the essential ones (enabling ones too when ``include_enabling``).
    Readiness, not the plan's horizon, is compared: a commercial technology (TRL 9 or above)
    is ready now and never conflicts, whatever year the plan names for its next advance. The
    figures also give the contributor's own readiness; the explanation says when the
    prerequisite comes after it too (the contributor is expected before what it cannot work
    without). The path runs prerequisite first: the shortest dependency chain (ties by id) from
    the late prerequisite to the contributor, then on to the milestone. Ordered by
    (contributor, milestone, prerequisite).
    """
    found: list[Finding] = []
    for tech in projection.of_label(TECH):
        milestones = projection.out_rels("CONTRIBUTES_TO", tech.id)
        if not milestones:
            continue
        upstream = reach(
            tech.id, lambda node_id: [(r.target, r) for r in projection.out_rels("DEPENDS_ON", node_id)]
        )
        own = readiness(tech)
        for contribution in milestones:
            milestone = projection.node(contribution.target)
            year = int_property(milestone, "year")
            if milestone.label != MILESTONE or year is None:
                continue
            for prereq_id in sorted(upstream.depths):
                prereq = projection.node(prereq_id)
                late = _late(prereq, year) if prereq_id != tech.id else None
                if late is None:
                    continue
                chain = [*reversed(upstream.walk(prereq_id)), contribution]
                depth = upstream.depths[prereq_id]
                via = "" if depth == 1 else f", through {plural(depth - 1, 'technology', 'technologies')},"
                after_own = (
                    f", later even than {tech.id}'s own readiness ({own.year})"
                    if own is not None and late.year > own.year
                    else ""
                )
                why = (
                    f"{named(tech)} contributes to the {year} milestone {named(milestone)} but depends{via} "
                    f"on {named(prereq)}, which is not ready for deployment at scale before {late.year} "
                    f"(readiness from its {late.basis}){after_own}."
                )
                figures: dict[str, FigureValue] = {
                    "milestone_year": year,
                    "prerequisite_readiness": late.year,
                    "prerequisite_readiness_basis": late.basis,
                    "prerequisite_trl": int_property(prereq, "trl"),
                    "contributor_readiness": own.year if own else None,
                    "contributor_readiness_basis": own.basis if own else None,
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
    """Technologies something essentially DEPENDS_ON (or, with ``include_enabling``, depends
    on at all) that nothing of the plan covers: neither they nor a technology they are PART_OF
    (transitively) is LISTED_IN a column, SUPPORTED by an Initiative, or named by the plan's text
    (``basis: plan``). Ordered by id.
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
