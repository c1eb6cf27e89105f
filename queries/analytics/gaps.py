"""Gaps in the plan, as a planner would look for them: every check, or one by its kind."""

from __future__ import annotations

from graph.schema import HORIZONS
from graph.store import GraphStore
from queries.analytics.checks import CHECKS
from queries.analytics.domain import stall_projection
from queries.analytics.findings import CheckSpec, GapCheck, GapParameters
from queries.analytics.projection import Projection, load_projection
from queries.errors import InvalidParameter, NotFound
from queries.limits import TRL_2025, TRL_2030, check_cap

__all__ = ["GAP_KINDS", "UnknownGapKind", "gap_parameters", "gaps", "gap"]

GAP_KINDS: tuple[str, ...] = tuple(spec.kind for spec in CHECKS)


class UnknownGapKind(NotFound):
    """No gap check has this kind."""

    kind = "gap-kind-not-found"
    title = "Gap check not found"

    def __init__(self, gap_kind: str) -> None:
        self.gap_kind = gap_kind
        super().__init__("kind", f"no gap check {gap_kind!r}; one of {', '.join(GAP_KINDS)}")


def gap_parameters(
    horizon_max: int | None = None,
    include_reserve: bool | None = None,
    trl_2025: int | None = None,
    trl_2030: int | None = None,
    include_enabling: bool | None = None,
) -> GapParameters:
    """The checks' parameters, validated, with defaults for those not given.

    Parameters
    ----------
    horizon_max : the latest horizon ``undemonstrated`` counts as due: 2025, 2030 (default) or 2060.
    include_reserve : whether ``undemonstrated`` also reports the 2060 research reserve (default true).
    trl_2025 : the TRL a milestone up to 2025 needs from a contributing technology (1–11, default 7).
    trl_2030 : the same for later milestones (1–11, default 5).
    include_enabling : whether the checks of what stalls (timeline_conflict,
        unfunded_prerequisite) follow enabling dependencies too (default false: essential only).

    Returns
    -------
    GapParameters

    Raises
    ------
    InvalidParameter : ``horizon_max`` is not a horizon of the schema, or a TRL is below 1.
    LimitExceeded : a TRL is above 11.
    """
    defaults = GapParameters()
    if horizon_max is not None and horizon_max not in HORIZONS:
        raise InvalidParameter(
            "horizon_max", f"must be one of {', '.join(map(str, HORIZONS))}, got {horizon_max}"
        )
    return GapParameters(
        horizon_max=defaults.horizon_max if horizon_max is None else horizon_max,
        include_reserve=defaults.include_reserve if include_reserve is None else include_reserve,
        trl_2025=check_cap(TRL_2025, trl_2025),
        trl_2030=check_cap(TRL_2030, trl_2030),
        include_enabling=bool(include_enabling),
    )


def _run(spec: CheckSpec, projection: Projection, params: GapParameters) -> GapCheck:
    if "DEPENDS_ON" in spec.types:  # the checks of what stalls follow the necessities asked
        projection = stall_projection(projection, params.include_enabling)
    findings = tuple(spec.run(projection, params))
    return GapCheck(spec.kind, spec.description, params.only(spec.parameters), findings)


def gaps(store: GraphStore, params: GapParameters | None = None) -> list[GapCheck]:
    """Every gap check, in the order of ``GAP_KINDS``, over one projection of the graph.

    Parameters
    ----------
    store : the backend.
    params : the checks' parameters (``gap_parameters()`` validates them); defaults if omitted.

    Returns
    -------
    list[GapCheck] : one per kind, each with its findings in the check's own fixed order.

    Examples
    --------
    >>> from graph.memory import MemoryStore
    >>> from loaders import load_seeds
    >>> store = MemoryStore(); store.replace_all(load_seeds())
    >>> [check.kind for check in gaps(store)][:2]
    ['undemonstrated', 'unsupported_milestone']
    """
    params = params or GapParameters()
    types = {t for spec in CHECKS for t in spec.types}
    projection = load_projection(store, types)
    return [_run(spec, projection, params) for spec in CHECKS]


def gap(store: GraphStore, kind: str, params: GapParameters | None = None) -> GapCheck:
    """One gap check by its kind.

    Parameters
    ----------
    store : the backend.
    kind : one of ``GAP_KINDS``.
    params : the checks' parameters; defaults if omitted.

    Returns
    -------
    GapCheck

    Raises
    ------
    UnknownGapKind : no check has this kind.
    """
    spec = next((s for s in CHECKS if s.kind == kind), None)
    if spec is None:
        raise UnknownGapKind(kind)
    return _run(spec, load_projection(store, spec.types), params or GapParameters())
