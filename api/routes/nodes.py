"""Nodes: list, look up, neighbours, search."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.caching import NOT_MODIFIED_RESPONSE
from api.deps import StoreDep, capped, one_of, split_list
from api.errors import PROBLEM_RESPONSES
from api.models import (
    NeighborOut,
    NeighborsOut,
    NodeOut,
    NodePageOut,
    SearchOut,
    node_out,
    relationship_out,
    search_out,
)
from graph.schema import LABELS, RELATIONSHIP_TYPES
from queries import nodes
from queries.limits import LIMIT, OFFSET, QUERY_LENGTH

router = APIRouter(prefix="/v1", tags=["nodes"], responses={**PROBLEM_RESPONSES, **NOT_MODIFIED_RESPONSE})

Label = Annotated[str | None, one_of(LABELS, "Only nodes of this label")]
Limit = Annotated[int, capped(LIMIT, "Page size")]


@router.get("/nodes", response_model=NodePageOut)
def list_nodes(
    store: StoreDep,
    label: Label = None,
    q: Annotated[
        str | None,
        Query(
            max_length=QUERY_LENGTH.cap,
            pattern=f"^{nodes.TEXT_PATTERN.pattern}$",
            description=f"Names or aliases contain this (at most {QUERY_LENGTH.cap} characters)",
        ),
    ] = None,
    limit: Limit = LIMIT.default,
    offset: Annotated[int, capped(OFFSET, "Skip this many")] = OFFSET.default,
) -> NodePageOut:
    """Nodes ordered by id, a page at a time."""
    page = nodes.list_nodes(store, label, q, limit, offset)
    return NodePageOut(
        items=[node_out(n) for n in page.items], total=page.total, limit=page.limit, offset=page.offset
    )


@router.get("/nodes/{id}", response_model=NodeOut)
def get_node(store: StoreDep, id: str) -> NodeOut:
    """One node, with the passages of the plan it comes from."""
    return node_out(nodes.get_node(store, id))


@router.get("/nodes/{id}/neighbors", response_model=NeighborsOut)
def node_neighbors(
    store: StoreDep,
    id: str,
    direction: Literal["out", "in", "both"] = "both",
    type: Annotated[
        list[str] | None,
        one_of(RELATIONSHIP_TYPES, "Only these relationship types (repeat or comma-separate)", repeated=True),
    ] = None,
) -> NeighborsOut:
    """The relationships at a node and the nodes at their other ends."""
    found = nodes.neighbors(store, id, direction, split_list(type))
    return NeighborsOut(
        items=[
            NeighborOut(relationship=relationship_out(n.relationship), node=node_out(n.node)) for n in found
        ]
    )


@router.get("/search", response_model=SearchOut)
def search_nodes(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=QUERY_LENGTH.cap,
            pattern=f"^{nodes.TEXT_PATTERN.pattern}$",
            description="Text in Traditional or Simplified Chinese or English",
        ),
    ],
    label: Label = None,
    limit: Limit = LIMIT.default,
) -> SearchOut:
    """Nodes whose names, aliases or descriptions match, best first. 氢 finds 氫; 应用 finds 套用."""
    return search_out(nodes.search(store, q, label, limit))
