"""Response models of the planner analytics (gaps, impact, critical technologies, chains), and
the conversions from ``queries.analytics``'s dataclasses, shared by the routes and the CLI."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.models import NodeOut, PathNodeOut, PathRelationshipOut, SourceOut, node_out
from graph.model import Node
from graph.store import Path
from queries.analytics import (
    Chains,
    Finding,
    GapCheck,
    Impact,
    Necessity,
    Ranked,
    ReachedPage,
    necessity,
)

__all__ = [
    "StallRelationshipOut",
    "StallPathOut",
    "FindingOut",
    "GapCheckOut",
    "GapsOut",
    "ImpactItemOut",
    "ImpactGroupOut",
    "ImpactOut",
    "CriticalItemOut",
    "CriticalOut",
    "WeakestOut",
    "ChainOut",
    "ChainsOut",
    "gap_check_out",
    "gaps_out",
    "impact_out",
    "critical_out",
    "chains_out",
    "path_node_out",
    "stall_path_out",
]

Figure = int | float | bool | str | None


class StallRelationshipOut(PathRelationshipOut):
    necessity: Necessity | None = Field(
        description="DEPENDS_ON only: essential (the dependant cannot work without the prerequisite) "
        "or enabling (it makes it cheaper, better or scalable); null for other types"
    )


class StallPathOut(BaseModel):
    """The design's Path, whose DEPENDS_ON relationships say how necessary each dependency is."""

    length: int
    nodes: list[PathNodeOut]
    relationships: list[StallRelationshipOut]


class FindingOut(BaseModel):
    nodes: list[PathNodeOut] = Field(description="The nodes involved; the first is the main one")
    explanation: str = Field(description="Why this is a gap, in one sentence")
    path: StallPathOut | None = Field(description="The path behind the finding, where one applies")
    figures: dict[str, Figure] = Field(description="The numbers behind the finding")
    sources: list[SourceOut] = Field(description="The main node's passages of the plan")


class GapCheckOut(BaseModel):
    kind: str
    description: str
    parameters: dict[str, int | bool] = Field(description="The parameters the check ran with")
    count: int
    items: list[FindingOut]


class GapsOut(BaseModel):
    checks: list[GapCheckOut]


class ImpactItemOut(BaseModel):
    node: NodeOut
    depth: int = Field(description="Length of the chain from the stalled technology")
    chain: StallPathOut = Field(description="The shortest chain from the stalled technology outward")


class ImpactGroupOut(BaseModel):
    items: list[ImpactItemOut] = Field(description="A page of the group, by (depth, id)")
    total: int = Field(description="How many the stall reaches in this group")
    limit: int
    offset: int


class ImpactOut(BaseModel):
    root: NodeOut
    include_enabling: bool = Field(description="Whether enabling dependencies were followed too")
    technologies: ImpactGroupOut
    demonstrations: ImpactGroupOut
    milestones: ImpactGroupOut
    counts: dict[str, int] = Field(description="How many of each label are held up (the groups' totals)")


class CriticalItemOut(BaseModel):
    node: NodeOut
    value: int | float


class CriticalOut(BaseModel):
    metric: str
    include_enabling: bool = Field(description="Whether enabling dependencies were followed too")
    items: list[CriticalItemOut]


class WeakestOut(BaseModel):
    id: str
    trl: int | None


class ChainOut(BaseModel):
    path: StallPathOut = Field(description="Prerequisite first, through the contributor, to the milestone")
    weakest: WeakestOut | None = Field(description="The least mature technology of the chain")


class ChainsOut(BaseModel):
    milestone: NodeOut
    total: int = Field(description="How many chains lead to the milestone")
    limit: int
    include_enabling: bool = Field(description="Whether enabling dependencies were followed too")
    chains: list[ChainOut]


def path_node_out(node: Node) -> PathNodeOut:
    return PathNodeOut(id=node.id, label=node.label, name_zh=node.name_zh, name_en=node.name_en)


def stall_path_out(path: Path) -> StallPathOut:
    """A path as the design's Path JSON, each DEPENDS_ON relationship with its necessity."""
    return StallPathOut(
        length=path.length,
        nodes=[path_node_out(n) for n in path.nodes],
        relationships=[
            StallRelationshipOut(
                type=r.type,
                source=r.source,
                target=r.target,
                necessity=necessity(r) if r.type == "DEPENDS_ON" else None,
            )
            for r in path.relationships
        ],
    )


def _finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        nodes=[path_node_out(n) for n in finding.nodes],
        explanation=finding.explanation,
        path=stall_path_out(finding.path) if finding.path is not None else None,
        figures=dict(finding.figures),
        sources=[SourceOut(quote=s.quote, start=s.start, end=s.end) for s in finding.sources],
    )


def gap_check_out(check: GapCheck) -> GapCheckOut:
    return GapCheckOut(
        kind=check.kind,
        description=check.description,
        parameters=dict(check.parameters),
        count=check.count,
        items=[_finding_out(f) for f in check.findings],
    )


def gaps_out(checks: list[GapCheck]) -> GapsOut:
    return GapsOut(checks=[gap_check_out(c) for c in checks])


def _group_out(page: ReachedPage) -> ImpactGroupOut:
    return ImpactGroupOut(
        items=[
            ImpactItemOut(node=node_out(r.node), depth=r.depth, chain=stall_path_out(r.chain))
            for r in page.items
        ],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
    )


def impact_out(found: Impact) -> ImpactOut:
    return ImpactOut(
        root=node_out(found.root),
        include_enabling=found.include_enabling,
        technologies=_group_out(found.technologies),
        demonstrations=_group_out(found.demonstrations),
        milestones=_group_out(found.milestones),
        counts=found.counts,
    )


def critical_out(metric: str, ranked: list[Ranked], include_enabling: bool) -> CriticalOut:
    return CriticalOut(
        metric=metric,
        include_enabling=include_enabling,
        items=[CriticalItemOut(node=node_out(r.node), value=r.value) for r in ranked],
    )


def chains_out(found: Chains) -> ChainsOut:
    return ChainsOut(
        milestone=node_out(found.milestone),
        total=found.total,
        limit=found.limit,
        include_enabling=found.include_enabling,
        chains=[
            ChainOut(
                path=stall_path_out(c.path),
                weakest=WeakestOut(id=c.weakest.id, trl=c.weakest_trl) if c.weakest is not None else None,
            )
            for c in found.chains
        ],
    )
