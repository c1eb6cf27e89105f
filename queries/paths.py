"""How nodes connect: shortest paths, simple paths, and technology dependencies.

Each raises ``NodeNotFound`` for an unknown id and ``InvalidParameter`` or ``LimitExceeded`` for
a bad parameter; a path query also raises ``QueryTooBroad`` when its search would spend more
than ``PATH_WORK`` (or its ``budget``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Node
from graph.store import Dependency, GraphStore, Path
from queries import path_search
from queries.errors import InvalidParameter
from queries.limits import (
    LIMIT,
    MAX_DEPTH,
    MAX_HOPS_SHORTEST,
    MAX_HOPS_SIMPLE,
    OFFSET,
    PATH_LIMIT,
    PATH_WORK,
    Cap,
    check_cap,
)
from queries.nodes import check_types, get_node

__all__ = ["path_budget", "shortest_paths", "simple_paths", "dependencies", "Dependencies", "DIRECTIONS"]

DIRECTIONS: tuple[str, ...] = ("upstream", "downstream")


def path_budget(units: int = PATH_WORK) -> path_search.WorkBudget:
    """The work one path request may spend; a smaller ``max_hops`` is what narrows it."""
    return path_search.WorkBudget(units, "max_hops")


def _checked(
    store: GraphStore, source: str, target: str, hops_cap: Cap, max_hops: int | None, limit: int | None
) -> tuple[int, int]:
    """The hops and the number of paths a path request asks for, once its ends and caps are checked."""
    get_node(store, source, "source")
    get_node(store, target, "target")
    if source == target:
        raise InvalidParameter("target", "must differ from source")
    return check_cap(hops_cap, max_hops), check_cap(PATH_LIMIT, limit)


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int | None = None,
    types: list[str] | None = None,
    directed: bool = False,
    limit: int | None = None,
    budget: path_search.WorkBudget | None = None,
) -> list[Path]:
    """All shortest paths from ``source`` to ``target`` (ties included), empty if none within
    ``max_hops``. Undirected unless ``directed``; ``types`` restricts the relationships walked."""
    hops, count = _checked(store, source, target, MAX_HOPS_SHORTEST, max_hops, limit)
    return path_search.shortest_paths(
        store, source, target, hops, check_types(types, "types"), directed, count, budget or path_budget()
    )


def simple_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int | None = None,
    directed: bool = False,
    limit: int | None = None,
    budget: path_search.WorkBudget | None = None,
) -> list[Path]:
    """Paths without repeated nodes, shortest first, at most ``limit`` of them."""
    hops, count = _checked(store, source, target, MAX_HOPS_SIMPLE, max_hops, limit)
    return path_search.simple_paths(store, source, target, hops, directed, count, budget or path_budget())


@dataclass(frozen=True)
class Dependencies:
    root: Node
    direction: str
    items: list[Dependency]
    total: int
    limit: int
    offset: int


def dependencies(
    store: GraphStore,
    technology_id: str,
    direction: str = "upstream",
    max_depth: int | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> Dependencies:
    """What a technology needs (``upstream``) or what needs it (``downstream``), transitively,
    each at its shortest depth, a page at a time (ordered by depth, then id), with the
    technology itself as ``root`` and the ``total`` reached."""
    node = get_node(store, technology_id)
    if node.label != "Technology":
        raise InvalidParameter("id", f"{technology_id!r} is not a Technology (its label is {node.label})")
    if direction not in DIRECTIONS:
        raise InvalidParameter("direction", f"must be upstream or downstream, got {direction!r}")
    depth, count, skip = check_cap(MAX_DEPTH, max_depth), check_cap(LIMIT, limit), check_cap(OFFSET, offset)
    reached = store.dependencies(technology_id, direction == "upstream", depth)
    page = reached[skip : skip + count]
    nodes = store.nodes_by_id([node_id for node_id, _ in page])
    items = [Dependency(nodes[node_id], found_at) for node_id, found_at in page]
    return Dependencies(node, direction, items, len(reached), count, skip)
