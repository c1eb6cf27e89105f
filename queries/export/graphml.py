"""The graph as GraphML, for Gephi, Cytoscape, yEd and networkx.

Written by hand rather than by ``networkx.write_graphml``, which refuses list values, refuses
``None``, names its keys ``d0``, ``d1``, ... (Gephi takes a node key ``d3`` and an edge key
``d7`` for yEd's labels) and, for a multigraph, gives every edge its key as ``id``, so that
parallel edges of one type share an id: the GraphML schema wants edge ids unique, and Gephi
drops an edge whose id it has seen.

- One ``<key>`` per property, declared with its type (``boolean``, ``int``, ``long``,
  ``double``, ``string``) and named after it (``attr.name``); key ids are ``n_<name>`` for
  nodes and ``e_<name>`` for edges.
- A node carries ``label`` (its label, e.g. ``Technology``; Gephi shows this ``label`` as the
  node's label), its names and properties; an edge carries ``type`` (its relationship type).
- Lists (``aliases``), ``sources`` and any property whose values mix types are JSON strings;
  their keys say so in a ``<desc>`` that starts with ``JSON``. A ``None`` property has no
  ``<data>``.
- Edges have no ``id`` (the schema wants edge ids unique, and a relationship type is not):
  they carry ``key``, their type, which is what networkx's reader takes as the edge key when
  there is no id, so ``read_graphml`` gives a ``MultiDiGraph`` keyed by type like the embedded
  store's; Gephi numbers them itself.
- UTF-8; ``&``, ``<``, ``>``, quotes and the characters XML parsers would normalise away
  (carriage returns; newlines and tabs in attributes) are written as references. Characters
  XML 1.0 cannot carry at all (most C0 controls) are refused with ``ValueError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.model import GraphData, PropertyValue
from queries.export.common import (
    NAME_FIELDS,
    Kind,
    Row,
    column_kinds,
    node_row,
    ordered,
    relationship_row,
    value_text,
)

__all__ = ["export_graphml", "JSON_DESC", "KEY_DESC", "SOURCES_DESC"]

JSON_DESC = "JSON: the value is JSON text"
KEY_DESC = "the relationship type, which keys parallel edges (networkx reads it as the edge key)"
SOURCES_DESC = "JSON: a list of {quote, start, end}, the passages of the plan text and their offsets"

_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
# Characters XML 1.0 has no way to carry, not even as a character reference.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)
_GRAPHML_TYPE: dict[Kind, str] = {
    "boolean": "boolean",
    "int": "int",
    "long": "long",
    "double": "double",
    "string": "string",
}


def _legal(text: str) -> str:
    found = _ILLEGAL.search(text)
    if found:
        raise ValueError(f"XML 1.0 cannot carry the character {found.group()!r} (in {text[:60]!r})")
    return text


def _text(value: str) -> str:
    return _legal(value).translate(_TEXT)


def _attribute(value: str) -> str:
    return '"' + _legal(value).translate(_ATTRIBUTE) + '"'


class _Keys:
    """The keys of one domain (node or edge): each property's GraphML type, ``json`` for a
    column GraphML has no type for (lists, mixed types), whose values are written as JSON."""

    def __init__(self, domain: str, prefix: str, rows: Iterable[Row], first: tuple[str, ...]) -> None:
        self.domain = domain
        self.prefix = prefix
        self.kinds: dict[str, Kind] = {
            name: kind if kind in _GRAPHML_TYPE else "json"
            for name, kind in column_kinds(rows, first).items()
        }
        self.descriptions = {name: JSON_DESC for name, kind in self.kinds.items() if kind == "json"}
        self.descriptions["sources"] = SOURCES_DESC
        if domain == "edge":
            self.descriptions["key"] = KEY_DESC

    def declarations(self) -> Iterable[str]:
        for name, kind in self.kinds.items():
            graphml_type = _GRAPHML_TYPE.get(kind, "string")
            opening = (
                f"  <key id={_attribute(self.prefix + name)} for={_attribute(self.domain)}"
                f" attr.name={_attribute(name)} attr.type={_attribute(graphml_type)}"
            )
            desc = self.descriptions.get(name)
            if desc is None:
                yield f"{opening}/>\n"
            else:
                yield f"{opening}>\n    <desc>{_text(desc)}</desc>\n  </key>\n"

    def data(self, name: str, value: PropertyValue, indent: str) -> str:
        if value is None:
            return ""
        text = value_text(self.kinds[name], value)
        return f"{indent}<data key={_attribute(self.prefix + name)}>{_text(text)}</data>\n"


def export_graphml(data: GraphData) -> bytes:
    """The whole graph as GraphML (UTF-8): nodes by id, then edges by key."""
    data = ordered(data)
    node_rows = [node_row(node)[1:] for node in data.nodes]  # the id is the node's XML attribute
    edge_rows = [
        [("key", rel.type), ("type", rel.type), *relationship_row(rel)] for rel in data.relationships
    ]
    node_keys = _Keys("node", "n_", node_rows, first=NAME_FIELDS[1:])
    edge_keys = _Keys("edge", "e_", edge_rows, first=("key", "type"))

    parts = [_HEADER]
    parts += node_keys.declarations()
    parts += edge_keys.declarations()
    parts.append('  <graph id="carbon-roadmap-kg" edgedefault="directed">\n')
    for node, row in zip(data.nodes, node_rows, strict=True):
        parts.append(f"    <node id={_attribute(node.id)}>\n")
        parts += (node_keys.data(name, value, "      ") for name, value in row)
        parts.append("    </node>\n")
    for rel, row in zip(data.relationships, edge_rows, strict=True):
        parts.append(f"    <edge source={_attribute(rel.source)} target={_attribute(rel.target)}>\n")
        parts += (edge_keys.data(name, value, "      ") for name, value in row)
        parts.append("    </edge>\n")
    parts.append("  </graph>\n</graphml>\n")
    return "".join(parts).encode("utf-8")
