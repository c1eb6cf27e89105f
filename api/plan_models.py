"""Response model of the plan text with its cited spans."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.analytics_models import path_node_out
from api.models import PathNodeOut
from queries.plan_text import PlanReading, PlanSpan

__all__ = ["CiteOut", "PlanSpanOut", "PlanTextOut", "plan_text_out"]


class CiteOut(BaseModel):
    kind: Literal["node", "relationship"]
    node: PathNodeOut | None = Field(default=None, description="The citing node (kind node)")
    type: str | None = Field(default=None, description="The relationship's type (kind relationship)")
    source: PathNodeOut | None = Field(default=None, description="The relationship's source node")
    target: PathNodeOut | None = Field(default=None, description="The relationship's target node")
    basis: str = Field(description="plan or curated")


class PlanSpanOut(BaseModel):
    start: int = Field(description="Offset of the passage in text (Python str index)")
    end: int
    cites: list[CiteOut] = Field(description="What cites exactly this passage: nodes, then relationships")


class PlanTextOut(BaseModel):
    text: str = Field(description="The plan text, as received")
    spans: list[PlanSpanOut] = Field(description="Every cited passage, ordered by start then end")


def _span_out(span: PlanSpan, reading: PlanReading) -> PlanSpanOut:
    cites = [CiteOut(kind="node", node=path_node_out(n), basis=n.basis) for n in span.nodes]
    cites += [
        CiteOut(
            kind="relationship",
            type=r.type,
            source=path_node_out(reading.ends[r.source]),
            target=path_node_out(reading.ends[r.target]),
            basis=r.basis,
        )
        for r in span.relationships
    ]
    return PlanSpanOut(start=span.start, end=span.end, cites=cites)


def plan_text_out(reading: PlanReading) -> PlanTextOut:
    return PlanTextOut(text=reading.text, spans=[_span_out(s, reading) for s in reading.spans])
