"""How the analytics read the domain model: a dependency's necessity, a technology's readiness
and commerciality, a count target; and the dependency graph a stall travels along.

Each reading is stated once, here, so that every question (impact, critical, chains, the gap
checks) reads the graph the same way, before and after the seeds carry these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, get_args

import networkx as nx

from graph.model import Node, Relationship
from graph.schema import COMMERCIAL_TRL, NECESSITIES
from queries.analytics.projection import Projection

__all__ = [
    "COMMERCIAL_TRL",
    "TECH",
    "DEMO",
    "MILESTONE",
    "COUNT_UNITS",
    "NECESSITIES",
    "Necessity",
    "Readiness",
    "int_property",
    "necessity",
    "readiness",
    "is_commercial",
    "is_count_target",
    "dependency_graph",
    "sub_technologies",
    "parent_technologies",
    "stall_projection",
]

Necessity = Literal["essential", "enabling"]
assert get_args(Necessity) == NECESSITIES, "the schema's necessities and this type must agree"
# Units that count things (個 projects, 家 enterprises): a target in them is met by a programme
# that builds or selects that many, not by any technology's maturity.
COUNT_UNITS: frozenset[str] = frozenset({"個", "家"})
# The labels the analytics walk.
TECH, DEMO, MILESTONE = "Technology", "DemonstrationProject", "Milestone"


def int_property(node: Node, key: str) -> int | None:
    """An integer property of a node, or None when it is absent or not an integer."""
    value = node.properties.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def necessity(rel: Relationship) -> Necessity:
    """How much a ``DEPENDS_ON`` dependant needs its prerequisite: ``essential`` (it cannot work
    without it) or ``enabling`` (it is cheaper, better or scalable with it).

    A dependency without a necessity, as every one had before the seeds classified them, reads
    as essential: the reading the analytics always gave it. This is the only place that says so.
    """
    return "enabling" if rel.properties.get("necessity") == "enabling" else "essential"


@dataclass(frozen=True)
class Readiness:
    """When a technology can be deployed at scale, and on what basis: ``trl`` (commercial, so
    ready at its ``trl_year``), ``horizon`` (the year the plan asks for it) or ``curated``."""

    year: int
    basis: str


def is_commercial(node: Node) -> bool:
    """A technology at TRL 9 or above: commercially available now."""
    trl = int_property(node, "trl")
    return trl is not None and trl >= COMMERCIAL_TRL


def readiness(node: Node) -> Readiness | None:
    """A technology's readiness: its ``readiness`` and ``readiness_basis`` when it carries them,
    else the rule they are curated by: a commercial technology is ready at its ``trl_year``, any
    other at its ``horizon``. None when neither year is known.

    Parameters
    ----------
    node : a Technology.

    Returns
    -------
    Readiness | None
    """
    year = int_property(node, "readiness")
    if year is not None:
        return Readiness(year, str(node.properties.get("readiness_basis") or "curated"))
    trl_year = int_property(node, "trl_year")
    if is_commercial(node) and trl_year is not None:
        return Readiness(trl_year, "trl")
    horizon = int_property(node, "horizon")
    return Readiness(horizon, "horizon") if horizon is not None else None


def is_count_target(milestone: Node) -> bool:
    """A milestone that counts things built or selected (50 demonstration projects, about 500
    enterprises): its ``unit`` is one of ``COUNT_UNITS``."""
    return milestone.properties.get("unit") in COUNT_UNITS


def dependency_graph(projection: Projection, include_enabling: bool = False) -> nx.DiGraph:
    """The ``DEPENDS_ON`` graph a stall travels along: every node of the projection, and the
    essential dependencies (the enabling ones too when ``include_enabling``), each edge keeping
    its ``Relationship`` as ``rel``.

    Parameters
    ----------
    projection : a projection holding ``DEPENDS_ON``.
    include_enabling : also follow enabling dependencies.

    Returns
    -------
    nx.DiGraph : dependant → prerequisite.
    """
    full = projection.graph("DEPENDS_ON")
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(full.nodes)
    graph.add_edges_from(
        (a, b, data)
        for a, b, data in full.edges(data=True)
        if include_enabling or necessity(data["rel"]) == "essential"
    )
    return graph


def stall_projection(projection: Projection, include_enabling: bool = False) -> Projection:
    """The projection with ``DEPENDS_ON`` narrowed to ``dependency_graph``: what every question
    of what stalls (impact, critical, chains, timeline conflicts, unfunded prerequisites)
    computes over.

    Parameters
    ----------
    projection : a projection holding ``DEPENDS_ON``.
    include_enabling : also keep enabling dependencies.

    Returns
    -------
    Projection : the same nodes and graphs, ``DEPENDS_ON`` narrowed.
    """
    graphs = {**projection.graphs, "DEPENDS_ON": dependency_graph(projection, include_enabling)}
    return replace(projection, graphs=graphs)


def sub_technologies(projection: Projection, tech_id: str) -> list[str]:
    """Technologies PART_OF ``tech_id``, transitively, sorted by id."""
    found = nx.ancestors(projection.graph("PART_OF"), tech_id)
    return sorted(i for i in found if projection.node(i).label == TECH)


def parent_technologies(projection: Projection, tech_id: str) -> list[str]:
    """Technologies ``tech_id`` is PART_OF, transitively, sorted by id."""
    found = nx.descendants(projection.graph("PART_OF"), tech_id)
    return sorted(i for i in found if projection.node(i).label == TECH)
