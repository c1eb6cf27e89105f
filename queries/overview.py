"""What the graph holds: health counts and the schema with its counts."""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import LABELS, PROPERTY_DEFINITIONS, RELATIONSHIP_SPECS, RELATIONSHIP_TYPES, TRL_SCALE
from graph.store import GraphStore

__all__ = ["Health", "health", "schema"]


@dataclass(frozen=True)
class Health:
    backend: str
    nodes: int
    relationships: int


def health(store: GraphStore) -> Health:
    nodes, relationships = store.counts()
    return Health(store.backend, nodes, relationships)


def schema(store: GraphStore) -> dict[str, object]:
    """The closed schema, computed from ``graph.schema``, with how many of each the graph holds,
    the TRL scale, and what the curated properties (horizon, readiness, necessity, ...) mean."""
    labels, types = store.label_counts(), store.type_counts()
    return {
        "labels": [{"label": label, "count": labels.get(label, 0)} for label in LABELS],
        "relationship_types": [
            {
                "type": rel_type,
                "count": types.get(rel_type, 0),
                "ends": [
                    {"source": sorted(s.sources), "target": sorted(s.targets), "description": s.description}
                    for s in RELATIONSHIP_SPECS
                    if s.type == rel_type
                ],
            }
            for rel_type in RELATIONSHIP_TYPES
        ],
        "trl_scale": [{"level": level, "description": text} for level, text in TRL_SCALE.items()],
        "properties": [{"name": name, "definition": text} for name, text in PROPERTY_DEFINITIONS.items()],
    }
