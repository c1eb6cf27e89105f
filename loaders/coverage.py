"""Which elements of the plan text the graph covers, section by section."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Node, Source
from loaders.plan_text import PlanText, TextElement

__all__ = ["CoverageRow", "coverage"]

COVERABLE = ("item", "target", "demo_group")


@dataclass(frozen=True)
class CoverageRow:
    section: str  # plan, action.N or column.N
    key: str
    kind: str
    text: str
    nodes: tuple[str, ...]  # the nodes that cover it: the one that claims it, or those citing inside it

    @property
    def covered(self) -> bool:
        return bool(self.nodes)


def _inside(source: Source, element: TextElement) -> bool:
    return element.source.start <= source.start and source.end <= element.source.end


def coverage(plan: PlanText, nodes: Iterable[Node], claimed: dict[str, str]) -> list[CoverageRow]:
    """One row per item, target and demonstration group, in the order of the text.

    An element is covered by the node that claims it (``text:``); a demonstration group by the
    demonstration projects whose sources lie inside it."""
    demos = [node for node in nodes if node.label == "DemonstrationProject"]
    rows = []
    for element in sorted(plan.elements.values(), key=lambda e: e.source.start):
        if element.kind not in COVERABLE:
            continue
        if element.kind == "demo_group":
            covering = tuple(sorted(n.id for n in demos if any(_inside(s, element) for s in n.sources)))
        else:
            covering = (claimed[element.key],) if element.key in claimed else ()
        rows.append(CoverageRow(element.section, element.key, element.kind, element.name, covering))
    return rows
