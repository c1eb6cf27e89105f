"""How nodes connect: shortest paths, simple paths, and technology dependencies."""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Node
from graph.store import Dependency, GraphStore, Path
from queries.errors import InvalidParameter
from queries.limits import MAX_DEPTH, MAX_HOPS_SHORTEST, MAX_HOPS_SIMPLE, PATH_LIMIT, check_cap
from queries.nodes import check_types, get_node

__all__ = ["shortest_paths", "simple_paths", "dependencies", "Dependencies"]


def shortest_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int | None = None,
    types: list[str] | None = None,
    directed: bool = False,
    limit: int | None = None,
) -> list[Path]:
    """All shortest paths from ``source`` to ``target`` (ties included), empty if none within
    ``max_hops``. Undirected unless ``directed``; ``types`` restricts the relationships walked."""
    get_node(store, source, "source")
    get_node(store, target, "target")
    if source == target:
        raise InvalidParameter("target", "must differ from source")
    return store.shortest_paths(
        source,
        target,
        check_cap(MAX_HOPS_SHORTEST, max_hops),
        check_types(types, "types"),
        directed,
        check_cap(PATH_LIMIT, limit),
    )


def simple_paths(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int | None = None,
    directed: bool = False,
    limit: int | None = None,
) -> list[Path]:
    """Paths without repeated nodes, shortest first, at most ``limit`` of them."""
    get_node(store, source, "source")
    get_node(store, target, "target")
    if source == target:
        raise InvalidParameter("target", "must differ from source")
    return store.simple_paths(
        source, target, check_cap(MAX_HOPS_SIMPLE, max_hops), directed, check_cap(PATH_LIMIT, limit)
    )


@dataclass(frozen=True)
class Dependencies:
    root: Node
    direction: str
    items: list[Dependency]


def dependencies(
    store: GraphStore, technology_id: str, direction: str = "upstream", max_depth: int | None = None
) -> Dependencies:
    """What a technology needs (``upstream``) or what needs it (``downstream``), transitively,
    each at its shortest depth, with the technology itself as ``root``."""
    node = get_node(store, technology_id)
    if node.label != "Technology":
        raise InvalidParameter("id", f"{technology_id!r} is not a Technology (its label is {node.label})")
    if direction not in ("upstream", "downstream"):
        raise InvalidParameter("direction", f"must be upstream or downstream, got {direction!r}")
    items = store.dependencies(technology_id, direction == "upstream", check_cap(MAX_DEPTH, max_depth))
    return Dependencies(node, direction, items)
