"""``GET /v1/export``: the whole graph as node-link JSON, GraphML, a Cypher script or
neo4j-admin CSV, each read back by a consumer of that format and compared with the graph.

Every format is read back in full (each node's label, names, properties and sources, each
relationship's properties and sources) from the API on both backends, and from a small graph of
awkward values (quotes, backslashes, line breaks, a ``;`` in an alias, exponents, a text and a
list too long for one FalkorDB statement). The Cypher script runs statement by statement on the
real Bolt server; a sample of it, and all of the awkward one, passes Neo4j's own front end.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher import NODE_LABEL
from graph.model import GraphData, Node, PropertyValue, Relationship, Source
from graph.neo4j_store import Neo4jStore
from queries.export import FORMATS, export_csv, export_cypher, export_graphml, export_json
from queries.export.cypher_script import MAX_STATEMENT_BYTES
from tests.bolt_fixtures import BoltTarget
from tests.cypher_linter import errors, lint
from tests.served import ckg

ROOT = Path(__file__).resolve().parent.parent
# Each format's media type and file name extension.
FILES = {
    "json": ("application/json", "json"),
    "graphml": ("application/graphml+xml", "graphml"),
    "cypher": ("text/plain; charset=utf-8", "cypher"),
    "csv": ("application/zip", "zip"),
}
_graphs = count()

# A graph read back: node id -> (label, fields but id, sources); key -> (properties, sources).
Nodes = dict[str, tuple[str, dict[str, Any], list[dict[str, Any]]]]
Relationships = dict[tuple[str, str, str], tuple[dict[str, Any], list[dict[str, Any]]]]


def _expected(data: GraphData, keep_none: bool = False) -> tuple[Nodes, Relationships]:
    """What a format must give back: every field; ``None`` properties only where the format
    has nulls (JSON); Neo4j, GraphML and CSV have only absent properties."""

    def own(properties: Any) -> dict[str, Any]:
        return {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in properties.items()
            if keep_none or v is not None
        }

    def sources(found: tuple[Source, ...]) -> list[dict[str, Any]]:
        return [s.as_dict() for s in found]

    nodes: Nodes = {
        n.id: (
            n.label,
            {"label": n.label, "name_zh": n.name_zh, "name_zh_hans": n.name_zh_hans, "name_en": n.name_en}
            | own(n.properties),
            sources(n.sources),
        )
        for n in data.nodes
    }
    rels: Relationships = {r.key: (own(r.properties), sources(r.sources)) for r in data.relationships}
    return nodes, rels


def _assert_same(found: tuple[Nodes, Relationships], data: GraphData, keep_none: bool = False) -> None:
    nodes, rels = found
    want_nodes, want_rels = _expected(data, keep_none)
    assert len(nodes) == len(want_nodes) and len(rels) == len(want_rels)
    for node_id, want in want_nodes.items():
        assert nodes[node_id] == want, node_id
    for key, want_rel in want_rels.items():
        assert rels[key] == want_rel, key


def _download(client: TestClient, format: str) -> bytes:
    response = client.get("/v1/export", params={"format": format})
    assert response.status_code == 200, response.text
    media_type, extension = FILES[format]
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == f"attachment; filename=carbon-roadmap-kg.{extension}"
    return response.content


def _node(data: GraphData, node_id: str) -> Node:
    return next(n for n in data.nodes if n.id == node_id)


# -- readers: each format as its consumers read it ---------------------------------------------


def _from_networkx(
    graph: nx.MultiDiGraph, decode: Callable[[dict[str, Any]], dict[str, Any]] = dict
) -> tuple[Nodes, Relationships]:
    """A graph as networkx reads it, each node's and edge's attributes decoded; an edge's
    ``type`` (and ``key``, where the format writes it) must be networkx's key for it."""
    nodes: Nodes = {}
    for node_id, attributes in graph.nodes(data=True):
        fields = decode(attributes)
        nodes[node_id] = (fields["label"], fields, fields.pop("sources"))
    rels: Relationships = {}
    for source, target, key, attributes in graph.edges(keys=True, data=True):
        fields = decode(attributes)
        assert fields.pop("type") == key == fields.pop("key", key)
        rels[(source, key, target)] = (fields, fields.pop("sources"))
    return nodes, rels


