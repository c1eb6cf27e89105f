"""Planner analytics: gap checks, what-if impact, critical technologies and chains to targets.

Each computes over a projection of the graph (``GraphStore.subgraph``) in Python, so every
backend gives the same answer, order included.
"""

from queries.analytics.chains import Chain, Chains, milestone_chains
from queries.analytics.critical import METRICS, Metric, Ranked, critical
from queries.analytics.domain import NECESSITIES, Necessity, Readiness, necessity, readiness
from queries.analytics.findings import Finding, GapCheck, GapParameters
from queries.analytics.gaps import GAP_KINDS, UnknownGapKind, gap, gap_parameters, gaps
from queries.analytics.impact import Impact, Reached, ReachedPage, impact

__all__ = [
    "GAP_KINDS",
    "METRICS",
    "NECESSITIES",
    "Chain",
    "Chains",
    "Finding",
    "GapCheck",
    "GapParameters",
    "Impact",
    "Metric",
    "Necessity",
    "Ranked",
    "Readiness",
    "Reached",
    "ReachedPage",
    "UnknownGapKind",
    "critical",
    "gap",
    "gap_parameters",
    "gaps",
    "impact",
    "milestone_chains",
    "necessity",
    "readiness",
]
