"""What the graph holds: health counts and the schema with its counts."""

from __future__ import annotations

from dataclasses import dataclass

from graph.schema import LABELS, PROPERTY_DEFINITIONS, RELATIONSHIP_SPECS, RELATIONSHIP_TYPES, TRL_SCALE
from graph.store import GraphStore

__all__ = ["Health", "health", "schema"]


@dataclass(frozen=True)
class Health:
    """What the store holds now, and whether it is the graph this server expects: ``reason``
    says why not, and is None when it is."""

    backend: str
    nodes: int
    relationships: int
    version: str | None
    reason: str | None

    @property
    def ready(self) -> bool:
        return self.reason is None


def health(store: GraphStore, expected: str | None) -> Health:
    """The store's counts, checked against the graph version the server expects (``expected``,
    None to accept any non-empty graph).

    Raises
    ------
    BackendUnavailable : the database cannot be reached.
    """
    nodes, relationships = store.counts()
    if nodes == 0:
        return Health(store.backend, nodes, relationships, None, "the graph database holds no graph")
    version = store.version()
    reason = None
    if expected is not None and version != expected:
        reason = f"the database holds graph version {version}, not {expected}, the one this server serves"
    return Health(store.backend, nodes, relationships, version, reason)


def schema(store: GraphStore) -> dict[str, object]:
    """The closed schema, computed from ``graph.schema``, with how many of each the graph holds,
    the TRL scale, and what the curated properties (horizon, readiness, necessity, ...) mean."""
    labels, types = store.label_counts(), store.type_counts()
    return {
        "version": store.version(),
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
