"""Typed dependencies of the routes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from graph.store import GraphStore
from queries import paths
from queries.limits import Cap
from queries.path_search import WorkBudget

__all__ = ["StoreDep", "BudgetDep", "get_store", "split_list", "capped", "one_of"]


# The dependencies that do no I/O are coroutines: a plain function would cost each request a
# hand-off to the thread pool and back.
async def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


StoreDep = Annotated[GraphStore, Depends(get_store)]


async def path_budget(request: Request) -> WorkBudget:
    """A fresh work budget for one path request, of the size the settings give."""
    return paths.path_budget(request.app.state.path_work)


BudgetDep = Annotated[WorkBudget, Depends(path_budget)]


def split_list(values: list[str] | None) -> list[str] | None:
    """Repeated or comma-separated query values (``types=A&types=B`` or ``types=A,B``)."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def capped(cap: Cap, description: str) -> Any:
    """A query parameter bounded by its cap, so that the OpenAPI document states the minimum and
    the maximum (``queries.limits`` is the one source of both)."""
    return Query(
        ge=cap.minimum,
        le=cap.cap,
        description=f"{description} (default {cap.default}, at most {cap.cap})",
    )


def one_of(values: Sequence[str], description: str, *, repeated: bool = False) -> Any:
    """A query parameter whose values come from a closed set, stated in the OpenAPI document as
    an enum; the query checks it (so the set has one home, and the error names the parameter)."""
    enum: dict[str, Any] = {"type": "string", "enum": list(values)}
    return Query(description=description, json_schema_extra={"items": enum} if repeated else enum)
