"""The graph version: a content hash of a whole graph, the same for the same graph on any store."""

from __future__ import annotations

import hashlib
import json

from graph.model import GraphData, Node, Relationship

__all__ = ["graph_version"]


def _node(node: Node) -> list[object]:
    return [
        node.id,
        node.label,
        node.name_zh,
        node.name_zh_hans,
        node.name_en,
        dict(node.properties),
        [s.as_dict() for s in node.sources],
    ]


def _relationship(rel: Relationship) -> list[object]:
    return [rel.source, rel.type, rel.target, dict(rel.properties), [s.as_dict() for s in rel.sources]]


def graph_version(data: GraphData) -> str:
    """16 hex digits of the SHA-256 of the graph in a canonical form (nodes by id, relationships
    by key, keys sorted): a reload of the same seeds keeps it, any change of content changes it."""
    canonical = {
        "nodes": [_node(n) for n in sorted(data.nodes, key=lambda n: n.id)],
        "relationships": [_relationship(r) for r in sorted(data.relationships, key=lambda r: r.key)],
    }
    text = json.dumps(canonical, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
