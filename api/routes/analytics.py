"""Planner analytics: gap checks, what-if impact, critical technologies, chains to milestones."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from api.admission import Expensive
from api.analytics_models import (
    ChainsOut,
    CriticalOut,
    GapCheckOut,
    GapsOut,
    ImpactOut,
    chains_out,
    critical_out,
    gap_check_out,
    gaps_out,
    impact_out,
)
from api.deps import StoreDep, capped, one_of
from api.errors import PROBLEM_RESPONSES, problem
from graph.schema import HORIZONS
from queries import analytics
from queries.analytics import GAP_KINDS, METRICS, UnknownGapKind
from queries.limits import LIMIT, TRL_2025, TRL_2030

router = APIRouter(prefix="/v1", tags=["analytics"], responses=PROBLEM_RESPONSES, dependencies=[Expensive])

HorizonMax = Annotated[
    int | None,
    Query(
        description="undemonstrated: the latest horizon counted as due, 2025, 2030 (default) or 2060",
        json_schema_extra={"enum": list(HORIZONS)},
    ),
]
IncludeReserve = Annotated[
    bool | None,
    Query(description="undemonstrated: also report the plan's 2060 research reserve (default true)"),
]
Trl2025 = Annotated[int, capped(TRL_2025, "unsupported_milestone: TRL a milestone up to 2025 needs")]
Trl2030 = Annotated[int, capped(TRL_2030, "unsupported_milestone: TRL a later milestone needs")]
Limit = Annotated[int, capped(LIMIT, "At most this many")]


@router.get("/gaps", response_model=GapsOut)
def gaps(
    store: StoreDep,
    horizon_max: HorizonMax = None,
    include_reserve: IncludeReserve = None,
    trl_2025: Trl2025 = TRL_2025.default,
    trl_2030: Trl2030 = TRL_2030.default,
) -> GapsOut:
    """Every gap check of the plan, each with its findings: what is missing, why, and the path or
    figures behind it."""
    params = analytics.gap_parameters(horizon_max, include_reserve, trl_2025, trl_2030)
    return gaps_out(analytics.gaps(store, params))


@router.get("/gaps/{kind}", response_model=GapCheckOut)
def gap(
    store: StoreDep,
    kind: Annotated[str, Path(description=f"One of {', '.join(GAP_KINDS)}")],
    horizon_max: HorizonMax = None,
    include_reserve: IncludeReserve = None,
    trl_2025: Trl2025 = TRL_2025.default,
    trl_2030: Trl2030 = TRL_2030.default,
) -> GapCheckOut | JSONResponse:
    """One gap check by its kind; an unknown kind is 404."""
    if kind not in GAP_KINDS:  # before the parameters: the resource comes first
        error = UnknownGapKind(kind)
        return problem(404, "gap-kind-not-found", "Gap check not found", str(error), error.parameter)
    params = analytics.gap_parameters(horizon_max, include_reserve, trl_2025, trl_2030)
    return gap_check_out(analytics.gap(store, kind, params))


@router.get("/impact/{id}", response_model=ImpactOut)
def impact(store: StoreDep, id: str) -> ImpactOut:
    """What is held up if this technology stalls: the technologies downstream of it, the
    demonstrations and milestones that hang on them, each with the chain that links them."""
    return impact_out(analytics.impact(store, id))


@router.get("/analytics/critical", response_model=CriticalOut)
def critical(
    store: StoreDep,
    metric: Annotated[str, one_of(METRICS, "How to rank")] = "dependents",
    limit: Limit = LIMIT.default,
) -> CriticalOut:
    """Technologies ranked by how much hangs on them (value descending, then id)."""
    return critical_out(metric, analytics.critical(store, metric, limit))


@router.get("/milestones/{id}/chains", response_model=ChainsOut)
def chains(store: StoreDep, id: str, limit: Limit = LIMIT.default) -> ChainsOut:
    """The technology chains that lead to a milestone, prerequisite first, weakest first."""
    return chains_out(analytics.milestone_chains(store, id, limit))
