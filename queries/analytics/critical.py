"""Which technologies the plan can least afford to see stall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import networkx as nx

from graph.model import Node
from graph.store import GraphStore
from queries.analytics.domain import MILESTONE, TECH, stall_projection
from queries.analytics.impact import IMPACT_TYPES, held_up
from queries.analytics.projection import Projection, load_projection
from queries.errors import InvalidParameter
from queries.limits import LIMIT, check_cap

__all__ = ["METRICS", "Metric", "Ranked", "critical"]

Metric = Literal["dependents", "betweenness", "milestones"]
METRICS: tuple[str, ...] = get_args(Metric)
DECIMALS = 6  # betweenness is rounded so that both backends print the same JSON


@dataclass(frozen=True)
class Ranked:
    node: Node
    value: int | float


def _dependency_graph(projection: Projection) -> nx.DiGraph:
    """Every Technology, and the projection's DEPENDS_ON between technologies (dependant →
    prerequisite), already narrowed to the necessities asked."""
    techs = [node.id for node in projection.of_label(TECH)]
    graph: nx.DiGraph = nx.DiGraph()
    graph.add_nodes_from(techs)
    depends = projection.graph("DEPENDS_ON")
    graph.add_edges_from(sorted((a, b) for a, b in depends.edges if a in graph and b in graph))
    return graph


def _values(projection: Projection, metric: str) -> dict[str, int | float]:
    graph = _dependency_graph(projection)
    if metric == "dependents":
        return {tech: len(nx.ancestors(graph, tech)) for tech in graph}
    if metric == "betweenness":
        scores = nx.betweenness_centrality(graph, normalized=True)
        return {tech: round(float(score), DECIMALS) for tech, score in scores.items()}
    return {tech: len(held_up(projection, tech)[MILESTONE]) for tech in graph}


def critical(
    store: GraphStore, metric: str = "dependents", limit: int | None = None, include_enabling: bool = False
) -> list[Ranked]:
    """Technologies ranked by how much hangs on them, highest first (ties by id).

    Metrics, all over essential DEPENDS_ON between technologies (enabling ones too when
    ``include_enabling``), the way a stall travels:

    - ``dependents``: how many technologies depend on it, transitively;
    - ``betweenness``: its betweenness centrality in the directed dependency graph of every
      technology (NetworkX, normalised), rounded to 6 decimals;
    - ``milestones``: how many milestones its stalling puts at risk (as ``impact`` counts them).

    Parameters
    ----------
    store : the backend.
    metric : one of ``METRICS``.
    limit : how many to return (default 20, cap 200).
    include_enabling : also follow enabling dependencies (default: essential only).

    Returns
    -------
    list[Ranked] : technologies and their values, value descending, then id.

    Raises
    ------
    InvalidParameter : (``metric``) an unknown metric; (``limit``) below 1.
    LimitExceeded : ``limit`` above its cap.
    """
    if metric not in METRICS:
        raise InvalidParameter("metric", f"must be one of {', '.join(METRICS)}, got {metric!r}")
    count = check_cap(LIMIT, limit)
    projection = stall_projection(load_projection(store, IMPACT_TYPES), include_enabling)
    values = _values(projection, metric)
    ranked = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    return [Ranked(projection.node(tech), value) for tech, value in ranked[:count]]
