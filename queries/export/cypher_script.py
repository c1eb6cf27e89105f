"""The graph as a Cypher script that rebuilds it in an empty Neo4j 5 database.

``cypher-shell -f carbon-roadmap-kg.cypher`` runs it: a uniqueness constraint on ``id`` per
label, then one statement per node and one per relationship, each on one line and ending in
``;``. Values are literals: strings single-quoted with backslash, quote, newline, carriage
return and tab escaped (the escapes Neo4j and FalkorDB both read; other characters, Chinese
included, go as they are), lists as Cypher lists, ``sources`` as a JSON string as Neo4jStore
stores it. A node keeps its label as a ``label`` property too, as Neo4jStore stores it; a
``None`` property is left out, as Neo4j keeps no nulls.

Nodes are ``MERGE``d on ``id`` and their properties set with ``SET n = {...}``, and
relationships ``MERGE``d between their ends, so running the script twice gives the same graph.

The statements keep to the Cypher FalkorDB runs too (its Bolt layer is what the tests have),
and each is at most ``MAX_STATEMENT_BYTES`` of UTF-8, the most FalkorDB's Bolt layer takes
in one statement: a record that does not fit goes in several statements (``MATCH ... SET``),
and a text or list too long for one in pieces appended one statement at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.cypher import NODE_LABEL, STATEMENTS
from graph.falkordb_bolt import BUDGET, statement_size
from graph.model import GraphData, PropertyValue
from queries.export.common import by_label, check_float, node_row, ordered, relationship_row

__all__ = ["export_cypher", "MAX_STATEMENT_BYTES", "literal", "name", "constraint"]

# The longest statement without parameters FalkorDB's Bolt layer takes: it is the strictest
# server the store supports, and the script runs on it too.
MAX_STATEMENT_BYTES = BUDGET - statement_size("", {})
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = str.maketrans({"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def name(text: str) -> str:
    """A label, relationship type or property key as Cypher text (backticks when needed)."""
    return text if _IDENTIFIER.match(text) else "`" + text.replace("`", "``") + "`"


def literal(value: PropertyValue) -> str:
    """A property value as a Cypher literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Python's shortest round-trip form; Cypher wants no "+" in an exponent.
        return repr(check_float(value)).replace("e+", "e")
    if isinstance(value, str):
        return "'" + value.translate(_ESCAPES) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    raise ValueError(f"no Cypher literal for {value!r}")


def constraint() -> str:
    """The one uniqueness constraint on ``id``, on the label every node shares: Neo4jStore's own."""
    return STATEMENTS["id_constraint"].text + ";"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


class _Record:
    """How to write one node or relationship: the statement that creates it with a map of
    properties (``{opening}k: v, ...{closing}``), the one that sets more on it
    (``{match}v.k = v, ...;``), and the variable they bind."""

    def __init__(self, opening: str, closing: str, match: str, variable: str, budget: int) -> None:
        self.opening, self.closing, self.match, self.variable = opening, closing, match, variable
        self.budget = budget
        if _size(opening + closing) > budget or _size(match + ";") > budget:
            raise ValueError(f"a statement for {opening!r} does not fit in {budget} bytes")

    def statements(self, fields: Sequence[tuple[str, PropertyValue]]) -> list[str]:
        entries: list[tuple[str, str]] = []
        appends: list[str] = []
        for key, value in fields:
            if value is None:
                continue
            first, rest = self._split(key, value)
            entries.append((key, first))
            appends += rest
        statements: list[str] = []
        items: list[str] = []
        for key, text in entries:
            if not statements:
                candidate = self.opening + ", ".join([*items, f"{name(key)}: {text}"]) + self.closing
                if _size(candidate) <= self.budget:
                    items.append(f"{name(key)}: {text}")
                    continue
                statements.append(self.opening + ", ".join(items) + self.closing)
                items = []
            item = f"{self.variable}.{name(key)} = {text}"
            if items and _size(self.match + ", ".join([*items, item]) + ";") > self.budget:
                statements.append(self.match + ", ".join(items) + ";")
                items = []
            items.append(item)
        if not statements:
            statements.append(self.opening + ", ".join(items) + self.closing)
        elif items:
            statements.append(self.match + ", ".join(items) + ";")
        return statements + appends

    def _split(self, key: str, value: PropertyValue) -> tuple[str, list[str]]:
        """A value's literal, or, if it cannot fit in a statement of its own, its first piece
        and the statements that append the rest."""
        text = literal(value)
        prop = f"{self.variable}.{name(key)}"
        room = self.budget - max(
            _size(self.opening + f"{name(key)}: " + self.closing), _size(self.match + f"{prop} = ;")
        )
        if _size(text) <= room:
            return text, []
        if not isinstance(value, str | list):
            raise ValueError(f"{key} = {text[:60]}... does not fit in a statement of {self.budget} bytes")
        append_room = self.budget - _size(self.match + f"{prop} = {prop} + ;")
        pieces = _pieces(value, min(room, append_room))
        return pieces[0], [f"{self.match}{prop} = {prop} + {piece};" for piece in pieces[1:]]


