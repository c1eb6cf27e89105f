"""Paths between nodes and the dependencies of technologies."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from api.admission import Expensive
from api.caching import NOT_MODIFIED_RESPONSE
from api.deps import BudgetDep, StoreDep, capped, one_of, split_list
from api.errors import PROBLEM_RESPONSES
from api.models import DependenciesOut, PathsOut, dependencies_out, paths_out
from graph.schema import RELATIONSHIP_TYPES
from queries import paths
from queries.limits import LIMIT, MAX_DEPTH, MAX_HOPS_SHORTEST, MAX_HOPS_SIMPLE, OFFSET, PATH_LIMIT

router = APIRouter(prefix="/v1", tags=["paths"], responses={**PROBLEM_RESPONSES, **NOT_MODIFIED_RESPONSE})

Source = Annotated[str, Query(description="Id of the node to start from")]
Target = Annotated[str, Query(description="Id of the node to reach")]
Directed = Annotated[bool, Query(description="Follow relationships only in their direction")]
PathLimit = Annotated[int, capped(PATH_LIMIT, "At most this many paths")]


@router.get("/paths/shortest", response_model=PathsOut)
def shortest_paths(
    store: StoreDep,
    budget: BudgetDep,
    source: Source,
    target: Target,
    max_hops: Annotated[int, capped(MAX_HOPS_SHORTEST, "Longest path")] = MAX_HOPS_SHORTEST.default,
    types: Annotated[
        list[str] | None,
        one_of(
            RELATIONSHIP_TYPES, "Walk only these relationship types (repeat or comma-separate)", repeated=True
        ),
    ] = None,
    directed: Directed = False,
    limit: PathLimit = PATH_LIMIT.default,
) -> PathsOut:
    """All shortest paths, ties included; empty when none is within ``max_hops``."""
    found = paths.shortest_paths(store, source, target, max_hops, split_list(types), directed, limit, budget)
    return paths_out(found)


@router.get("/paths", response_model=PathsOut, dependencies=[Expensive])
def simple_paths(
    store: StoreDep,
    budget: BudgetDep,
    source: Source,
    target: Target,
    max_hops: Annotated[int, capped(MAX_HOPS_SIMPLE, "Longest path")] = MAX_HOPS_SIMPLE.default,
    directed: Directed = False,
    limit: PathLimit = PATH_LIMIT.default,
) -> PathsOut:
    """Paths without repeated nodes, shortest first."""
    return paths_out(paths.simple_paths(store, source, target, max_hops, directed, limit, budget))


@router.get("/technologies/{id}/dependencies", response_model=DependenciesOut)
def technology_dependencies(
    store: StoreDep,
    id: str,
    direction: Literal["upstream", "downstream"] = "upstream",
    max_depth: Annotated[int, capped(MAX_DEPTH, "Deepest level")] = MAX_DEPTH.default,
    limit: Annotated[int, capped(LIMIT, "Page size")] = LIMIT.default,
    offset: Annotated[int, capped(OFFSET, "Skip this many")] = OFFSET.default,
) -> DependenciesOut:
    """What a technology needs (upstream) or what needs it (downstream), over DEPENDS_ON, a page
    at a time (by depth, then id), with the total reached."""
    return dependencies_out(paths.dependencies(store, id, direction, max_depth, limit, offset))
