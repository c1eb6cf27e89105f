"""Typed dependencies of the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import GraphStore

__all__ = ["StoreDep", "get_store", "split_list"]


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


StoreDep = Annotated[GraphStore, Depends(get_store)]


def split_list(values: list[str] | None) -> list[str] | None:
    """Repeated or comma-separated query values (``types=A&types=B`` or ``types=A,B``)."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
