"""The path engine over a store, with a budget no test graph reaches, so that tests compare
answers; the budget itself is tested in test_path_search.py."""

from __future__ import annotations

from graph.store import GraphStore, Path
from queries import path_search

UNBOUNDED = 10**9


def shortest(
    store: GraphStore,
    source: str,
    target: str,
    max_hops: int,
    types: list[str] | None,
    directed: bool,
    limit: int,
) -> list[Path]:
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    return path_search.shortest_paths(store, source, target, max_hops, types, directed, limit, budget)


def simple(
    store: GraphStore, source: str, target: str, max_hops: int, directed: bool, limit: int
) -> list[Path]:
    budget = path_search.WorkBudget(UNBOUNDED, "max_hops")
    return path_search.simple_paths(store, source, target, max_hops, directed, limit, budget)
