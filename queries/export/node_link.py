"""The graph as node-link JSON, the shape of networkx's ``node_link_data`` (and of d3).

``{directed, multigraph, graph, nodes: [...], links: [...]}``: a node is ``{id, label,
name_zh, name_zh_hans, name_en, <its properties>, sources}``, a link ``{source, target, key,
type, <its properties>, sources}`` with ``key`` the relationship type, as the embedded store
keys its ``MultiDiGraph``. ``sources`` stay a list of ``{quote, start, end}``; lists stay lists
and a ``None`` property is ``null``: nothing is lost. Read it back with
``networkx.node_link_graph(data, edges="links")``.
"""

from __future__ import annotations

import json
from typing import Any

from graph.model import GraphData, Node, Relationship
from queries.export.common import node_fields, ordered, relationship_fields

__all__ = ["export_json", "GRAPH_NAME"]

GRAPH_NAME = "carbon-roadmap-kg"


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def _sources(record: Node | Relationship) -> list[dict[str, object]]:
    return [source.as_dict() for source in record.sources]


def export_json(data: GraphData) -> bytes:
    """The whole graph as node-link JSON, UTF-8, nodes by id and links by key."""
    data = ordered(data)
    nodes = [
        {**{key: _plain(value) for key, value in node_fields(node)}, "sources": _sources(node)}
        for node in data.nodes
    ]
    links = [
        {
            "source": rel.source,
            "target": rel.target,
            "key": rel.type,
            "type": rel.type,
            **{key: _plain(value) for key, value in relationship_fields(rel)},
            "sources": _sources(rel),
        }
        for rel in data.relationships
    ]
    document = {
        "directed": True,
        "multigraph": True,
        "graph": {"name": GRAPH_NAME},
        "nodes": nodes,
        "links": links,
    }
    # allow_nan=False: NaN and Infinity are not JSON; refuse them rather than write them.
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")