def _pieces(value: str | list[str] | list[int] | list[float], room: int) -> list[str]:
    """The literals of consecutive pieces of a string or list, each at most ``room`` bytes."""
    if isinstance(value, str):
        units = [char.translate(_ESCAPES) for char in value]
        opening, closing, separator = "'", "'", ""
    else:
        units = [literal(item) for item in value]
        opening, closing, separator = "[", "]", ", "
    pieces: list[str] = []
    piece: list[str] = []
    used = _size(opening + closing)
    for unit in units:
        needed = _size(unit) + (_size(separator) if piece else 0)
        if used + needed > room:
            if not piece:
                raise ValueError(f"an element of {unit[:60]}... does not fit in a statement")
            pieces.append(opening + separator.join(piece) + closing)
            piece, used = [], _size(opening + closing)
            needed = _size(unit)
        piece.append(unit)
        used += needed
    pieces.append(opening + separator.join(piece) + closing)
    return pieces


def export_cypher(data: GraphData, max_statement_bytes: int = MAX_STATEMENT_BYTES) -> bytes:
    """The whole graph as a Cypher script (UTF-8), one statement a line, each at most
    ``max_statement_bytes`` long: constraints, nodes by label then id, relationships by key."""
    data = ordered(data)
    lines = [
        "// Carbon Roadmap KG: rebuilds the graph in an empty Neo4j 5 database, e.g.",
        "//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f carbon-roadmap-kg.cypher",
        f"// {len(data.nodes)} nodes, {len(data.relationships)} relationships. One statement a line.",
        "// Every node and relationship has `sources`: a JSON list of {quote, start, end}, the",
        "// passages of the plan text it comes from. Running the script twice gives the same graph.",
        "// This is the data only: to serve the graph with `ckg serve --neo4j`, load it with",
        "// `ckg load --neo4j`, which adds the store's search properties.",
        "",
        f"// Every node carries {NODE_LABEL} beside its own label, with one uniqueness constraint on id.",
        constraint(),
    ]
    groups = by_label(data.nodes)
    for label, nodes in groups.items():
        lines += ["", f"// {label}: {len(nodes)} nodes."]
        for node in nodes:
            ident = literal(node.id)
            record = _Record(
                f"MERGE (n:{NODE_LABEL}:{name(label)} {{id: {ident}}}) SET n = {{",
                "};",
                f"MATCH (n:{NODE_LABEL} {{id: {ident}}}) SET ",
                "n",
                max_statement_bytes,
            )
            lines += record.statements(node_row(node))
    lines += ["", f"// Relationships: {len(data.relationships)}."]
    for rel in data.relationships:
        start = f"(a:{NODE_LABEL} {{id: {literal(rel.source)}}})"
        end = f"(b:{NODE_LABEL} {{id: {literal(rel.target)}}})"
        record = _Record(
            f"MATCH {start}, {end} MERGE (a)-[r:{name(rel.type)}]->(b) SET r = {{",
            "};",
            f"MATCH {start}-[r:{name(rel.type)}]->{end} SET ",
            "r",
            max_statement_bytes,
        )
        lines += record.statements(relationship_row(rel))
    return ("\n".join(lines) + "\n").encode("utf-8")
