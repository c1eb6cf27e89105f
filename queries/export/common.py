"""What every export format shares: the graph in its one order, the fields of a record in theirs
(``sources`` as the JSON string Neo4jStore stores), the type of a column of property values, and
a value written as text.

Every format writes a node as ``id``, ``label``, the three names, its own properties sorted by
key, then ``sources``; a relationship as its type and ends, its properties sorted by key, then
``sources``. Sorting makes an export depend on the graph only, never on the order a backend
happens to return properties in, so both stores export the same bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import Literal, cast

from graph.model import GraphData, Node, PropertyValue, Relationship
from graph.neo4j_records import sources_json

__all__ = [
    "NAME_FIELDS",
    "Kind",
    "node_fields",
    "relationship_fields",
    "Row",
    "node_row",
    "relationship_row",
    "column_kind",
    "column_kinds",
    "scalar_text",
    "value_text",
    "by_label",
    "by_type",
    "check_float",
    "ordered",
]

NAME_FIELDS: tuple[str, ...] = ("id", "label", "name_zh", "name_zh_hans", "name_en")
_NODE_RESERVED = frozenset((*NAME_FIELDS, "sources"))
# Fields node-link JSON gives every link, besides ``sources``.
_RELATIONSHIP_RESERVED = frozenset(("type", "source", "target", "key", "sources"))

INT32 = 2**31
# A column's type: a scalar type, a list of one (``string[]``...), or ``json`` for a column
# whose values mix types, each value then written as JSON.
Kind = Literal[
    "boolean",
    "int",
    "long",
    "double",
    "string",
    "boolean[]",
    "int[]",
    "long[]",
    "double[]",
    "string[]",
    "json",
]
_SCALARS = ("boolean", "int", "long", "double", "string")


def node_fields(node: Node) -> list[tuple[str, PropertyValue]]:
    """A node's fields in export order: names first, then its properties by key (``None``
    values included; each format decides what an absent value is)."""
    clash = _NODE_RESERVED.intersection(node.properties)
    if clash:
        raise ValueError(f"node {node.id} has properties named like its fields: {sorted(clash)}")
    names: list[tuple[str, PropertyValue]] = [
        ("id", node.id),
        ("label", node.label),
        ("name_zh", node.name_zh),
        ("name_zh_hans", node.name_zh_hans),
        ("name_en", node.name_en),
    ]
    return names + sorted(node.properties.items())


def relationship_fields(rel: Relationship) -> list[tuple[str, PropertyValue]]:
    """A relationship's own properties by key (its type and ends are not among them)."""
    clash = _RELATIONSHIP_RESERVED.intersection(rel.properties)
    if clash:
        raise ValueError(f"relationship {rel.key} has properties named like its fields: {sorted(clash)}")
    return sorted(rel.properties.items())


Row = list[tuple[str, PropertyValue]]


def node_row(node: Node) -> Row:
    """A node's fields, then ``sources`` as the JSON string Neo4jStore stores them as: what the
    text formats write."""
    return [*node_fields(node), ("sources", sources_json(node.sources))]


def relationship_row(rel: Relationship) -> Row:
    """A relationship's own properties, then ``sources`` as JSON."""
    return [*relationship_fields(rel), ("sources", sources_json(rel.sources))]


def check_float(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{value!r} has no portable representation in an export")
    return value


def scalar_text(value: PropertyValue) -> str:
    """A scalar as text: ``true``/``false``, a float's shortest round-trip form, else ``str``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(check_float(value))
    return str(value)


def value_text(kind: Kind, value: PropertyValue) -> str:
    """A value as text in a column of ``kind``: JSON in a ``json`` column, else ``scalar_text``."""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    return scalar_text(value)


def _kind(value: PropertyValue) -> str | None:
    """One value's kind; ``[]`` for an empty list (it fits a list of any type)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if -INT32 <= value < INT32 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    kinds = {_kind(item) for item in value}
    if not kinds:
        return "[]"
    joined = _join_scalars(kinds)
    return None if joined is None else joined + "[]"


def _join_scalars(kinds: set[str | None]) -> str | None:
    """The scalar kind that holds all of ``kinds``, or None if there is none."""
    if len(kinds) == 1 and next(iter(kinds)) in _SCALARS:
        return next(iter(kinds))
    if kinds <= {"int", "long"}:
        return "long"
    if kinds <= {"int", "long", "double"}:
        return "double"
    return None


def column_kind(values: Iterable[PropertyValue]) -> Kind:
    """The type of a column holding ``values`` (``None`` values are absent and don't count).

    Integers are ``int`` while they fit 32 bits, else ``long``; integers and floats together are
    ``double``; lists of one type are that type's list (empty lists fit any); anything else
    mixed, or no value at all, is ``json`` or ``string``."""
    kinds = {_kind(value) for value in values} - {None}
    if not kinds:
        return "string"
    lists = {kind for kind in kinds if kind is not None and kind.endswith("[]")}
    if lists == kinds:
        elements = {kind[:-2] for kind in lists if kind != "[]"}
        joined = _join_scalars(set(elements)) if elements else "string"
        return _as_kind(joined + "[]") if joined is not None else "json"
    if lists or None in kinds:
        return "json"
    joined = _join_scalars(kinds)
    return _as_kind(joined) if joined is not None else "json"


def _as_kind(name: str) -> Kind:
    return cast(Kind, name)


def column_kinds(rows: Iterable[Row], first: Sequence[str]) -> dict[str, Kind]:
    """The type of each field of ``rows``, in column order: the ``first`` fields, the others by
    name, ``sources`` last."""
    columns: dict[str, list[PropertyValue]] = {}
    for row in rows:
        for name, value in row:
            columns.setdefault(name, []).append(value)
    order = [*first, *sorted(set(columns) - {*first, "sources"}), "sources"]
    return {name: column_kind(columns[name]) for name in order if name in columns}


def ordered(data: GraphData) -> GraphData:
    """``data`` with nodes by id and relationships by key, as ``GraphStore.export`` gives them;
    ``ValueError`` for an id used twice or a relationship whose end is not a node."""
    ids: set[str] = set()
    for node in data.nodes:
        if node.id in ids:
            raise ValueError(f"node id {node.id!r} is used twice")
        ids.add(node.id)
    for rel in data.relationships:
        if rel.source not in ids or rel.target not in ids:
            raise ValueError(f"relationship {rel.key} has an end that is not a node")
    return GraphData(
        tuple(sorted(data.nodes, key=lambda n: n.id)),
        tuple(sorted(data.relationships, key=lambda r: r.key)),
    )


def by_label(nodes: Iterable[Node]) -> dict[str, list[Node]]:
    """Nodes grouped by label, labels in alphabetical order, each group in the given order."""
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        groups.setdefault(node.label, []).append(node)
    return dict(sorted(groups.items()))


def by_type(relationships: Iterable[Relationship]) -> dict[str, list[Relationship]]:
    """Relationships grouped by type, types in alphabetical order."""
    groups: dict[str, list[Relationship]] = {}
    for rel in relationships:
        groups.setdefault(rel.type, []).append(rel)
    return dict(sorted(groups.items()))
