"""Plain records that flow from the loaders into a store: nodes, relationships and their sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Scalar", "PropertyValue", "Source", "Node", "Relationship", "GraphData"]

Scalar = str | int | float | bool
# Flat values only, so that every property maps one-to-one onto a Neo4j property.
PropertyValue = Scalar | list[str] | list[int] | list[float] | None


@dataclass(frozen=True)
class Source:
    """An exact passage of the plan text: ``plan_text[start:end] == quote``."""

    quote: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"quote": self.quote, "start": self.start, "end": self.end}


class _Cited:
    """What nodes and relationships share: their ``basis`` among their properties."""

    properties: Mapping[str, PropertyValue]

    @property
    def basis(self) -> str:
        """``plan`` when the plan's text says it, ``curated`` when it is knowledge we added."""
        return str(self.properties.get("basis", ""))


@dataclass(frozen=True)
class Node(_Cited):
    """A node of the graph.

    ``properties`` holds everything beyond the names: aliases, descriptions, ``basis`` (``plan`` or
    ``curated``), ``rationale``, and the label's own fields (``trl``, ``year``, ...).
    """

    id: str
    label: str
    name_zh: str
    name_zh_hans: str
    name_en: str
    properties: Mapping[str, PropertyValue] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Relationship(_Cited):
    """A directed, typed relationship; ``(source, type, target)`` identifies it."""

    type: str
    source: str
    target: str
    properties: Mapping[str, PropertyValue] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


@dataclass(frozen=True)
class GraphData:
    """A whole, validated graph, ready to be written into a store."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]
