"""The review sheet: every curated claim of the graph with its rationale, for a domain expert to
mark up (``ckg report review``).

The claims are what the plan's text does not say and the seeds add: each technology's maturity
(TRL, its year and basis), horizon, readiness and carbon class, and every relationship whose
``basis`` is ``curated``, each with the rationale the seeds give for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Node, Relationship
from graph.schema import RELATIONSHIP_TYPES
from graph.store import GraphStore
from queries.analytics.domain import Readiness, int_property, necessity, readiness

__all__ = ["TechnologyClaims", "RelationshipClaim", "ReviewSheet", "review_sheet"]


def _text(node_or_rel: Node | Relationship, key: str) -> str | None:
    value = node_or_rel.properties.get(key)
    return None if value is None else str(value)


@dataclass(frozen=True)
class TechnologyClaims:
    """A technology and the claims curated about it.

    ``readiness_rationale`` is the seeds' ``readiness_rationale``, given where the readiness
    year is curated rather than read from the TRL or the horizon; ``rationale`` is the node's
    own (the seeds give the horizon's reasons there).
    """

    node: Node
    trl: int | None
    trl_year: int | None
    trl_basis: str | None
    horizon: int | None
    readiness: Readiness | None
    readiness_rationale: str | None
    carbon_class: str | None
    rationale: str | None

    @classmethod
    def of(cls, node: Node) -> TechnologyClaims:
        ready = readiness(node)
        return cls(
            node=node,
            trl=int_property(node, "trl"),
            trl_year=int_property(node, "trl_year"),
            trl_basis=_text(node, "trl_basis"),
            horizon=int_property(node, "horizon"),
            readiness=ready,
            readiness_rationale=_text(node, "readiness_rationale")
            if ready and ready.basis == "curated"
            else None,
            carbon_class=_text(node, "carbon_class"),
            rationale=_text(node, "rationale"),
        )


@dataclass(frozen=True)
class RelationshipClaim:
    """A curated relationship, its two ends, its rationale and, for ``DEPENDS_ON``, its
    necessity (as the analytics read it: ``essential`` when the seeds give none)."""

    relationship: Relationship
    source: Node
    target: Node
    necessity: str | None
    rationale: str | None


@dataclass(frozen=True)
class ReviewSheet:
    """Technologies ordered by id; curated relationships ordered by (type, source, target)."""

    technologies: tuple[TechnologyClaims, ...]
    relationships: tuple[RelationshipClaim, ...]


def review_sheet(store: GraphStore) -> ReviewSheet:
    """Every curated claim of the graph, with its rationale.

    Parameters
    ----------
    store : the backend.

    Returns
    -------
    ReviewSheet : the claims of every Technology, and every relationship whose ``basis`` is
        ``curated``.
    """
    data = store.subgraph(list(RELATIONSHIP_TYPES))
    nodes = {node.id: node for node in data.nodes}
    technologies = [TechnologyClaims.of(node) for node in sorted(data.nodes, key=lambda n: n.id)
                    if node.label == "Technology"]  # fmt: skip
    curated = sorted(
        (rel for rel in data.relationships if rel.basis == "curated"),
        key=lambda rel: (rel.type, rel.source, rel.target),
    )
    relationships = [
        RelationshipClaim(
            relationship=rel,
            source=nodes[rel.source],
            target=nodes[rel.target],
            necessity=necessity(rel) if rel.type == "DEPENDS_ON" else None,
            rationale=_text(rel, "rationale"),
        )
        for rel in curated
    ]
    return ReviewSheet(tuple(technologies), tuple(relationships))
