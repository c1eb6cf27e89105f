"""The whole graph in a file: node-link JSON, GraphML, a Cypher script, or neo4j-admin CSV.

Each format is one function from ``GraphData`` to bytes (``export_json``, ``export_graphml``,
``export_cypher``, ``export_csv``); ``export`` takes a store and a format name and gives the
bytes with their media type and file name. The bytes depend on the graph only: both backends
export the same file, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple, get_args

from graph.model import GraphData
from graph.store import GraphStore
from queries.errors import InvalidParameter
from queries.export.cypher_script import export_cypher
from queries.export.graphml import export_graphml
from queries.export.neo4j_csv import export_csv
from queries.export.node_link import export_json

__all__ = [
    "ExportFormat",
    "FORMATS",
    "Export",
    "FormatSpec",
    "SPECS",
    "export",
    "export_data",
    "export_json",
    "export_graphml",
    "export_cypher",
    "export_csv",
]

ExportFormat = Literal["json", "graphml", "cypher", "csv"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)
BASENAME = "carbon-roadmap-kg"


class FormatSpec(NamedTuple):
    write: Callable[[GraphData], bytes]
    media_type: str
    extension: str
    description: str


SPECS: dict[str, FormatSpec] = {
    "json": FormatSpec(
        export_json, "application/json", "json", "node-link JSON (networkx node_link_data, edges='links')"
    ),
    "graphml": FormatSpec(
        export_graphml, "application/graphml+xml", "graphml", "GraphML for Gephi or Cytoscape"
    ),
    "cypher": FormatSpec(
        export_cypher,
        "text/plain; charset=utf-8",
        "cypher",
        "a Cypher script that rebuilds the graph in Neo4j",
    ),
    "csv": FormatSpec(
        export_csv, "application/zip", "zip", "a ZIP of CSV files for neo4j-admin database import full"
    ),
}


class Export(NamedTuple):
    """An exported graph: ``content, media_type, filename = export(store, "graphml")``."""

    content: bytes
    media_type: str
    filename: str


def _spec(format: str) -> FormatSpec:
    spec = SPECS.get(format)
    if spec is None:
        raise InvalidParameter("format", f"{format!r} is not one of {', '.join(FORMATS)}")
    return spec


def export_data(data: GraphData, format: str) -> Export:
    """``data`` in ``format``; ``InvalidParameter`` (a ``ValueError``) for a format not in
    ``FORMATS``."""
    spec = _spec(format)
    return Export(spec.write(data), spec.media_type, f"{BASENAME}.{spec.extension}")


def export(store: GraphStore, format: str) -> Export:
    """The whole graph of ``store`` in ``format``."""
    _spec(format)  # before reading the whole graph
    return export_data(store.export(), format)
