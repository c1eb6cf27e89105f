"""Health and schema."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import StoreDep
from api.errors import PROBLEM_RESPONSES
from api.models import HealthOut
from queries import overview

router = APIRouter(responses={503: PROBLEM_RESPONSES[503]})


@router.get("/health", response_model=HealthOut, tags=["meta"])
def health(store: StoreDep) -> HealthOut:
    """Which backend serves the graph, and how big the graph is."""
    found = overview.health(store)
    return HealthOut(status="ok", backend=found.backend, nodes=found.nodes, relationships=found.relationships)


@router.get("/v1/schema", tags=["meta"])
def schema(store: StoreDep) -> dict[str, Any]:
    """The closed schema (labels, relationship types and their allowed ends) with counts, and the
    TRL scale maturity is given on."""
    return overview.schema(store)
