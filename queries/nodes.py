"""Looking nodes up: by id, in pages, by neighbourhood, and by text search."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Node
from graph.schema import ID_PATTERN, LABELS, RELATIONSHIP_TYPES
from graph.store import Direction, GraphStore, Neighbor, SearchHit
from graph.text import normalize
from queries.errors import InvalidParameter, NodeNotFound
from queries.limits import LIMIT, OFFSET, QUERY_LENGTH, check_cap

__all__ = [
    "TEXT_PATTERN",
    "NodePage",
    "get_node",
    "list_nodes",
    "neighbors",
    "search",
    "check_label",
    "check_types",
]

# Search text: anything but the C0 and C1 control characters, white space aside.
TEXT_PATTERN = re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*")


@dataclass(frozen=True)
class NodePage:
    items: list[Node]
    total: int
    limit: int
    offset: int


def get_node(store: GraphStore, node_id: str, parameter: str = "id") -> Node:
    """The node with this id.

    Raises
    ------
    NodeNotFound : no node has this id.
    """
    # An id no node can have is not worth a round trip (and some Bolt servers choke on its bytes).
    node = store.get_node(node_id) if ID_PATTERN.match(node_id) else None
    if node is None:
        raise NodeNotFound(node_id, parameter)
    return node


def check_label(label: str | None) -> str | None:
    if label is not None and label not in LABELS:
        raise InvalidParameter("label", f"unknown label {label!r}; one of {', '.join(LABELS)}")
    return label


def check_types(types: list[str] | None, parameter: str = "type") -> list[str] | None:
    if not types:
        return None
    unknown = [t for t in types if t not in RELATIONSHIP_TYPES]
    if unknown:
        raise InvalidParameter(
            parameter,
            f"unknown relationship type {', '.join(unknown)}; one of {', '.join(RELATIONSHIP_TYPES)}",
        )
    return types


def _needle(q: str | None, required: bool) -> str | None:
    if q is None or not q.strip():
        if required:
            raise InvalidParameter("q", "must not be empty")
        return None
    if not TEXT_PATTERN.fullmatch(q):
        raise InvalidParameter("q", "must not contain control characters other than white space")
    if len(q) > QUERY_LENGTH.cap:
        raise InvalidParameter("q", f"is {len(q)} characters long, above the cap of {QUERY_LENGTH.cap}")
    needle = normalize(q)
    if not needle and required:
        raise InvalidParameter("q", "must not be empty")
    return needle or None


def list_nodes(
    store: GraphStore,
    label: str | None = None,
    q: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> NodePage:
    """Nodes ordered by id, optionally of one label and whose names contain ``q``."""
    limit, offset = check_cap(LIMIT, limit), check_cap(OFFSET, offset)
    items, total = store.list_nodes(check_label(label), _needle(q, required=False), limit, offset)
    return NodePage(items, total, limit, offset)


def neighbors(
    store: GraphStore, node_id: str, direction: Direction = "both", types: list[str] | None = None
) -> list[Neighbor]:
    """The relationships at a node and the nodes at their other ends."""
    get_node(store, node_id)
    if direction not in ("out", "in", "both"):
        raise InvalidParameter("direction", f"must be out, in or both, got {direction!r}")
    return store.neighbors(node_id, direction, check_types(types))


def search(store: GraphStore, q: str, label: str | None = None, limit: int | None = None) -> list[SearchHit]:
    """Nodes whose names, aliases or descriptions match ``q``, best first.

    Traditional, Simplified and English match alike: 氢 finds 氫, and the plan's Taiwan-style
    words match their mainland forms (应用 finds 套用).
    """
    needle = _needle(q, required=True)
    assert needle is not None
    return store.search(needle, check_label(label), check_cap(LIMIT, limit))
