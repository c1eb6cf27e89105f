"""The plan text with every cited span: which nodes and relationships rest on each passage.

The text itself is read by the caller (it lives with the seeds, which ``queries`` does not know);
this module only lays the graph's sources over it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.model import Node, Relationship, Source
from graph.store import GraphStore

__all__ = ["PlanSpan", "PlanReading", "plan_reading"]


@dataclass(frozen=True)
class PlanSpan:
    """One cited passage, ``text[start:end]``, and everything that cites exactly it: nodes first
    (by id), then relationships (by key)."""

    start: int
    end: int
    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]


@dataclass(frozen=True)
class PlanReading:
    text: str
    spans: tuple[PlanSpan, ...]
    ends: dict[str, Node]


def plan_reading(store: GraphStore, text: str) -> PlanReading:
    """Every passage of ``text`` that a node or relationship cites, ordered by (start, end).

    A source whose quote is not ``text`` at its offsets (a graph loaded from other seeds than the
    text given) is left out rather than shown at the wrong place. ``nodes`` holds every node a
    relationship of a span joins (``ends``), so that a reader can name both ends.

    >>> from graph.memory import MemoryStore
    >>> plan_reading(MemoryStore(), "text").spans
    ()
    """
    graph = store.export()
    nodes = {node.id: node for node in graph.nodes}
    by_span: dict[tuple[int, int], tuple[list[Node], list[Relationship]]] = defaultdict(lambda: ([], []))
    for node in graph.nodes:
        for source in _matching(node.sources, text):
            by_span[source.start, source.end][0].append(node)
    for rel in graph.relationships:
        for source in _matching(rel.sources, text):
            by_span[source.start, source.end][1].append(rel)
    spans = tuple(
        PlanSpan(start, end, tuple(cited_nodes), tuple(cited_rels))
        for (start, end), (cited_nodes, cited_rels) in sorted(by_span.items())
    )
    ends = {end_id for span in spans for rel in span.relationships for end_id in (rel.source, rel.target)}
    return PlanReading(text, spans, {node_id: nodes[node_id] for node_id in sorted(ends) if node_id in nodes})


def _matching(sources: tuple[Source, ...], text: str) -> list[Source]:
    seen: set[tuple[int, int]] = set()
    found = []
    for source in sources:
        key = (source.start, source.end)
        in_place = 0 <= source.start < source.end <= len(text)
        in_place = in_place and text[source.start : source.end] == source.quote
        if in_place and key not in seen:
            seen.add(key)
            found.append(source)
    return found
