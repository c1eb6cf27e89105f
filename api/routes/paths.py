"""Paths between nodes and the dependencies of technologies."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.deps import StoreDep, split_list
from api.errors import PROBLEM_RESPONSES
from api.models import DependenciesOut, PathsOut, dependencies_out, path_out
from queries import paths
from queries.limits import MAX_DEPTH, MAX_HOPS_SHORTEST, MAX_HOPS_SIMPLE, PATH_LIMIT

router = APIRouter(prefix="/v1", tags=["paths"], responses=PROBLEM_RESPONSES)

Source = Annotated[str, Query(description="Id of the node to start from")]
Target = Annotated[str, Query(description="Id of the node to reach")]
Directed = Annotated[bool, Query(description="Follow relationships only in their direction")]
PathLimit = Annotated[
    int | None,
    Query(description=f"At most this many paths (default {PATH_LIMIT.default}, cap {PATH_LIMIT.cap})"),
]


@router.get("/paths/shortest", response_model=PathsOut)
def shortest_paths(
    store: StoreDep,
    source: Source,
    target: Target,
    max_hops: Annotated[
        int | None,
        Query(description=f"Longest path (default {MAX_HOPS_SHORTEST.default}, cap {MAX_HOPS_SHORTEST.cap})"),
    ] = None,
    types: Annotated[
        list[str] | None, Query(description="Walk only these relationship types (repeat or comma-separate)")
    ] = None,
    directed: Directed = False,
    limit: PathLimit = None,
) -> PathsOut:
    """All shortest paths, ties included; empty when none is within ``max_hops``."""
    found = paths.shortest_paths(store, source, target, max_hops, split_list(types), directed, limit)
    return PathsOut(paths=[path_out(p) for p in found])


@router.get("/paths", response_model=PathsOut)
def simple_paths(
    store: StoreDep,
    source: Source,
    target: Target,
    max_hops: Annotated[
        int | None,
        Query(description=f"Longest path (default {MAX_HOPS_SIMPLE.default}, cap {MAX_HOPS_SIMPLE.cap})"),
    ] = None,
    directed: Directed = False,
    limit: PathLimit = None,
) -> PathsOut:
    """Paths without repeated nodes, shortest first."""
    found = paths.simple_paths(store, source, target, max_hops, directed, limit)
    return PathsOut(paths=[path_out(p) for p in found])


@router.get("/technologies/{id}/dependencies", response_model=DependenciesOut)
def dependencies(
    store: StoreDep,
    id: str,
    direction: Literal["upstream", "downstream"] = "upstream",
    max_depth: Annotated[
        int | None, Query(description=f"Deepest level (default {MAX_DEPTH.default}, cap {MAX_DEPTH.cap})")
    ] = None,
) -> DependenciesOut:
    """What a technology needs (upstream) or what needs it (downstream), over DEPENDS_ON."""
    return dependencies_out(paths.dependencies(store, id, direction, max_depth))
