"""Caps on every parameter that controls the size of an answer, and their defaults."""

from __future__ import annotations

from graph.schema import TRL_MAX
from queries.errors import InvalidParameter, LimitExceeded

__all__ = [
    "Cap",
    "LIMIT",
    "OFFSET",
    "MAX_HOPS_SHORTEST",
    "MAX_HOPS_SIMPLE",
    "MAX_DEPTH",
    "PATH_LIMIT",
    "QUERY_LENGTH",
    "TRL_2025",
    "TRL_2030",
    "PATH_WORK",
    "check_cap",
]


class Cap:
    def __init__(self, name: str, default: int, cap: int, minimum: int = 1) -> None:
        self.name, self.default, self.cap, self.minimum = name, default, cap, minimum


LIMIT = Cap("limit", 20, 200)
OFFSET = Cap("offset", 0, 100_000, minimum=0)
MAX_HOPS_SHORTEST = Cap("max_hops", 6, 8)
MAX_HOPS_SIMPLE = Cap("max_hops", 4, 6)
MAX_DEPTH = Cap("max_depth", 5, 10)
PATH_LIMIT = Cap("limit", 10, 100)
QUERY_LENGTH = Cap("q", 0, 200)
# Units of work (nodes expanded, paths built) one path request may spend by default. The costliest
# in-cap path query on the plan graph needs about 2,200 (measured over 3,000 random pairs, simple
# paths of 6 hops, limit 100); the embedded store does about 500,000 units a second.
PATH_WORK = 50_000
# Maturity thresholds of the unsupported-milestone gap check, on the IEA's 1–11 TRL scale.
TRL_2025 = Cap("trl_2025", 7, TRL_MAX)
TRL_2030 = Cap("trl_2030", 5, TRL_MAX)


def check_cap(cap: Cap, value: int | None) -> int:
    """The value, or the default; raises when it is below the minimum or above the cap."""
    if value is None:
        return cap.default
    if value < cap.minimum:
        raise InvalidParameter(cap.name, f"must be at least {cap.minimum}, got {value}")
    if value > cap.cap:
        raise LimitExceeded(cap.name, value, cap.cap)
    return value
