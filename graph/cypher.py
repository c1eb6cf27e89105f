"""Every Cypher statement ``Neo4jStore`` can send, in one registry.

Values always travel as parameters. Labels and relationship types appear in statement text
only when the statement is generated here, at import time, from the closed schema in
``graph.schema``. Each statement carries one example value per parameter it takes, so that
Neo4j's own front end can lint it (``tests/test_cypher_lint.py``) and the store can check that
it sends exactly the parameters a statement declares.

Every node also carries one shared label, ``NODE_LABEL``, beside its own label from the schema,
and ``id`` is unique across it (one constraint on Neo4j; one index on FalkorDB, whose
constraints are not Cypher). Every statement that finds a node by id finds it through that
label, so Neo4j seeks the constraint's index instead of scanning every node, and every
statement over the whole graph (counting, listing, searching, exporting, deleting) starts from
it, so nothing else in the database counts. ``tests/test_cypher_lint.py`` holds the registry to
both rules.

Both Neo4j and FalkorDB (the Bolt server the tests run against) must run every statement, so
the text keeps to the Cypher both engines share: no ``allShortestPaths``/``shortestPath`` in
``MATCH``, no label expressions, no ``IF NOT EXISTS`` on indexes, no quantified path
patterns, and bounds of variable-length patterns can't be parameters anyway. Several labels on a node
pattern (``MERGE (n:CkgNode:Technology {id: ...})``) both engines take. Shortest paths
and simple paths are ``queries.path_search``'s: it expands a frontier with one ``path_step_*``
statement and fetches the relationships between the node pairs it chose with one
``path_relationships_*`` statement (each cut into chunks only where FalkorDB's buffer needs it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.schema import LABELS, RELATIONSHIP_SPECS
from graph.store import SCORE_EXACT, SCORE_NAME, SCORE_PREFIX, SCORE_TEXT

__all__ = [
    "Statement",
    "STATEMENTS",
    "NODE_LABEL",
    "SEARCH_SCORES",
    "APPENDABLE_NODE_KEYS",
    "APPENDABLE_RELATIONSHIP_KEYS",
    "append_node_name",
    "append_relationship_name",
    "merge_nodes_name",
    "merge_relationships_name",
]

# The label every node of the graph carries besides its own (not one of the schema's labels).
NODE_LABEL = "CkgNode"


@dataclass(frozen=True)
class Statement:
    """A statement, and one example value for each parameter it takes."""

    name: str
    text: str
    examples: Mapping[str, object]

    @property
    def parameters(self) -> frozenset[str]:
        return frozenset(self.examples)


STATEMENTS: dict[str, Statement] = {}


def _add(name: str, text: str, **examples: object) -> None:
    if name in STATEMENTS:
        raise ValueError(f"duplicate statement name {name!r}")
    STATEMENTS[name] = Statement(name, " ".join(text.split()), examples)


# -- examples -------------------------------------------------------------------------------

_ID = "tech.ccus"
_NODE_PROPERTIES: dict[str, object] = {
    "id": _ID,
    "label": "Technology",
    "name_zh": "二氧化碳捕集利用與封存技術",
    "name_zh_hans": "二氧化碳捕集利用与封存技术",
    "name_en": "CCUS",
    "aliases": ["CCUS"],
    "trl": 7,
    "sources": '[{"quote": "CCUS", "start": 10, "end": 14}]',
    "search_names": ["tech.ccus", "二氧化碳捕集利用与封存技术", "ccus"],
    "search_text": "",
}
_RELATIONSHIP_PROPERTIES: dict[str, object] = {"basis": "plan", "sources": "[]"}
_TYPES = ["DEPENDS_ON", "PART_OF"]

# -- health ---------------------------------------------------------------------------------

_add("ping", "RETURN 1 AS ok")

# -- loading --------------------------------------------------------------------------------

# Neo4j: the one uniqueness constraint on id (it brings its own index).
_add(
    "id_constraint",
    f"CREATE CONSTRAINT ckg_node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
)
# FalkorDB: constraints are a Redis command, not Cypher; an index on id is what Cypher offers.
_add("id_index", f"CREATE INDEX FOR (n:{NODE_LABEL}) ON (n.id)")


def merge_nodes_name(label: str) -> str:
    return f"merge_nodes:{label}"


def merge_relationships_name(type_: str, source_label: str, target_label: str) -> str:
    return f"merge_relationships:{source_label}-{type_}->{target_label}"


# Loads delete the old graph first, so ``SET +=`` on a merged record sets exactly its
# properties; ``+=`` lets a record arrive in parts (as it must on FalkorDB, whose Bolt layer
# cannot take a long record in one statement: see graph.falkordb_bolt).
for _label in LABELS:
    _add(
        merge_nodes_name(_label),
        f"""UNWIND $rows AS row
        MERGE (n:{NODE_LABEL}:{_label} {{id: row.id}})
        SET n += row.properties
        RETURN count(n) AS written""",
        rows=[{"id": _ID, "properties": _NODE_PROPERTIES}],
    )

for _spec in RELATIONSHIP_SPECS:
    for _source in sorted(_spec.sources):
        for _target in sorted(_spec.targets):
            _add(
                merge_relationships_name(_spec.type, _source, _target),
                f"""UNWIND $rows AS row
                MATCH (a:{NODE_LABEL}:{_source} {{id: row.source}})
                MATCH (b:{NODE_LABEL}:{_target} {{id: row.target}})
                MERGE (a)-[r:{_spec.type}]->(b)
                SET r += row.properties
                RETURN count(r) AS written""",
                rows=[
                    {
                        "source": _ID,
                        "target": "tech.storage",
                        "type": _spec.type,
                        "properties": _RELATIONSHIP_PROPERTIES,
                    }
                ],
            )

# Text properties that may arrive in pieces, appended one statement each: FalkorDB's Bolt layer
# cannot take a value much over 3 KiB in one statement (see graph.falkordb_bolt).
APPENDABLE_NODE_KEYS = ("name_en", "description_zh", "description_en", "rationale", "sources", "search_text")
APPENDABLE_RELATIONSHIP_KEYS = ("rationale", "sources")


def append_node_name(key: str) -> str:
    return f"append_node_text:{key}"


def append_relationship_name(key: str) -> str:
    return f"append_relationship_text:{key}"


for _key in APPENDABLE_NODE_KEYS:
    _add(
        append_node_name(_key),
        f"MATCH (n:{NODE_LABEL} {{id: $id}}) SET n.{_key} = n.{_key} + $chunk RETURN count(n) AS written",
        id=_ID,
        chunk="…",
    )
for _key in APPENDABLE_RELATIONSHIP_KEYS:
    _add(
        append_relationship_name(_key),
        f"""MATCH (a:{NODE_LABEL} {{id: $source}})-[r]->(b:{NODE_LABEL} {{id: $target}}) WHERE type(r) = $type
        SET r.{_key} = r.{_key} + $chunk RETURN count(r) AS written""",
        source=_ID,
        target="tech.storage",
        type="DEPENDS_ON",
        chunk="…",
    )

_add("delete_all", f"MATCH (n:{NODE_LABEL}) DETACH DELETE n")

# -- counting -------------------------------------------------------------------------------

_add("count_nodes", f"MATCH (n:{NODE_LABEL}) RETURN count(n) AS count")
_add("count_relationships", f"MATCH (:{NODE_LABEL})-[r]->() RETURN count(r) AS count")
_add("label_counts", f"MATCH (n:{NODE_LABEL}) RETURN n.label AS label, count(*) AS count")
_add("type_counts", f"MATCH (:{NODE_LABEL})-[r]->() RETURN type(r) AS type, count(*) AS count")

# -- reading nodes --------------------------------------------------------------------------

_add("get_node", f"MATCH (n:{NODE_LABEL} {{id: $id}}) RETURN properties(n) AS properties", id=_ID)
_add(
    "nodes_by_id",
    f"MATCH (n:{NODE_LABEL}) WHERE n.id IN $ids RETURN properties(n) AS properties",
    ids=[_ID],
)

_LIST_MATCH = f"""MATCH (n:{NODE_LABEL})
WHERE ($label IS NULL OR n.label = $label)
  AND ($needle IS NULL OR any(name IN n.search_names WHERE name CONTAINS $needle))"""
_add("list_total", f"{_LIST_MATCH} RETURN count(n) AS total", label="Technology", needle="ccus")
_add(
    "list_page",
    f"""{_LIST_MATCH}
    RETURN n.id AS id, properties(n) AS properties
    ORDER BY id SKIP $offset LIMIT $limit""",
    label=None,
    needle="碳",
    offset=0,
    limit=20,
)

_NEIGHBOR = "type(r) AS type, properties(r) AS properties, properties(b) AS node"
_add(
    "neighbors_out",
    f"""MATCH (a:{NODE_LABEL} {{id: $id}})-[r]->(b)
    WHERE $types IS NULL OR type(r) IN $types
    RETURN a.id AS source, b.id AS target, {_NEIGHBOR}""",
    id=_ID,
    types=_TYPES,
)
_add(
    "neighbors_in",
    f"""MATCH (a:{NODE_LABEL} {{id: $id}})<-[r]-(b)
    WHERE $types IS NULL OR type(r) IN $types
    RETURN b.id AS source, a.id AS target, {_NEIGHBOR}""",
    id=_ID,
    types=None,
)

# Scores come in as parameters so that graph.store stays their one definition.
SEARCH_SCORES = {
    "score_exact": SCORE_EXACT,
    "score_prefix": SCORE_PREFIX,
    "score_name": SCORE_NAME,
    "score_text": SCORE_TEXT,
}
_add(
    "search",
    f"""MATCH (n:{NODE_LABEL})
    WHERE $label IS NULL OR n.label = $label
    WITH n, CASE
        WHEN $needle IN n.search_names THEN $score_exact
        WHEN any(name IN n.search_names WHERE name STARTS WITH $needle) THEN $score_prefix
        WHEN any(name IN n.search_names WHERE name CONTAINS $needle) THEN $score_name
        WHEN n.search_text CONTAINS $needle THEN $score_text
        ELSE 0
    END AS score
    WHERE score > 0
    RETURN n.id AS id, properties(n) AS properties, score
    ORDER BY score DESC, id LIMIT $limit""",
    needle="氢",
    label="Technology",
    limit=20,
    **SEARCH_SCORES,
)

_add("export_nodes", f"MATCH (n:{NODE_LABEL}) RETURN properties(n) AS properties")
_add(
    "export_relationships",
    f"MATCH (a:{NODE_LABEL})-[r]->(b)"
    " RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties",
)
_add(
    "subgraph_relationships",
    f"MATCH (a:{NODE_LABEL})-[r]->(b) WHERE type(r) IN $types"
    " RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS properties",
    types=_TYPES,
)

# -- dependencies: one breadth-first step over DEPENDS_ON ---------------------------------------

_add(
    "dependencies_upstream_step",
    f"MATCH (a:{NODE_LABEL})-[:DEPENDS_ON]->(b) WHERE a.id IN $frontier RETURN DISTINCT b.id AS id",
    frontier=[_ID],
)
_add(
    "dependencies_downstream_step",
    f"MATCH (a:{NODE_LABEL})<-[:DEPENDS_ON]-(b) WHERE a.id IN $frontier RETURN DISTINCT b.id AS id",
    frontier=[_ID],
)

# -- paths: the two primitives of queries.path_search, for shortest and simple paths alike ------
# A step expands one frontier (one layer of a breadth-first search) in one statement, returning
# each (frontier node, neighbour) pair once, over the allowed types; ``near`` is the frontier
# node. Searching back from the target walks relationships against their direction.

_STEP_WHERE = "WHERE a.id IN $frontier AND ($types IS NULL OR type(r) IN $types)"
_STEP_RETURN = "RETURN DISTINCT a.id AS near, b.id AS far"
_A = f"(a:{NODE_LABEL})"
for _name, _pattern in (("out", f"{_A}-[r]->(b)"), ("in", f"{_A}<-[r]-(b)"), ("both", f"{_A}-[r]-(b)")):
    _add(
        f"path_step_{_name}",
        f"MATCH {_pattern} {_STEP_WHERE} {_STEP_RETURN}",
        frontier=[_ID, "tech.storage"],
        types=_TYPES if _name != "both" else None,
    )

# Every relationship (of the allowed types) joining each of the node pairs the search chose, all
# the pairs in one statement; ``near`` is the end nearer the source.
_PAIR_RETURN = """RETURN a.id AS near, b.id AS far, type(r) AS type, startNode(r).id AS source,
    endNode(r).id AS target, properties(r) AS properties"""
for _name, _arrow in (("directed", "->"), ("undirected", "-")):
    _add(
        f"path_relationships_{_name}",
        f"""UNWIND $pairs AS pair
        MATCH (a:{NODE_LABEL} {{id: pair.near}})-[r]{_arrow}(b:{NODE_LABEL} {{id: pair.far}})
        WHERE $types IS NULL OR type(r) IN $types
        {_PAIR_RETURN}""",
        pairs=[{"near": _ID, "far": "tech.storage"}],
        types=_TYPES if _name == "directed" else None,
    )
