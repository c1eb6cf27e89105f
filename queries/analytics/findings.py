"""What a gap check reports: its findings, the parameters it ran with, and the check itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.model import Node, Source
from graph.store import Path
from queries.analytics.projection import Projection
from queries.limits import TRL_2025, TRL_2030

__all__ = [
    "FigureValue",
    "Finding",
    "GapParameters",
    "GapCheck",
    "CheckSpec",
    "finding",
    "named",
    "listing",
    "plural",
]

FigureValue = int | float | bool | str | None


@dataclass(frozen=True)
class GapParameters:
    """The knobs of the gap checks, with their defaults.

    ``horizon_max`` and ``include_reserve`` scope ``undemonstrated``: technologies whose
    readiness is at most ``horizon_max``, plus (when ``include_reserve``) the plan's 2060
    research reserve (readiness 2060 or later). ``trl_2025`` and ``trl_2030`` are the maturity
    a milestone of that year needs from at least one contributing technology
    (``unsupported_milestone``). ``include_enabling`` widens the checks of what stalls
    (``timeline_conflict``, ``unfunded_prerequisite``) from essential dependencies to enabling
    ones too.
    """

    horizon_max: int = 2030
    include_reserve: bool = True
    trl_2025: int = TRL_2025.default
    trl_2030: int = TRL_2030.default
    include_enabling: bool = False

    def only(self, names: Sequence[str]) -> dict[str, int | bool]:
        """The named parameters and their values, in the order named."""
        values: dict[str, int | bool] = {
            "horizon_max": self.horizon_max,
            "include_reserve": self.include_reserve,
            "trl_2025": self.trl_2025,
            "trl_2030": self.trl_2030,
            "include_enabling": self.include_enabling,
        }
        return {name: values[name] for name in names}


@dataclass(frozen=True)
class Finding:
    """One gap: the nodes involved (``nodes[0]`` is the main one), one English sentence saying
    why it is a gap, the path or figures behind it, and the main node's sources."""

    nodes: tuple[Node, ...]
    explanation: str
    path: Path | None = None
    figures: Mapping[str, FigureValue] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class GapCheck:
    """One check run over the graph: what it looks for, with which parameters, and what it found."""

    kind: str
    description: str
    parameters: Mapping[str, int | bool]
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)


@dataclass(frozen=True)
class CheckSpec:
    """A gap check: its name, what it looks for, the relationship types it needs projected,
    the parameters it reads, and the function that runs it.

    ``run(projection, params)`` gets a projection over at least ``types`` (its ``DEPENDS_ON``
    already narrowed to the necessities ``params`` asks for) and all the checks' parameters, of
    which it reads those named in ``parameters``; it returns the findings in its own fixed order.
    """

    kind: str
    description: str
    types: tuple[str, ...]
    parameters: tuple[str, ...]
    run: Callable[[Projection, GapParameters], list[Finding]]


def finding(
    nodes: Sequence[Node],
    explanation: str,
    path: Path | None = None,
    figures: Mapping[str, FigureValue] | None = None,
) -> Finding:
    """A finding whose sources are its main (first) node's."""
    return Finding(tuple(nodes), explanation, path, dict(figures or {}), nodes[0].sources)


def named(node: Node) -> str:
    """A node as a sentence names it: English name and id."""
    return f"{node.name_en} ({node.id})"


def listing(nodes: Sequence[Node], most: int = 3) -> str:
    """Up to ``most`` nodes named in a sentence, then how many more."""
    names = [named(n) for n in nodes[:most]]
    rest = len(nodes) - len(names)
    if rest:
        return ", ".join(names) + f" and {rest} more"
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else "nothing"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
