"""What-if: everything a stalled technology holds up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.model import Node, Relationship
from graph.store import GraphStore, Path
from queries.analytics.projection import Projection, load_projection, reach, walk_path
from queries.errors import InvalidParameter
from queries.nodes import get_node

__all__ = ["IMPACT_TYPES", "Reached", "Impact", "impact", "impact_of", "require_label"]

TECH, DEMO, MILESTONE = "Technology", "DemonstrationProject", "Milestone"
IMPACT_TYPES: tuple[str, ...] = ("CONTRIBUTES_TO", "DEMONSTRATES", "DEPENDS_ON", "PART_OF")


@dataclass(frozen=True)
class Reached:
    """A node the stall reaches, how many steps away, and the shortest chain that links it,
    walked from the stalled technology outward."""

    node: Node
    depth: int
    chain: Path


@dataclass(frozen=True)
class Impact:
    """What stalls with ``root``: each group ordered by (depth, id)."""

    root: Node
    technologies: tuple[Reached, ...]
    demonstrations: tuple[Reached, ...]
    milestones: tuple[Reached, ...]

    @property
    def counts(self) -> dict[str, int]:
        return {
            TECH: len(self.technologies),
            DEMO: len(self.demonstrations),
            MILESTONE: len(self.milestones),
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


# A node is reached as HELD (held up by the stall) or, for a technology a held one is PART_OF,
# as a WHOLE: not held up itself (its other parts may go on), but a project that demonstrates
# the whole exercises the stalled part too.
HELD, WHOLE = "held", "whole"
State = tuple[str, str]


def _step(projection: Projection) -> Callable[[State], list[tuple[State, Relationship]]]:
    """Outward from the stall: a held technology holds up the technologies that depend on it,
    the projects that demonstrate it and the milestones it contributes to, and makes a whole of
    each technology it is part of; a whole passes on to its own wholes and its projects; a held
    project holds up its milestones."""

    def label(node_id: str) -> str:
        return projection.node(node_id).label

    def step(state: State) -> list[tuple[State, Relationship]]:
        node_id, role = state
        found: list[tuple[State, Relationship]] = []
        if label(node_id) == TECH:
            found += [
                ((r.target, WHOLE), r)
                for r in projection.out_rels("PART_OF", node_id)
                if label(r.target) == TECH
            ]
            found += [
                ((r.source, HELD), r)
                for r in projection.in_rels("DEMONSTRATES", node_id)
                if label(r.source) == DEMO
            ]
        if role == WHOLE:
            return found
        if label(node_id) == TECH:
            found += [
                ((r.source, HELD), r)
                for r in projection.in_rels("DEPENDS_ON", node_id)
                if label(r.source) == TECH
            ]
        if label(node_id) in (TECH, DEMO):
            found += [
                ((r.target, HELD), r)
                for r in projection.out_rels("CONTRIBUTES_TO", node_id)
                if label(r.target) == MILESTONE
            ]
        return found

    return step


def impact_of(projection: Projection, technology_id: str) -> Impact:
    """``impact`` over a projection already built (holding ``IMPACT_TYPES``)."""
    start: State = (technology_id, HELD)
    walked = reach(start, _step(projection))
    groups: dict[str, list[Reached]] = {TECH: [], DEMO: [], MILESTONE: []}
    held = [(depth, node_id) for (node_id, role), depth in walked.depths.items() if role == HELD]
    for depth, node_id in sorted(held):
        if node_id == technology_id:
            continue
        node = projection.node(node_id)
        chain = walk_path(projection, technology_id, walked.walk((node_id, HELD)))
        groups[node.label].append(Reached(node, depth, chain))
    return Impact(
        projection.node(technology_id),
        tuple(groups[TECH]),
        tuple(groups[DEMO]),
        tuple(groups[MILESTONE]),
    )


def impact(store: GraphStore, technology_id: str) -> Impact:
    """What is held up if a technology stalls.

    - technologies: those downstream over DEPENDS_ON only (what needs the stalled one,
      transitively). Its sub-technologies are not held up, nor are the wholes it is part of
      (their other parts may go on).
    - demonstrations: every DemonstrationProject that DEMONSTRATES the stalled technology, one
      downstream, or a whole (PART_OF ancestor) one of these is part of: demonstrating the whole
      exercises the stalled part. So ``demo.hydrogen_into_homes``, which demonstrates the
      hydrogen chain, is held up when green hydrogen, a part of that chain, stalls.
    - milestones: every Milestone those technologies or demonstrations CONTRIBUTE_TO.

    Each comes with its shortest chain from the stalled technology outward (ties broken by node
    ids); ``depth`` is the chain's length.

    Parameters
    ----------
    store : the backend.
    technology_id : the id of a Technology.

    Returns
    -------
    Impact : the root, the technologies, demonstrations and milestones reached, and counts.

    Raises
    ------
    NodeNotFound : no node has this id.
    InvalidParameter : (``id``) the node is not a Technology.
    """
    require_label(store, technology_id, TECH)
    return impact_of(load_projection(store, IMPACT_TYPES), technology_id)