def _read_json(content: bytes) -> tuple[Nodes, Relationships]:
    graph = nx.node_link_graph(json.loads(content), edges="links")
    assert isinstance(graph, nx.MultiDiGraph)
    return _from_networkx(graph)


def _json_keys(content: bytes) -> set[str]:
    """The GraphML keys (by attr.name) whose values are JSON, as their <desc> says."""
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(content)
    return {
        key.get("attr.name", "")
        for key in root.findall("g:key", ns)
        if (key.findtext("g:desc", "", ns) or "").startswith("JSON")
    }


def _read_graphml(content: bytes) -> tuple[Nodes, Relationships]:
    graph = nx.parse_graphml(content.decode("utf-8"), force_multigraph=True)
    encoded = _json_keys(content)
    return _from_networkx(
        graph, lambda attributes: {k: json.loads(v) if k in encoded else v for k, v in attributes.items()}
    )


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if line and not line.startswith("//")]
    assert all(line.endswith(";") for line in lines)
    return lines


def _run_script(driver: neo4j.Driver, database: str, script: str, kind: str) -> int:
    """Run every statement, one at a time; FalkorDB has no Cypher constraints (its uniqueness
    constraints are a Redis command), so those are left out there."""
    statements = [s for s in _statements(script) if kind == "neo4j" or not s.startswith("CREATE CONSTRAINT")]
    with driver.session(database=database) as session:
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def _read_database(driver: neo4j.Driver, database: str) -> tuple[Nodes, Relationships]:
    with driver.session(database=database) as session:
        node_rows = list(session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p"))
        rel_rows = list(
            session.run("MATCH (a)-[r]->(b) RETURN a.id AS s, type(r) AS t, b.id AS o, properties(r) AS p")
        )
    nodes: Nodes = {}
    for row in node_rows:
        fields = dict(row["p"])
        node_id = fields.pop("id")
        assert sorted(row["labels"]) == sorted([NODE_LABEL, fields["label"]])
        nodes[node_id] = (fields["label"], fields, json.loads(fields.pop("sources")))
    rels: Relationships = {}
    for row in rel_rows:
        fields = dict(row["p"])
        rels[(row["s"], row["t"], row["o"])] = (fields, json.loads(fields.pop("sources")))
    return nodes, rels


@pytest.fixture
def empty_graph(bolt_target: BoltTarget, bolt_driver: neo4j.Driver) -> Iterator[Callable[[], str]]:
    """Gives an emptied graph to run a script in, and empties it again at the end.

    On a real Neo4j that is the one database, which the seeds share (the seeds fixture loads
    them again when it finds them gone). On FalkorDB a graph of its own is named, but FalkorDB
    4.16's Bolt layer ignores the name: every explicit transaction (all that Neo4jStore sends)
    goes to a graph called ``db`` and every auto-commit statement to one called ``falkordb``
    (``GRAPH.LIST`` shows just these two). The scripts here run as auto-commit statements, as
    cypher-shell runs them, so they never meet a store's graph, and emptying the graph first
    keeps one test's script from meeting another's."""
    used: list[str] = []

    def wipe(database: str) -> None:
        with bolt_driver.session(database=database) as session:
            session.run("MATCH (n) DETACH DELETE n").consume()

    def fresh() -> str:
        database = bolt_target.database
        if bolt_target.kind == "falkordb":
            database = f"{bolt_target.database}_export_{next(_graphs)}"
        wipe(database)
        used.append(database)
        return database

    yield fresh
    for database in used:
        wipe(database)


_TYPES: dict[str, Callable[[str], Any]] = {
    "int": int,
    "long": int,
    "double": float,
    "string": str,
    "boolean": lambda v: v == "true",
}


def _read_csv(content: bytes) -> tuple[Nodes, Relationships, dict[str, str]]:
    """Unzip, and read every file as neo4j-admin would: typed headers, empty fields absent,
    arrays split on the delimiter the README's command line gives."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    files = {Path(name).name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    readme = files["README.txt"]
    delimiter = ";"
    for word in readme.split():
        if word.startswith("--array-delimiter="):
            delimiter = word.split("=", 1)[1].strip("'")
    nodes: Nodes = {}
    rels: Relationships = {}
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        assert f"--nodes={name}" in readme or f"--relationships={name}" in readme, name
        rows = list(csv.reader(io.StringIO(text)))
        header = rows[0]
        for row in rows[1:]:
            fields: dict[str, Any] = {}
            special: dict[str, str] = {}
            for column, cell in zip(header, row, strict=True):
                key, _, type_ = column.partition(":")
                if type_ in ("ID", "LABEL", "START_ID", "END_ID", "TYPE"):
                    special[type_] = cell
                elif cell != "":
                    if type_.endswith("[]"):
                        fields[key] = [_TYPES[type_[:-2]](item) for item in cell.split(delimiter)]
                    else:
                        fields[key] = _TYPES[type_](cell)
            sources = json.loads(fields.pop("sources"))
            if name.startswith("nodes_"):
                shared, own = special["LABEL"].split(delimiter)
                assert shared == NODE_LABEL, special["LABEL"]
                nodes[special["ID"]] = (own, fields, sources)
            else:
                rels[(special["START_ID"], special["TYPE"], special["END_ID"])] = (fields, sources)
    return nodes, rels, files


def _lint(statements: list[str]) -> list[str]:
    """The errors Neo4j's own front end finds in the script's ``statements``."""
    named = {str(i): statement for i, statement in enumerate(statements)}
    return errors(lint((name, text, {}) for name, text in named.items()), named)


# -- the shipped seeds, through the API, on each backend -----------------------------------------


def test_json_round_trips_through_networkx(client: TestClient, seed_data: GraphData) -> None:
    content = _download(client, "json")
    document = json.loads(content)
    assert {"directed", "multigraph", "graph", "nodes", "links"} <= set(document)
    assert document["directed"] is True and document["multigraph"] is True
    found = _read_json(content)
    _assert_same(found, seed_data, keep_none=True)
    nodes, rels = found
    ccus = _node(seed_data, "tech.ccus")
    assert nodes["tech.ccus"][1]["aliases"] == ccus.properties["aliases"]
    assert isinstance(nodes["tech.ccus"][1]["trl"], int)
    assert [s["quote"] for s in nodes["tech.ccus"][2]] == [s.quote for s in ccus.sources]


def test_graphml_round_trips_through_networkx(client: TestClient, seed_data: GraphData) -> None:
    content = _download(client, "graphml")
    root = ET.fromstring(content)  # well-formed XML
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    assert len({k.get("id") for k in keys}) == len(keys)
    assert {k.get("attr.type") for k in keys} <= {"string", "int", "long", "double", "boolean"}
    declared = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert declared[("node", "label")] == declared[("edge", "type")] == "string"
    assert declared[("node", "trl")] == "int" and declared[("node", "value")] == "double"
    assert declared[("node", "inferred")] == "boolean"
    assert {"aliases", "sources"} <= _json_keys(content)
    _assert_same(_read_graphml(content), seed_data)
    nodes, _ = _read_graphml(content)
    assert nodes["tech.ccus"][1]["trl"] == _node(seed_data, "tech.ccus").properties["trl"]


def test_cypher_script_rebuilds_the_graph_over_bolt(
    client: TestClient,
    seed_data: GraphData,
    bolt_driver: neo4j.Driver,
    bolt_target: BoltTarget,
    empty_graph: Callable[[], str],
) -> None:
    script = _download(client, "cypher").decode("utf-8")
    graph_database = empty_graph()
    statements = _statements(script)
    assert statements[0].startswith("CREATE CONSTRAINT ckg_node_id")
    assert "REQUIRE n.id IS UNIQUE" in statements[0]
    assert max(len(s.encode("utf-8")) for s in statements) <= MAX_STATEMENT_BYTES
    _run_script(bolt_driver, graph_database, script, bolt_target.kind)
    found = _read_database(bolt_driver, graph_database)
    _assert_same(found, seed_data)
    apostrophes = [n for n in seed_data.nodes if "'" in n.name_en + str(n.properties.get("description_en"))]
    assert apostrophes, "the seeds have texts with an apostrophe, such as China's"
    assert found[0][apostrophes[0].id][1]["name_en"] == apostrophes[0].name_en
    # Twice gives the same graph.
    _run_script(bolt_driver, graph_database, script, bolt_target.kind)
    assert _read_database(bolt_driver, graph_database) == found


def test_cypher_script_passes_neo4js_front_end(memory_client: TestClient, seed_data: GraphData) -> None:
    """A sample: the constraints, and the first statement for each label and type."""
    statements = _statements(_download(memory_client, "cypher").decode("utf-8"))
    sample = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    for label in {n.label for n in seed_data.nodes}:
        sample.append(next(s for s in statements if s.startswith(f"MERGE (n:{NODE_LABEL}:{label} ")))
    for type_ in {r.type for r in seed_data.relationships}:
        sample.append(next(s for s in statements if f"MERGE (a)-[r:{type_}]->(b)" in s))
    assert not _lint(sample)


def test_csv_zip_is_what_neo4j_admin_imports(client: TestClient, seed_data: GraphData) -> None:
    content = _download(client, "csv")
    nodes, rels, files = _read_csv(content)
    _assert_same((nodes, rels), seed_data)
    labels = {n.label for n in seed_data.nodes}
    types = {r.type for r in seed_data.relationships}
    assert {f"nodes_{label}.csv" for label in labels} | {f"relationships_{t}.csv" for t in types} == {
        name for name in files if name.endswith(".csv")
    }
    technology = next(csv.reader(io.StringIO(files["nodes_Technology.csv"])))
    assert technology[:2] == ["id:ID", ":LABEL"]
    assert {"trl:int", "aliases:string[]", "sources:string"} <= set(technology)
    depends = next(csv.reader(io.StringIO(files["relationships_DEPENDS_ON.csv"])))
    assert depends[:3] == [":START_ID", ":END_ID", ":TYPE"]
    readme = files["README.txt"]
    assert "neo4j-admin database import full" in readme
    assert "--array-delimiter" not in readme  # no alias holds a ";"
    assert files["constraints.cypher"].startswith("CREATE CONSTRAINT ckg_node_id")
    ccus = nodes["tech.ccus"][1]
    assert ccus["aliases"] == _node(seed_data, "tech.ccus").properties["aliases"]


@pytest.mark.parametrize("format", FORMATS)
def test_both_backends_export_the_same_bytes(
    format: str, memory_client: TestClient, seeded_bolt_store: Neo4jStore
) -> None:
    with TestClient(create_app(store=seeded_bolt_store)) as bolt_client:
        assert _download(bolt_client, format) == _download(memory_client, format)


def test_export_defaults_to_json_and_refuses_unknown_formats(client: TestClient) -> None:
    assert client.get("/v1/export").headers["content-type"] == "application/json"
    response = client.get("/v1/export", params={"format": "xlsx"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["parameter"] == "format"
    assert "/v1/export" in client.get("/openapi.json").json()["paths"]


# -- awkward values, straight through the functions -----------------------------------------------

_AWKWARD = "It's a \\ back'slash, \"quoted\"; new\nline\r\ttab <&> 氫能 ✓"


def _awkward_graph() -> GraphData:
    long_text = "長" * 1500 + "'" * 200  # ~5 KB: no FalkorDB statement takes it whole
    source = Source("到 2025 年\n'實現'", 10, 22)
    tech: dict[str, PropertyValue] = {
        "aliases": ["a;b", "c'd", "e\\f", "g\nh"],
        "trl": 7,
        "horizon": 2**40,
        "basis": "curated",
    }
    tech |= {"description_zh": long_text, "rationale": None}
    steel: dict[str, PropertyValue] = {
        "aliases": [f"alias {i} 鋼" for i in range(300)],
        "basis": "plan",
    }  # ~4 KB of list
    target: dict[str, PropertyValue] = {
        "year": 2030,
        "value": 1e-05,
        "baseline_year": 2020,
        "quantified": True,
        "metric": "m",
    }
    nodes = (
        Node("tech.o'brien", "Technology", "氫'能", "氢'能", _AWKWARD, tech, (source,)),
        Node("sector.steel", "Sector", "鋼鐵", "钢铁", "Steel", steel),
        Node("milestone.x", "Milestone", "目標", "目标", "Target", target, (source, Source("x", 1, 2))),
    )
    rels = (
        Relationship(
            "APPLIES_TO", "tech.o'brien", "sector.steel", {"basis": "curated", "rationale": _AWKWARD}
        ),
        Relationship("CONTRIBUTES_TO", "tech.o'brien", "milestone.x", {"basis": "plan"}, (source,)),
    )
    return GraphData(nodes, rels)


def test_awkward_values_survive_json_graphml_and_csv() -> None:
    data = _awkward_graph()
    _assert_same(_read_json(export_json(data)), data, keep_none=True)
    graphml = export_graphml(data)
    ET.fromstring(graphml)
    _assert_same(_read_graphml(graphml), data)
    nodes, rels, files = _read_csv(export_csv(data))
    _assert_same((nodes, rels), data)
    assert "--array-delimiter='|'" in files["README.txt"]  # an alias holds ";"
    assert "--multiline-fields=true" in files["README.txt"]  # and one a line break
    assert "horizon:long" in files["nodes_Technology.csv"].splitlines()[0]


def test_awkward_values_survive_the_cypher_script(
    bolt_driver: neo4j.Driver, bolt_target: BoltTarget, empty_graph: Callable[[], str]
) -> None:
    graph_database = empty_graph()
    data = _awkward_graph()
    script = export_cypher(data).decode("utf-8")
    statements = _statements(script)
    assert max(len(s.encode("utf-8")) for s in statements) <= MAX_STATEMENT_BYTES
    assert any(".description_zh = n.description_zh + '" in s for s in statements)  # a text in pieces
    assert any(".aliases = n.aliases + [" in s for s in statements)  # a list in pieces
    _run_script(bolt_driver, graph_database, script, bolt_target.kind)
    _assert_same(_read_database(bolt_driver, graph_database), data)
    assert not _lint(statements)


def test_small_statements_rebuild_the_seeds_too(
    seed_data: GraphData, bolt_driver: neo4j.Driver, bolt_target: BoltTarget, empty_graph: Callable[[], str]
) -> None:
    """With statements of at most 400 bytes, records and sources go in several statements."""
    graph_database = empty_graph()
    script = export_cypher(seed_data, max_statement_bytes=400).decode("utf-8")
    assert max(len(s.encode("utf-8")) for s in _statements(script)) <= 400
    _run_script(bolt_driver, graph_database, script, bolt_target.kind)
    _assert_same(_read_database(bolt_driver, graph_database), seed_data)


def test_exports_are_deterministic_and_refuse_what_they_cannot_write(seed_data: GraphData) -> None:
    shuffled = GraphData(tuple(reversed(seed_data.nodes)), tuple(reversed(seed_data.relationships)))
    for write in (export_json, export_graphml, export_cypher, export_csv):
        assert write(shuffled) == write(seed_data)
    nan = GraphData((Node("m", "Milestone", "m", "m", "m", {"value": float("nan")}),), ())
    bell = GraphData((Node("m", "Milestone", "m", "m", "m\x07"),), ())
    dangling = GraphData((), (Relationship("ADVANCES", "m", "g"),))
    for write in (export_json, export_graphml, export_cypher, export_csv):
        with pytest.raises(ValueError):
            write(nan)
        with pytest.raises(ValueError):
            write(dangling)
    with pytest.raises(ValueError, match="XML 1.0"):
        export_graphml(bell)


def test_ckg_export_writes_the_same_bytes_as_the_api(memory_client: TestClient, tmp_path: Path) -> None:
    for fmt in ("json", "csv"):
        target = tmp_path / f"export.{fmt}"
        result = ckg("export", "--format", fmt, "--output", str(target))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes() == memory_client.get("/v1/export", params={"format": fmt}).content
