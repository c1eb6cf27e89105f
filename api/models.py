"""Response models: the stable JSON of the v1 contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.model import Node, Relationship, Source
from graph.store import Path, SearchHit
from queries.paths import Dependencies

__all__ = [
    "SourceOut",
    "NodeOut",
    "RelationshipOut",
    "NodePageOut",
    "NeighborOut",
    "NeighborsOut",
    "SearchHitOut",
    "SearchOut",
    "PathNodeOut",
    "PathRelationshipOut",
    "PathOut",
    "PathsOut",
    "DependencyOut",
    "DependenciesOut",
    "HealthOut",
    "LiveOut",
    "Problem",
    "node_out",
    "relationship_out",
    "path_out",
    "paths_out",
    "search_out",
    "dependencies_out",
]


class SourceOut(BaseModel):
    quote: str = Field(description="The exact passage of the plan text")
    start: int = Field(description="Character offset of the quote in the plan text (Python str index)")
    end: int


class NodeOut(BaseModel):
    id: str
    label: str
    name_zh: str = Field(description="As the plan writes it (Traditional Chinese)")
    name_zh_hans: str
    name_en: str
    properties: dict[str, Any] = Field(
        description="aliases, descriptions, basis, rationale, and the label's own fields"
    )
    sources: list[SourceOut]


class RelationshipOut(BaseModel):
    type: str
    source: str
    target: str
    properties: dict[str, Any]
    sources: list[SourceOut]


class NodePageOut(BaseModel):
    items: list[NodeOut]
    total: int
    limit: int
    offset: int


class NeighborOut(BaseModel):
    relationship: RelationshipOut
    node: NodeOut


class NeighborsOut(BaseModel):
    items: list[NeighborOut]


class SearchHitOut(BaseModel):
    node: NodeOut
    score: int = Field(
        description="100 exact name or alias, 80 prefix, 60 inside a name, 20 description only"
    )


class SearchOut(BaseModel):
    items: list[SearchHitOut]


class PathNodeOut(BaseModel):
    id: str
    label: str
    name_zh: str
    name_en: str


class PathRelationshipOut(BaseModel):
    type: str
    source: str
    target: str


class PathOut(BaseModel):
    length: int
    nodes: list[PathNodeOut]
    relationships: list[PathRelationshipOut]


class PathsOut(BaseModel):
    paths: list[PathOut]


class DependencyOut(BaseModel):
    node: NodeOut
    depth: int


class DependenciesOut(BaseModel):
    root: NodeOut
    direction: str
    items: list[DependencyOut]
    total: int
    limit: int
    offset: int


class HealthOut(BaseModel):
    status: Literal["ok", "degraded"] = Field(description="degraded when the graph is not the one served")
    backend: str
    nodes: int
    relationships: int
    version: str | None = Field(description="Content hash of the graph the store holds (none when empty)")
    reason: str | None = Field(default=None, description="Why the status is degraded")


class LiveOut(BaseModel):
    status: Literal["alive"]


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    parameter: str | None = Field(default=None, description="The request parameter at fault, if one is")
    request_id: str | None = Field(
        default=None, description="The id of this request in the server's log (also the X-Request-ID header)"
    )


def _sources(sources: tuple[Source, ...]) -> list[SourceOut]:
    return [SourceOut(quote=s.quote, start=s.start, end=s.end) for s in sources]


def node_out(node: Node) -> NodeOut:
    return NodeOut(
        id=node.id,
        label=node.label,
        name_zh=node.name_zh,
        name_zh_hans=node.name_zh_hans,
        name_en=node.name_en,
        properties=dict(node.properties),
        sources=_sources(node.sources),
    )


def relationship_out(rel: Relationship) -> RelationshipOut:
    return RelationshipOut(
        type=rel.type,
        source=rel.source,
        target=rel.target,
        properties=dict(rel.properties),
        sources=_sources(rel.sources),
    )


def path_out(path: Path) -> PathOut:
    return PathOut(
        length=path.length,
        nodes=[PathNodeOut(id=n.id, label=n.label, name_zh=n.name_zh, name_en=n.name_en) for n in path.nodes],
        relationships=[
            PathRelationshipOut(type=r.type, source=r.source, target=r.target) for r in path.relationships
        ],
    )


def paths_out(found: list[Path]) -> PathsOut:
    return PathsOut(paths=[path_out(p) for p in found])


def search_out(hits: list[SearchHit]) -> SearchOut:
    return SearchOut(items=[SearchHitOut(node=node_out(h.node), score=h.score) for h in hits])


def dependencies_out(found: Dependencies) -> DependenciesOut:
    return DependenciesOut(
        root=node_out(found.root),
        direction=found.direction,
        items=[DependencyOut(node=node_out(d.node), depth=d.depth) for d in found.items],
        total=found.total,
        limit=found.limit,
        offset=found.offset,
    )
