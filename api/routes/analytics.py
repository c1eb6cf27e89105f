"""Planner analytics: gap checks, what-if impact, critical technologies, chains to milestones.

Every closed set (metrics, gap kinds, horizons) and every cap (limits, offsets, TRL thresholds)
is stated in the OpenAPI document, read from where the queries define it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

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
from api.caching import NOT_MODIFIED_RESPONSE
from api.deps import StoreDep, capped, one_of
from api.errors import PROBLEM_RESPONSES
from graph.schema import HORIZONS
from queries import analytics
from queries.analytics import GAP_KINDS, METRICS, GapParameters, UnknownGapKind
from queries.limits import LIMIT, OFFSET, TRL_2025, TRL_2030

router = APIRouter(
    prefix="/v1",
    tags=["analytics"],
    responses={**PROBLEM_RESPONSES, **NOT_MODIFIED_RESPONSE},
    dependencies=[Expensive],
)
DEFAULTS = GapParameters()

HorizonMax = Annotated[
    int,
    Query(
        description="undemonstrated: the latest readiness counted as due, one of the plan's horizons",
        json_schema_extra={"enum": list(HORIZONS)},
    ),
]
IncludeReserve = Annotated[
    bool, Query(description="undemonstrated: also report the plan's 2060 research reserve")
]
Trl2025 = Annotated[int, capped(TRL_2025, "unsupported_milestone: TRL a milestone up to 2025 needs")]
Trl2030 = Annotated[int, capped(TRL_2030, "unsupported_milestone: TRL a later milestone needs")]
IncludeEnabling = Annotated[
    bool,
    Query(
        description="Follow enabling dependencies too (the prerequisite makes the dependant cheaper, better "
        "or scalable); by default only essential ones (it cannot work without it)"
    ),
]
Limit = Annotated[int, capped(LIMIT, "At most this many")]
Offset = Annotated[int, capped(OFFSET, "Skip this many")]


async def _gap_parameters(
    horizon_max: HorizonMax = DEFAULTS.horizon_max,
    include_reserve: IncludeReserve = DEFAULTS.include_reserve,
    trl_2025: Trl2025 = DEFAULTS.trl_2025,
    trl_2030: Trl2030 = DEFAULTS.trl_2030,
    include_enabling: IncludeEnabling = DEFAULTS.include_enabling,
) -> Callable[[], GapParameters]:
    # Checked when called, in the route, so that an unknown gap kind is 404 whatever the knobs.
    return partial(
        analytics.gap_parameters, horizon_max, include_reserve, trl_2025, trl_2030, include_enabling
    )


GapParametersDep = Annotated[Callable[[], GapParameters], Depends(_gap_parameters)]


@router.get("/gaps", response_model=GapsOut)
def gap_report(store: StoreDep, params: GapParametersDep) -> GapsOut:
    """Every gap check of the plan, each with its findings: what is missing, why, and the path or
    figures behind it."""
    return gaps_out(analytics.gaps(store, params()))


@router.get("/gaps/{kind}", response_model=GapCheckOut)
def gap_check(
    store: StoreDep,
    kind: Annotated[
        str, Path(description="The gap check's kind", json_schema_extra={"enum": list(GAP_KINDS)})
    ],
    params: GapParametersDep,
) -> GapCheckOut:
    """One gap check by its kind; an unknown kind is 404."""
    if kind not in GAP_KINDS:
        raise UnknownGapKind(kind)
    return gap_check_out(analytics.gap(store, kind, params()))


@router.get("/impact/{id}", response_model=ImpactOut)
def stall_impact(
    store: StoreDep,
    id: str,
    include_enabling: IncludeEnabling = False,
    limit: Limit = LIMIT.default,
    offset: Offset = OFFSET.default,
) -> ImpactOut:
    """What is held up if this technology stalls: the technologies that depend on it, the
    demonstrations of it or of them, and the milestones these contribute to, each with the chain
    that links them. Each group is a page (``limit``, ``offset``) with its ``total``."""
    return impact_out(analytics.impact(store, id, include_enabling, limit, offset))


@router.get("/analytics/critical", response_model=CriticalOut)
def critical_technologies(
    store: StoreDep,
    metric: Annotated[str, one_of(METRICS, "What to rank by")] = "dependents",
    limit: Limit = LIMIT.default,
    include_enabling: IncludeEnabling = False,
) -> CriticalOut:
    """Technologies ranked by how much hangs on them (value descending, then id)."""
    ranked = analytics.critical(store, metric, limit, include_enabling)
    return critical_out(metric, ranked, include_enabling)


@router.get("/milestones/{id}/chains", response_model=ChainsOut)
def milestone_chains(
    store: StoreDep, id: str, limit: Limit = LIMIT.default, include_enabling: IncludeEnabling = False
) -> ChainsOut:
    """The technology chains that lead to a milestone, prerequisite first, weakest first."""
    return chains_out(analytics.milestone_chains(store, id, limit, include_enabling))
