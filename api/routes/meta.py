"""Health and schema."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.caching import NOT_MODIFIED_RESPONSE
from api.deps import StoreDep
from api.errors import PROBLEM_RESPONSES, NotReady
from api.models import HealthOut, LiveOut
from api.schema_models import SchemaOut
from queries import overview

router = APIRouter(responses={503: PROBLEM_RESPONSES[503]})


def _health(store: StoreDep, request: Request) -> overview.Health:
    return overview.health(store, getattr(request.app.state, "expected_version", None))


def _out(found: overview.Health) -> HealthOut:
    return HealthOut(
        status="ok" if found.ready else "degraded",
        backend=found.backend,
        nodes=found.nodes,
        relationships=found.relationships,
        version=found.version,
        reason=found.reason,
    )


@router.get("/health", response_model=HealthOut, tags=["meta"])
def get_health(store: StoreDep, request: Request) -> HealthOut:
    """Which backend serves the graph, how big it is, and its version; ``degraded`` (with the
    reason) when the database holds no graph or not the one this server started with. 503 when
    the database cannot be reached."""
    return _out(_health(store, request))


@router.get("/health/live", response_model=LiveOut, tags=["meta"])
async def get_liveness() -> LiveOut:
    """The process answers (a liveness probe: it asks nothing of the database)."""
    return LiveOut(status="alive")


@router.get("/health/ready", response_model=HealthOut, tags=["meta"])
def get_readiness(store: StoreDep, request: Request) -> HealthOut:
    """The database answers and holds the graph this server serves (a readiness probe); 503 with
    the reason otherwise."""
    found = _health(store, request)
    if not found.ready:
        raise NotReady(found.reason or "not ready")
    return _out(found)


@router.get("/v1/schema", response_model=SchemaOut, tags=["meta"], responses=NOT_MODIFIED_RESPONSE)
def get_schema(store: StoreDep) -> SchemaOut:
    """The closed schema (labels, relationship types and their allowed ends) with counts, and the
    TRL scale maturity is given on."""
    return SchemaOut.model_validate(overview.schema(store))
