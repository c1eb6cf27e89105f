"""How nodes and relationships are stored as Neo4j properties, and read back.

A node is stored with its label and, as properties: ``id``, ``label``, the names, its own
properties, ``sources`` as a JSON string, and two search helpers (``search_names``,
``search_text``, normalised by ``graph.text.normalize``). Neo4j cannot store a null, so the keys
of properties that are ``None`` are kept in ``null_properties``. A relationship keeps its own
properties, JSON ``sources`` and ``null_properties``. Reading strips the helpers and gives back
the very ``Node`` or ``Relationship`` that was loaded.

The shortest-path search's bookkeeping lives here too: the breadth-first search from both
ends over the rows of ``path_step_*`` statements (``shortest_steps``), and the paths through
the layers it found (``shortest_walks``), so that ``Neo4jStore`` only runs statements.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise, product
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
    "BreadthFirst",
    "shortest_steps",
    "shortest_walks",
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


def _sources_json(sources: Sequence[Source]) -> str:
    return json.dumps([source.as_dict() for source in sources], ensure_ascii=False)


def node_properties(node: Node) -> Row:
    return {
        **_flat(node.properties, _NODE_RESERVED, f"node {node.id}"),
        "id": node.id,
        "label": node.label,
        "name_zh": node.name_zh,
        "name_zh_hans": node.name_zh_hans,
        "name_en": node.name_en,
        "sources": _sources_json(node.sources),
        "search_names": search_names(node),
        "search_text": search_text(node),
    }


def relationship_properties(rel: Relationship) -> Row:
    return {
        **_flat(rel.properties, _RELATIONSHIP_RESERVED, f"relationship {rel.key}"),
        "sources": _sources_json(rel.sources),
    }


def _sources(text: str) -> tuple[Source, ...]:
    return tuple(Source(str(s["quote"]), int(s["start"]), int(s["end"])) for s in json.loads(text))


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
        sources=_sources(stored.get("sources", "[]")),
    )


def relationship_from(row: Mapping[str, Any]) -> Relationship:
    stored = row["properties"]
    return Relationship(
        type=row["type"],
        source=row["source"],
        target=row["target"],
        properties=_own_properties(stored, _HELPER_KEYS),
        sources=_sources(stored.get("sources", "[]")),
    )


# -- shortest paths: the breadth-first search's bookkeeping, and the paths it finds ------------


class BreadthFirst:
    """One end of a breadth-first search: what it has seen, and how each node of each layer
    was reached from the layer before."""

    def __init__(self, start: str, statement: str) -> None:
        self.statement = statement
        self.seen = {start}
        self.frontier = [start]
        self.layers: list[dict[str, set[str]]] = []  # layers[i]: node i + 1 deep -> its parents

    @property
    def depth(self) -> int:
        return len(self.layers)

    def grow(self, pairs: Iterable[tuple[str, str]]) -> bool:
        """Take a step's (near, far) pairs as the next layer; False if it reached no new node."""
        layer: dict[str, set[str]] = {}
        for near, far in pairs:
            if far not in self.seen:
                layer.setdefault(far, set()).add(near)
        self.seen.update(layer)
        self.frontier = sorted(layer)
        self.layers.append(layer)
        return bool(layer)

    def steps_to(self, ends: set[str]) -> list[list[tuple[str, str]]]:
        """The (near, far) pairs, layer by layer from the start, of every way to ``ends``
        (nodes of the last layer)."""
        steps: list[list[tuple[str, str]]] = []
        for layer in reversed(self.layers):
            step = [(near, far) for far in sorted(ends) for near in sorted(layer[far])]
            steps.append(step)
            ends = {near for near, _ in step}
        return steps[::-1]


def shortest_steps(
    source: str,
    target: str,
    max_hops: int,
    directed: bool,
    expand: Callable[[str, list[str]], Iterable[tuple[str, str]]],
) -> list[list[tuple[str, str]]]:
    """The shortest-path graph from ``source`` to ``target`` as its steps in walking order:
    ``steps[i]`` holds the (near, far) pairs of nodes ``i`` and ``i + 1`` hops from the source
    on some shortest path; empty if there is none within ``max_hops``. ``expand(statement,
    frontier)`` runs a ``path_step_*`` statement and gives its (near, far) pairs.

    Breadth-first from both ends, the smaller frontier next. While no node has been seen from
    both ends, with the searches ``f`` and ``b`` layers deep, every path is longer than
    ``f + b``; so the first layer to reach the other search's nodes makes the length ``f + b``,
    and the nodes seen from both ends are exactly those ``f`` hops from the source on a
    shortest path."""
    ahead = BreadthFirst(source, "path_step_out" if directed else "path_step_both")
    back = BreadthFirst(target, "path_step_in" if directed else "path_step_both")
    while ahead.depth + back.depth < max_hops:
        side, other = (ahead, back) if len(ahead.frontier) <= len(back.frontier) else (back, ahead)
        if not side.grow(expand(side.statement, side.frontier)):
            return []
        middle = {node_id for node_id in side.frontier if node_id in other.seen}
        if middle:
            after = back.steps_to(middle)
            return ahead.steps_to(middle) + [[(far, near) for near, far in step] for step in reversed(after)]
    return []


def shortest_walks(
    source: str, hops: int, between: dict[tuple[str, str], list[Relationship]]
) -> Iterator[tuple[tuple[str, ...], tuple[Relationship, ...]]]:
    """Every walk of ``hops`` steps from ``source`` over the pairs of ``between`` (each of which
    lies on a shortest path, so every walk ends at the target), one per choice of parallel
    relationships, in ``path_sort_key`` order: node ids first, then relationship keys."""
    after: dict[str, list[str]] = {}
    for near, far in sorted(between):
        after.setdefault(near, []).append(far)
    for rels in between.values():
        rels.sort(key=lambda rel: rel.key)

    def walk(ids: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if len(ids) == hops + 1:
            yield ids
            return
        for far in after.get(ids[-1], []):
            yield from walk((*ids, far))

    for ids in walk((source,)):
        yield from ((ids, rels) for rels in product(*(between[pair] for pair in pairwise(ids))))
