"""The response model of ``/v1/schema``: the closed schema, its counts, and what its terms mean."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["SchemaOut"]


class LabelCountOut(BaseModel):
    label: str
    count: int = Field(description="Nodes of this label in the graph")


class RelationshipEndsOut(BaseModel):
    source: list[str] = Field(description="Labels the relationship may start from")
    target: list[str] = Field(description="Labels it may end at, given those sources")
    description: str


class RelationshipTypeOut(BaseModel):
    type: str
    count: int = Field(description="Relationships of this type in the graph")
    ends: list[RelationshipEndsOut]


class TrlLevelOut(BaseModel):
    level: int
    description: str


class PropertyDefinitionOut(BaseModel):
    name: str
    definition: str


class SchemaOut(BaseModel):
    version: str = Field(description="The graph's version, as in /health and every ETag")
    labels: list[LabelCountOut]
    relationship_types: list[RelationshipTypeOut]
    trl_scale: list[TrlLevelOut] = Field(description="The technology readiness levels maturity is given on")
    properties: list[PropertyDefinitionOut] = Field(
        description="What the curated properties (horizon, readiness, necessity, ...) mean"
    )
