"""The graph as the CSV files ``neo4j-admin database import full`` reads, in one ZIP archive.

``carbon-roadmap-kg/`` holds one nodes file per label (``nodes_<Label>.csv``: ``id:ID``,
``:LABEL``, then the fields with typed headers such as ``trl:int`` or ``aliases:string[]``),
one relationships file per type (``relationships_<TYPE>.csv``: ``:START_ID``, ``:END_ID``,
``:TYPE``, then the properties), ``constraints.cypher`` (the import creates no constraints)
and ``README.txt`` with the exact command line.

Fields are quoted as the csv module quotes them (RFC 4180: doubled quotes, CRLF line ends),
which is what neo4j-admin reads by default; if a text holds a line break the command line adds
``--multiline-fields=true``. neo4j-admin reads an empty field as no property, so ``None`` is
written as one (and an empty text or list, which the seeds never have, ends up absent too).
Arrays are joined by ``;``, neo4j-admin's default delimiter, unless some element holds one, in
which case another delimiter is chosen and the command line says so. ``sources`` is a JSON
string, as Neo4jStore stores it. The archive's bytes depend only on the graph (fixed
timestamps), so both backends export the same file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence

from graph.cypher import NODE_LABEL
from graph.model import GraphData, PropertyValue
from queries.export.common import (
    NAME_FIELDS,
    Kind,
    Row,
    by_label,
    by_type,
    column_kinds,
    node_row,
    ordered,
    relationship_row,
    scalar_text,
    value_text,
)
from queries.export.cypher_script import constraint

__all__ = ["export_csv", "FOLDER", "ARRAY_DELIMITERS"]

FOLDER = "carbon-roadmap-kg"
# The array delimiter: neo4j-admin's default first, then others no element is likely to hold.
ARRAY_DELIMITERS = (";", "|", "§", "¦")
_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def _array_delimiter(rows: Sequence[Row]) -> str:
    elements = [
        str(item) for row in rows for _, value in row if isinstance(value, list | tuple) for item in value
    ]
    for delimiter in ARRAY_DELIMITERS:
        if delimiter != "," and not any(delimiter in element for element in elements):
            return delimiter
    raise ValueError("every array delimiter neo4j-admin could use appears in some list element")


def _table(
    leading: Sequence[str],
    leading_values: Sequence[Sequence[str]],
    first: Sequence[str],
    rows: Sequence[Row],
    delimiter: str,
) -> str:
    """One CSV file: the ``leading`` columns (ids, label or type), then the fields: the ``first``
    ones, the others by name, ``sources`` last; each headed ``name:type``."""
    kinds = column_kinds(rows, first)
    out = io.StringIO()
    # CRLF, as RFC 4180 has it: the csv module then quotes any field holding a CR or an LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [*leading, *(f"{key}:{'string' if kind == 'json' else kind}" for key, kind in kinds.items())]
    )
    for lead, row in zip(leading_values, rows, strict=True):
        values = dict(row)
        writer.writerow([*lead, *(_cell(kind, values.get(key), delimiter) for key, kind in kinds.items())])
    return out.getvalue()


def _cell(kind: Kind, value: PropertyValue, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple) and kind != "json":
        return delimiter.join(scalar_text(item) for item in value)
    return value_text(kind, value)


def _texts(rows: Sequence[Row], ids: Sequence[str]) -> list[str]:
    """Every text written as it is (JSON columns aside, whose JSON escapes line breaks)."""
    texts = list(ids)
    for row in rows:
        for _, value in row:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list | tuple):
                texts += [item for item in value if isinstance(item, str)]
    return texts


def _spans_lines(text: str) -> bool:
    return "\n" in text or "\r" in text


def _readme(nodes: list[str], relationships: list[str], delimiter: str, multiline: bool) -> str:
    options = [f"--nodes={name}" for name in nodes] + [f"--relationships={name}" for name in relationships]
    if delimiter != ";":
        options.append(f"--array-delimiter='{delimiter}'")
    if multiline:
        options.append("--multiline-fields=true")
    options.append("--overwrite-destination=true")
    command = " \\\n    ".join(["neo4j-admin database import full", *options, "neo4j"])
    return f"""Carbon Roadmap KG: the graph as CSV files for neo4j-admin database import (Neo4j 5).

nodes_<Label>.csv          one file per label: id:ID, :LABEL, then typed properties
relationships_<TYPE>.csv   one file per type: :START_ID, :END_ID, :TYPE, then typed properties
constraints.cypher         the uniqueness constraints on id (the import creates none)

Every node and relationship has `sources`: a JSON list of {{quote, start, end}}, the passages of
the plan text it comes from. Arrays (such as aliases) are split on "{delimiter}".

1. Stop Neo4j, then, from this folder (neo4j-admin reads the paths from here), run:

{command}

   This replaces the database `neo4j`. To import into a new database instead, change the last
   word and leave out --overwrite-destination; then (Enterprise Edition) CREATE DATABASE it.

2. Start Neo4j and create the constraints:

cypher-shell -d neo4j -f constraints.cypher
"""


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def export_csv(data: GraphData) -> bytes:
    """The whole graph as a ZIP archive of neo4j-admin import CSV files and a README."""
    data = ordered(data)
    node_groups = by_label(data.nodes)
    rel_groups = by_type(data.relationships)
    # The id goes in the id:ID column, ahead of the fields.
    node_rows = {label: [node_row(node)[1:] for node in nodes] for label, nodes in node_groups.items()}
    rel_rows = {type_: [relationship_row(rel) for rel in rels] for type_, rels in rel_groups.items()}
    all_rows = [row for rows in (*node_rows.values(), *rel_rows.values()) for row in rows]
    delimiter = _array_delimiter(all_rows)

    files: dict[str, str] = {}
    for label, nodes in node_groups.items():
        # neo4j-admin splits :LABEL on the array delimiter: the shared label and the node's own.
        leading = [[node.id, f"{NODE_LABEL}{delimiter}{node.label}"] for node in nodes]
        files[f"nodes_{label}.csv"] = _table(
            ["id:ID", ":LABEL"], leading, NAME_FIELDS[1:], node_rows[label], delimiter
        )
    for type_, rels in rel_groups.items():
        leading = [[rel.source, rel.target, rel.type] for rel in rels]
        files[f"relationships_{type_}.csv"] = _table(
            [":START_ID", ":END_ID", ":TYPE"], leading, (), rel_rows[type_], delimiter
        )
    node_files = [name for name in files if name.startswith("nodes_")]
    rel_files = [name for name in files if name.startswith("relationships_")]
    files["constraints.cypher"] = constraint() + "\n"
    multiline = any(_spans_lines(text) for text in _texts(all_rows, [node.id for node in data.nodes]))
    files["README.txt"] = _readme(node_files, rel_files, delimiter, multiline)
    return _zip(files)
