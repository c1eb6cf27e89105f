"""The technology chains that lead to a milestone, and the weakest link of each."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Node, Relationship
from graph.store import GraphStore, Path, path_sort_key
from queries.analytics.domain import TECH, int_property, stall_projection
from queries.analytics.impact import require_label
from queries.analytics.projection import Projection, load_projection, walk_path
from queries.limits import LIMIT, check_cap

__all__ = ["CHAIN_TYPES", "Chain", "Chains", "milestone_chains"]

CHAIN_TYPES: tuple[str, ...] = ("CONTRIBUTES_TO", "DEPENDS_ON")


@dataclass(frozen=True)
class Chain:
    """A chain, prerequisite first, ending at the milestone; ``weakest`` is its least mature
    technology (lowest TRL, the first in the chain on a tie), None when none has a TRL."""

    path: Path
    weakest: Node | None

    @property
    def weakest_trl(self) -> int | None:
        return _trl(self.weakest) if self.weakest is not None else None


@dataclass(frozen=True)
class Chains:
    milestone: Node
    chains: tuple[Chain, ...]
    total: int
    limit: int
    include_enabling: bool


def _trl(node: Node) -> int | None:
    return int_property(node, "trl")


def _upward(projection: Projection, tech_id: str) -> list[list[Relationship]]:
    """Every maximal DEPENDS_ON walk from a technology to a prerequisite that needs nothing
    further (or whose prerequisites are all on the walk already), in id order."""
    walks: list[list[Relationship]] = []

    def extend(node_id: str, seen: frozenset[str], rels: list[Relationship]) -> None:
        onward = [
            r
            for r in projection.out_rels("DEPENDS_ON", node_id)
            if r.target not in seen and projection.node(r.target).label == TECH
        ]
        if not onward:
            walks.append(rels)
        for rel in onward:
            extend(rel.target, seen | {rel.target}, [*rels, rel])

    extend(tech_id, frozenset([tech_id]), [])
    return walks


def _weakest(path: Path) -> Node | None:
    rated = [
        (trl, i)
        for i, node in enumerate(path.nodes)
        if node.label == TECH and (trl := _trl(node)) is not None
    ]
    return path.nodes[min(rated)[1]] if rated else None


def milestone_chains(
    store: GraphStore, milestone_id: str, limit: int | None = None, include_enabling: bool = False
) -> Chains:
    """The technology chains that lead to a milestone.

    For each Technology that CONTRIBUTES_TO the milestone, each maximal chain of essential
    DEPENDS_ON (enabling ones too when ``include_enabling``) that ends at it: from a root
    prerequisite (one with no further prerequisites of that necessity) through to the
    contributor, then the milestone. A contributor with no prerequisites is a chain of its own.
    Chains come weakest first: by the weakest link's TRL (unknown first), then shorter first,
    then by node ids (``path_sort_key``).

    Parameters
    ----------
    store : the backend.
    milestone_id : the id of a Milestone.
    limit : how many chains to return (default 20, cap 200); ``total`` counts them all.
    include_enabling : also follow enabling dependencies, so the weakest link is computed over
        them too (default: essential only).

    Returns
    -------
    Chains : the milestone, its chains (at most ``limit``), their total and the limit.

    Raises
    ------
    NodeNotFound : no node has this id.
    InvalidParameter : (``id``) the node is not a Milestone; (``limit``) below 1.
    LimitExceeded : ``limit`` above its cap.
    """
    milestone = require_label(store, milestone_id, "Milestone")
    count = check_cap(LIMIT, limit)
    projection = stall_projection(load_projection(store, CHAIN_TYPES), include_enabling)
    chains: list[Chain] = []
    for contribution in projection.in_rels("CONTRIBUTES_TO", milestone_id):
        if projection.node(contribution.source).label != TECH:
            continue
        for rels in _upward(projection, contribution.source):
            start = rels[-1].target if rels else contribution.source
            path = walk_path(projection, start, [*reversed(rels), contribution])
            chains.append(Chain(path, _weakest(path)))
    chains.sort(key=lambda c: (c.weakest_trl if c.weakest_trl is not None else 0, path_sort_key(c.path)))
    return Chains(milestone, tuple(chains[:count]), len(chains), count, include_enabling)
