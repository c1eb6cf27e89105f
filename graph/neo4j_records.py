"""How nodes and relationships are stored as Neo4j properties, and read back.

A node is stored with two labels, its own and the shared ``graph.cypher.NODE_LABEL`` (labels are
not properties, so reading has nothing more to strip), and, as properties: ``id``, ``label``,
the names, its own properties, ``sources`` as a JSON string, and two search helpers
(``search_names``, ``search_text``, normalised by ``graph.text.normalize``). Neo4j cannot store
a null, so the keys of properties that are ``None`` are kept in ``null_properties``. A
relationship keeps its own properties, JSON ``sources`` and ``null_properties``. Reading strips
the helpers and gives back the very ``Node`` or ``Relationship`` that was loaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from graph.cypher import STATEMENTS, merge_nodes_name, merge_relationships_name
from graph.model import GraphData, Node, PropertyValue, Relationship, Source
from graph.text import search_names, search_text

__all__ = [
    "Row",
    "BATCH_SIZE",
    "plan_rows",
    "batches",
    "node_properties",
    "relationship_properties",
    "node_from",
    "relationship_from",
    "sources_json",
]

BATCH_SIZE = 1000
Row = dict[str, Any]

_NAME_KEYS = ("id", "label", "name_zh", "name_zh_hans", "name_en")
_HELPER_KEYS = ("sources", "search_names", "search_text", "null_properties")
_NODE_RESERVED = frozenset(_NAME_KEYS + _HELPER_KEYS)
_RELATIONSHIP_RESERVED = frozenset(("sources", "null_properties"))


def plan_rows(data: GraphData) -> list[tuple[str, list[Row]]]:
    """The load as (statement name, rows): nodes per label, then relationships per (type,
    source label, target label). ``ValueError`` for anything outside the schema."""
    labels: dict[str, str] = {}
    grouped: dict[str, list[Row]] = {}
    for node in data.nodes:
        if labels.setdefault(node.id, node.label) != node.label:
            raise ValueError(f"node {node.id} appears with two labels")
        name = merge_nodes_name(node.label)
        if name not in STATEMENTS:
            raise ValueError(f"node {node.id} has label {node.label!r}, outside the schema")
        grouped.setdefault(name, []).append({"id": node.id, "properties": node_properties(node)})
    for rel in data.relationships:
        if rel.source not in labels or rel.target not in labels:
            raise ValueError(f"relationship {rel.key} has an end that is not a node")
        name = merge_relationships_name(rel.type, labels[rel.source], labels[rel.target])
        if name not in STATEMENTS:
            ends = f"{labels[rel.source]} to {labels[rel.target]}"
            raise ValueError(f"relationship {rel.key} joins {ends}, outside the schema")
        grouped.setdefault(name, []).append(
            {
                "source": rel.source,
                "target": rel.target,
                "type": rel.type,
                "properties": relationship_properties(rel),
            }
        )
    return list(grouped.items())


def batches(groups: list[tuple[str, list[Row]]], size: int = BATCH_SIZE) -> list[tuple[str, list[Row]]]:
    """Each group cut into batches of at most ``size`` rows."""
    return [
        (name, rows[start : start + size]) for name, rows in groups for start in range(0, len(rows), size)
    ]


def _flat(properties: Mapping[str, PropertyValue], reserved: frozenset[str], owner: str) -> Row:
    clash = reserved.intersection(properties)
    if clash:
        raise ValueError(f"{owner} uses reserved property names {sorted(clash)}")
    flat: Row = {
        k: list(v) if isinstance(v, list | tuple) else v for k, v in properties.items() if v is not None
    }
    nulls = sorted(k for k, v in properties.items() if v is None)
    if nulls:
        flat["null_properties"] = nulls
    return flat


def sources_json(sources: Sequence[Source]) -> str:
    """``sources`` as the JSON string they are stored as: ``[{"quote", "start", "end"}, ...]``."""
    return json.dumps([source.as_dict() for source in sources], ensure_ascii=False)


def _sources_from_json(text: str) -> tuple[Source, ...]:
    return tuple(Source(str(s["quote"]), int(s["start"]), int(s["end"])) for s in json.loads(text))


def node_properties(node: Node) -> Row:
    return {
        **_flat(node.properties, _NODE_RESERVED, f"node {node.id}"),
        "id": node.id,
        "label": node.label,
        "name_zh": node.name_zh,
        "name_zh_hans": node.name_zh_hans,
        "name_en": node.name_en,
        "sources": sources_json(node.sources),
        "search_names": search_names(node),
        "search_text": search_text(node),
    }


def relationship_properties(rel: Relationship) -> Row:
    return {
        **_flat(rel.properties, _RELATIONSHIP_RESERVED, f"relationship {rel.key}"),
        "sources": sources_json(rel.sources),
    }


def _own_properties(stored: Mapping[str, Any], strip: Sequence[str]) -> dict[str, PropertyValue]:
    own: dict[str, PropertyValue] = {k: v for k, v in stored.items() if k not in strip}
    own.update((key, None) for key in stored.get("null_properties") or [])
    return own


def node_from(stored: Mapping[str, Any]) -> Node:
    return Node(
        id=stored["id"],
        label=stored["label"],
        name_zh=stored["name_zh"],
        name_zh_hans=stored["name_zh_hans"],
        name_en=stored["name_en"],
        properties=_own_properties(stored, _NAME_KEYS + _HELPER_KEYS),
        sources=_sources_from_json(stored.get("sources", "[]")),
    )


def relationship_from(row: Mapping[str, Any]) -> Relationship:
    stored = row["properties"]
    return Relationship(
        type=row["type"],
        source=row["source"],
        target=row["target"],
        properties=_own_properties(stored, _HELPER_KEYS),
        sources=_sources_from_json(stored.get("sources", "[]")),
    )
