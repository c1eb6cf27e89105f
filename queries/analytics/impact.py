"""What-if: everything a stalled technology holds up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.model import Node, Relationship
from graph.store import GraphStore, Path
from queries.analytics.domain import DEMO, MILESTONE, TECH, stall_projection
from queries.analytics.projection import Projection, load_projection, reach, walk_path
from queries.errors import InvalidParameter
from queries.limits import LIMIT, OFFSET, check_cap
from queries.nodes import get_node

__all__ = [
    "IMPACT_TYPES",
    "Reached",
    "ReachedPage",
    "Impact",
    "impact",
    "impact_of",
    "held_up",
    "require_label",
]

IMPACT_TYPES: tuple[str, ...] = ("CONTRIBUTES_TO", "DEMONSTRATES", "DEPENDS_ON")


@dataclass(frozen=True)
class Reached:
    """A node the stall reaches, how many steps away, and the shortest chain that links it,
    walked from the stalled technology outward."""

    node: Node
    depth: int
    chain: Path


@dataclass(frozen=True)
class ReachedPage:
    """One page of a group of what a stall reaches; ``total`` counts the whole group."""

    items: tuple[Reached, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class Impact:
    """What stalls with ``root``: each group ordered by (depth, id), a page of it; and whether
    enabling dependencies were followed as well as essential ones."""

    root: Node
    technologies: ReachedPage
    demonstrations: ReachedPage
    milestones: ReachedPage
    include_enabling: bool = False

    @property
    def counts(self) -> dict[str, int]:
        """How many of each label are held up (the groups' totals)."""
        return {
            TECH: self.technologies.total,
            DEMO: self.demonstrations.total,
            MILESTONE: self.milestones.total,
        }


def require_label(store: GraphStore, node_id: str, label: str) -> Node:
    """The node, which must carry ``label``.

    Raises
    ------
    NodeNotFound : no node has this id.
    InvalidParameter : (``id``) the node has another label.
    """
    node = get_node(store, node_id)
    if node.label != label:
        raise InvalidParameter("id", f"{node_id!r} is not a {label} (its label is {node.label})")
    return node


def _step(projection: Projection) -> Callable[[str], list[tuple[str, Relationship]]]:
    """Outward from the stall: a held technology holds up the technologies that depend on it
    (over the projection's DEPENDS_ON, already narrowed to the necessities asked), the projects
    that demonstrate it and the milestones it contributes to; a held project holds up its
    milestones. Nothing climbs PART_OF: a category is not stalled by one of its members."""

    def label(node_id: str) -> str:
        return projection.node(node_id).label

    def step(node_id: str) -> list[tuple[str, Relationship]]:
        found: list[tuple[str, Relationship]] = []
        if label(node_id) == TECH:
            found += [
                (r.source, r) for r in projection.in_rels("DEPENDS_ON", node_id) if label(r.source) == TECH
            ]
            found += [
                (r.source, r) for r in projection.in_rels("DEMONSTRATES", node_id) if label(r.source) == DEMO
            ]
        if label(node_id) in (TECH, DEMO):
            found += [
                (r.target, r)
                for r in projection.out_rels("CONTRIBUTES_TO", node_id)
                if label(r.target) == MILESTONE
            ]
        return found

    return step


def held_up(projection: Projection, technology_id: str) -> dict[str, list[Reached]]:
    """Everything a stall of ``technology_id`` reaches over ``projection`` (whose DEPENDS_ON is
    the one to follow), by label, each ordered by (depth, id)."""
    walked = reach(technology_id, _step(projection))
    groups: dict[str, list[Reached]] = {TECH: [], DEMO: [], MILESTONE: []}
    for depth, node_id in sorted((depth, node_id) for node_id, depth in walked.depths.items()):
        if node_id == technology_id:
            continue
        node = projection.node(node_id)
        chain = walk_path(projection, technology_id, walked.walk(node_id))
        groups[node.label].append(Reached(node, depth, chain))
    return groups


def impact_of(
    projection: Projection,
    technology_id: str,
    limit: int = LIMIT.default,
    offset: int = OFFSET.default,
    include_enabling: bool = False,
) -> Impact:
    """``impact`` over a projection already built (holding ``IMPACT_TYPES``, its DEPENDS_ON
    already narrowed by ``stall_projection`` to ``include_enabling``), limit and offset already
    checked."""
    groups = held_up(projection, technology_id)

    def page(label: str) -> ReachedPage:
        found = groups[label]
        return ReachedPage(tuple(found[offset : offset + limit]), len(found), limit, offset)

    root = projection.node(technology_id)
    return Impact(root, page(TECH), page(DEMO), page(MILESTONE), include_enabling)


def impact(
    store: GraphStore,
    technology_id: str,
    include_enabling: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> Impact:
    """What is held up if a technology stalls.

    A stall travels the way a stall does:

    - technologies: those that depend on the stalled one, transitively, over essential
      DEPENDS_ON (enabling ones too when ``include_enabling``). Neither its sub-technologies nor
      the wholes it is part of are held up: a category is not stalled by one of its members.
    - demonstrations: every DemonstrationProject that DEMONSTRATES the stalled technology or one
      of the technologies held up. A project that demonstrates a whole the stalled technology is
      a part of is not reached.
    - milestones: every Milestone those technologies or demonstrations CONTRIBUTE_TO.

    Each comes with its shortest chain from the stalled technology outward (ties broken by node
    ids); ``depth`` is the chain's length. Each group is paged alike by ``limit`` and
    ``offset``, and carries its ``total``.

    Parameters
    ----------
    store : the backend.
    technology_id : the id of a Technology.
    include_enabling : also follow enabling dependencies (default: essential only).
    limit : how many of each group to return (default 20, cap 200).
    offset : how many of each group to skip (default 0).

    Returns
    -------
    Impact : the root and a page of each group, with its total.

    Raises
    ------
    NodeNotFound : no node has this id.
    InvalidParameter : (``id``) the node is not a Technology; (``limit``, ``offset``) below
        their minimum.
    LimitExceeded : ``limit`` or ``offset`` above its cap.
    """
    require_label(store, technology_id, TECH)
    count, skip = check_cap(LIMIT, limit), check_cap(OFFSET, offset)
    projection = stall_projection(load_projection(store, IMPACT_TYPES), include_enabling)
    return impact_of(projection, technology_id, count, skip, include_enabling)
