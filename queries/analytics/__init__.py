"""Planner analytics: gap checks, what-if impact, critical technologies and chains to targets.

Each computes over a projection of the graph (``GraphStore.subgraph``) in Python, so every
backend gives the same answer, order included.
"""

from queries.analytics.chains import Chain, Chains, milestone_chains
from queries.analytics.critical import METRICS, Ranked, critical
from queries.analytics.findings import Finding, GapCheck, GapParameters
from queries.analytics.gaps import GAP_KINDS, UnknownGapKind, gap, gap_parameters, gaps
from queries.analytics.impact import Impact, Reached, impact

__all__ = [
    "GAP_KINDS",
    "METRICS",
    "Chain",
    "Chains",
    "Finding",
    "GapCheck",
    "GapParameters",
    "Impact",
    "Ranked",
    "Reached",
    "UnknownGapKind",
    "critical",
    "gap",
    "gap_parameters",
    "gaps",
    "impact",
    "milestone_chains",
]
