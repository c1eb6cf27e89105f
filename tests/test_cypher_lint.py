"""Every statement Neo4jStore can send passes Neo4j's own Cypher front end (``tests.cypher_linter``).

FalkorDB, the Bolt server the other tests run on, accepts a dialect of its own, so this is what
keeps the statements valid for a real Neo4j.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from graph.cypher import NODE_LABEL, STATEMENTS
from graph.schema import LABELS
from tests.cypher_linter import errors, lint

ROOT = Path(__file__).resolve().parent.parent
# A ``$parameter`` in statement text.
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@pytest.fixture(scope="module")
def lint_results() -> list[dict[str, Any]]:
    return lint((s.name, s.text, s.examples) for s in STATEMENTS.values())


def test_every_statement_passes_neo4js_linter(lint_results: list[dict[str, Any]]) -> None:
    assert {r["name"] for r in lint_results} == set(STATEMENTS)
    rejected = errors(lint_results, {s.name: s.text for s in STATEMENTS.values()})
    assert not rejected, "Neo4j's linter rejects:\n" + "\n".join(rejected)


def test_no_statement_uses_an_unknown_label_or_type(lint_results: list[dict[str, Any]]) -> None:
    warnings = [
        f"{r['name']}: {d['message']}"
        for r in lint_results
        for d in r["diagnostics"]
        if d["severity"] == 2 and re.search(r"label|relationship type", d["message"], re.IGNORECASE)
    ]
    assert not warnings, "\n".join(warnings)


def test_linter_catches_errors() -> None:
    """The linter is live: bad syntax, a missing parameter, a function Neo4j lacks and a
    procedure only FalkorDB has are errors; an unknown label is a warning."""
    statements = [
        ("typo", "MATCH (n) RETRN n", {}),
        ("missing", "MATCH (n {id: $id}) RETURN n", {}),
        ("unknown function", "RETURN toJSON(1) AS x", {}),
        ("falkordb only", "CALL db.indexes()", {}),
        ("unknown label", "MATCH (n:Foo) RETURN n", {}),
        ("fine", "MATCH (n:Technology {id: $id}) RETURN n", {"id": "x"}),
    ]
    results = lint(statements, labels=["Technology"], types=["DEPENDS_ON"])
    by_severity = {
        severity: {r["name"] for r in results if any(d["severity"] == severity for d in r["diagnostics"])}
        for severity in (1, 2)
    }
    assert by_severity == {1: {"typo", "missing", "unknown function", "falkordb only"}, 2: {"unknown label"}}


# A node pattern: ``(``, not right after a name (that would be a call such as ``count(n)``), an
# optional variable, labels, an optional property map, ``)``.
_NODE_PATTERN = re.compile(
    r"(?<![\w)\]])\(\s*(?P<variable>[A-Za-z_]\w*)?\s*(?P<labels>(?::\s*[A-Za-z_]\w*\s*)*)"
    r"(?P<properties>\{[^{}]*\})?\s*\)"
)
_CLAUSE = re.compile(r"\b(MATCH|MERGE|CREATE|WHERE|(?<!STARTS )(?<!ENDS )WITH|RETURN|UNWIND|SET|DELETE)\b")
_ID_KEY = re.compile(r"(?:\{|,)\s*id\s*:")
_ID_PROPERTY = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\.id\b")


def unanchored(text: str) -> list[str]:
    """What in a statement finds nodes other than through the shared label: a node pattern
    with ``{id: ...}`` but without ``:CkgNode``; a ``WHERE`` on ``x.id`` where ``x`` is not bound
    through ``:CkgNode``; a ``MATCH`` or ``MERGE`` none of whose nodes is (the whole database)."""
    patterns = [
        (m["variable"], re.findall(r"[A-Za-z_]\w*", m["labels"]), m["properties"] or "")
        for m in _NODE_PATTERN.finditer(text)
    ]
    bound = {variable for variable, labels, _ in patterns if variable and NODE_LABEL in labels}
    found = [
        f"({variable or ''}{''.join(':' + label for label in labels)} {properties}) finds a node by id"
        for variable, labels, properties in patterns
        if _ID_KEY.search(properties) and NODE_LABEL not in labels
    ]
    pieces = _CLAUSE.split(text)
    for keyword, body in zip(pieces[1::2], pieces[2::2], strict=True):
        if keyword == "WHERE":
            found += [
                f"WHERE {variable}.id on a node not bound through :{NODE_LABEL}"
                for variable in _ID_PROPERTY.findall(body)
                if variable not in bound
            ]
        if keyword in ("MATCH", "MERGE"):
            nodes = [(m["variable"], m["labels"]) for m in _NODE_PATTERN.finditer(body)]
            if not any(NODE_LABEL in labels or variable in bound for variable, labels in nodes):
                found.append(f"{keyword}{body.rstrip()} starts from no :{NODE_LABEL} node")
    return found


def test_every_statement_finds_nodes_through_the_shared_label() -> None:
    """Lookups by id seek the one constraint's index, and the whole-graph statements (counting,
    listing, searching, exporting, deleting) see only the graph's own nodes."""
    assert NODE_LABEL not in LABELS
    bad = {name: unanchored(s.text) for name, s in STATEMENTS.items() if unanchored(s.text)}
    assert not bad, bad


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n {id: $id}) RETURN properties(n) AS properties",
        "MATCH (n:Technology {id: $id}) RETURN n",
        "MATCH (n:CkgNode) MATCH (m {label: $label, id: $id}) RETURN n, m",
        "MATCH (a)-[:DEPENDS_ON]->(b) WHERE a.id IN $frontier RETURN DISTINCT b.id AS id",
        "MATCH (b:CkgNode) MATCH (a)-[r]->(b) WHERE b.id = $x AND a.id = $y RETURN r",
        "UNWIND $pairs AS pair MATCH (a {id: pair.near})-[r]->(b:CkgNode {id: pair.far}) RETURN r",
        "MATCH (n) RETURN count(n) AS count",
        "MATCH ()-[r]->() RETURN count(r) AS count",
        "MATCH (n) DETACH DELETE n",
    ],
)
def test_the_shared_label_check_catches_a_lookup_without_it(statement: str) -> None:
    assert unanchored(statement), statement


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (n:CkgNode {id: $id}) RETURN n.id AS id, count(n) AS c",
        "MATCH (n:CkgNode:Technology {id: $id}) RETURN n",
        "MATCH (a:CkgNode)-[:DEPENDS_ON]->(b) WHERE a.id IN $frontier RETURN DISTINCT b.id AS id",
        "MATCH (:CkgNode)-[r]->() RETURN startNode(r).id AS s",
        "UNWIND $rows AS r MATCH (a:CkgNode {id: r.s}) MATCH (b:CkgNode {id: r.t}) MERGE (a)-[:X]->(b)",
        "MATCH (n:CkgNode) WHERE any(x IN n.names WHERE x STARTS WITH $q) RETURN n",
    ],
)
def test_the_shared_label_check_passes_a_lookup_through_it(statement: str) -> None:
    assert not unanchored(statement), statement


def test_every_statement_has_an_example_for_each_parameter() -> None:
    for statement in STATEMENTS.values():
        used = set(PARAMETER.findall(statement.text))
        assert used == set(statement.examples), (
            f"{statement.name}: parameters {sorted(used)}, examples {sorted(statement.examples)}"
        )


def _strings_outside_docstrings(tree: ast.AST) -> list[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_cypher_outside_the_registry() -> None:
    """Statement text lives in graph/cypher.py only: no string in the store's modules reads
    like Cypher (docstrings aside)."""
    cypher = re.compile(r"\b(MATCH|MERGE|RETURN|UNWIND|DETACH|CREATE)\b")
    for name in ("neo4j_store.py", "neo4j_records.py", "falkordb_bolt.py", "dialects.py"):
        tree = ast.parse((ROOT / "graph" / name).read_text(encoding="utf-8"))
        assert not [s for s in _strings_outside_docstrings(tree) if cypher.search(s)], name
