"""Neo4jStore: the graph in Neo4j (or any Bolt server speaking its Cypher), via the official driver.

Every query runs in the database; Python only sorts and cuts small result sets to the order
``graph.store`` documents. Statements come from ``graph.cypher`` and nowhere else; how records
map onto properties is ``graph.neo4j_records``. Reads go through ``execute_read``, writes through
``execute_write``, each in a session on this store's database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConnectionPoolError,
    DatabaseError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.cypher import (
    MAX_SHORTEST_HOPS,
    MAX_SIMPLE_HOPS,
    STATEMENTS,
    constraint_name,
    index_name,
    path_name,
)
from graph.errors import BackendAuthError, BackendUnavailable
from graph.model import GraphData, Node
from graph.neo4j_records import Row, node_from, plan_batches, relationship_from
from graph.schema import LABELS
from graph.store import (
    SCORE_EXACT,
    SCORE_NAME,
    SCORE_PREFIX,
    SCORE_TEXT,
    Dependency,
    Direction,
    Neighbor,
    Path,
    SearchHit,
    path_sort_key,
)

__all__ = ["Neo4jStore", "make_driver", "Progress"]

Progress = Callable[[int, int], None]
"""Called with (rows written, rows in all) after each batch of a load."""

T = TypeVar("T")
Dialect = Literal["neo4j", "falkordb"]


def make_driver(uri: str, username: str, password: str, *, timeout: float = 5.0) -> neo4j.Driver:
    """The process's one driver, with short timeouts: a database that is down, refuses
    connections or never answers is reported about ``timeout`` seconds after the call (plus
    the driver's retry delay of about a second), not after the driver's default minute.

    The driver retries a transaction that failed for want of a connection at least once; each
    attempt may take ``timeout / 2`` to connect and shake hands, and retries stop
    ``timeout / 2`` after the first failure. That retry also rides out a connection that died
    under an idle pool, which is how the store recovers when the server comes back.
    """
    return neo4j.GraphDatabase.driver(
        uri,
        auth=(username, password),
        connection_timeout=timeout / 2,
        connection_acquisition_timeout=timeout / 2,
        max_transaction_retry_time=timeout / 2,
    )


class Neo4jStore:
    """A ``GraphStore`` over one database (a graph, on FalkorDB) of a Neo4j server."""

    backend = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str, *, owns_driver: bool = False) -> None:
        self._driver = driver
        self._database = database
        self._owns_driver = owns_driver
        self._dialect: Dialect | None = None

    @classmethod
    def connect(
        cls, uri: str, username: str, password: str, database: str, *, timeout: float = 5.0
    ) -> Neo4jStore:
        """A store with a driver of its own, closed by ``close()``."""
        return cls(make_driver(uri, username, password, timeout=timeout), database, owns_driver=True)

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    # -- writing -------------------------------------------------------------------------

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        """Constraints first, then one transaction that deletes the old graph and writes the new
        one in batches; on Neo4j a failure rolls it all back. Raises ``ValueError`` for data
        outside the schema (checked before anything is sent)."""
        batches = plan_batches(data)
        total = len(data.nodes) + len(data.relationships)

        def write(tx: neo4j.ManagedTransaction) -> None:
            _run(tx, "delete_all")
            done = 0
            for name, rows in batches:
                written = _run(tx, name, rows=rows)[0]["written"]
                if written != len(rows):
                    raise RuntimeError(f"{name}: wrote {written} of {len(rows)} rows")
                done += len(rows)
                if progress is not None:
                    progress(done, total)

        with self._translate():
            self._ensure_constraints()
            with self._session() as session:
                session.execute_write(write)

    def _ensure_constraints(self) -> None:
        if self._dialect is None:
            self._dialect = self._detect_dialect()
        with self._session() as session:
            for label in LABELS:
                if self._dialect == "neo4j":
                    session.execute_write(_run, constraint_name(label))
                    continue
                try:
                    session.execute_write(_run, index_name(label))
                except DatabaseError as error:
                    # FalkorDB has no IF NOT EXISTS, and its error for an existing index is
                    # opaque; connection failures are other exception classes and propagate.
                    if _is_auth_failure(error):
                        raise

    def _detect_dialect(self) -> Dialect:
        with self._session() as session:
            try:
                session.execute_read(_run, "dialect")
            except DatabaseError as error:
                if _is_auth_failure(error):
                    raise
                return "falkordb"
        return "neo4j"

    # -- health and counting -------------------------------------------------------------

    def ping(self) -> None:
        self._read(lambda tx: _run(tx, "ping"))

    def counts(self) -> tuple[int, int]:
        def work(tx: neo4j.ManagedTransaction) -> tuple[int, int]:
            nodes = _run(tx, "count_nodes")[0]["count"]
            relationships = _run(tx, "count_relationships")[0]["count"]
            return int(nodes), int(relationships)

        return self._read(work)

    def label_counts(self) -> dict[str, int]:
        rows = self._read(lambda tx: _run(tx, "label_counts"))
        return {row["label"]: int(row["count"]) for row in rows}

    def type_counts(self) -> dict[str, int]:
        rows = self._read(lambda tx: _run(tx, "type_counts"))
        return {row["type"]: int(row["count"]) for row in rows}

    # -- reading -------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        rows = self._read(lambda tx: _run(tx, "get_node", id=node_id))
        return node_from(rows[0]["properties"]) if rows else None

    def list_nodes(
        self, label: str | None, needle: str | None, limit: int, offset: int
    ) -> tuple[list[Node], int]:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[Row], int]:
            total = _run(tx, "list_total", label=label, needle=needle)[0]["total"]
            page = _run(tx, "list_page", label=label, needle=needle, offset=offset, limit=limit)
            return page, int(total)

        page, total = self._read(work)
        return sorted((node_from(row["properties"]) for row in page), key=lambda n: n.id), total

    def neighbors(self, node_id: str, direction: Direction, types: list[str] | None) -> list[Neighbor]:
        names = {"out": ["neighbors_out"], "in": ["neighbors_in"], "both": ["neighbors_out", "neighbors_in"]}

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [row for name in names[direction] for row in _run(tx, name, id=node_id, types=types)]

        found = [Neighbor(relationship_from(row), node_from(row["node"])) for row in self._read(work)]
        return sorted(found, key=lambda n: (n.relationship.type, n.node.id, n.relationship.source))

    def search(self, needle: str, label: str | None, limit: int) -> list[SearchHit]:
        rows = self._read(
            lambda tx: _run(
                tx,
                "search",
                needle=needle,
                label=label,
                limit=limit,
                score_exact=SCORE_EXACT,
                score_prefix=SCORE_PREFIX,
                score_name=SCORE_NAME,
                score_text=SCORE_TEXT,
            )
        )
        hits = [SearchHit(node_from(row["properties"]), int(row["score"])) for row in rows]
        return sorted(hits, key=lambda h: (-h.score, h.node.id))

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        types: list[str] | None,
        directed: bool,
        limit: int,
    ) -> list[Path]:
        """Iterative deepening: the first length with any path gives all the shortest paths
        (a shortest walk never repeats a node, so the distinct-node patterns miss none)."""
        _check_hops(max_hops, MAX_SHORTEST_HOPS)

        def work(tx: neo4j.ManagedTransaction) -> list[Path]:
            if source == target:
                return _trivial_path(tx, source)
            for hops in range(1, max_hops + 1):
                rows = _run(tx, path_name(hops, directed), source=source, target=target, types=types)
                if rows:
                    return _paths(tx, rows)
            return []

        return sorted(self._read(work), key=path_sort_key)[:limit]

    def simple_paths(self, source: str, target: str, max_hops: int, directed: bool, limit: int) -> list[Path]:
        """Length by length, stopping once ``limit`` paths are in hand: the order puts shorter
        paths first, so no longer path can make the cut."""
        _check_hops(max_hops, MAX_SIMPLE_HOPS)

        def work(tx: neo4j.ManagedTransaction) -> list[Path]:
            if source == target:
                return _trivial_path(tx, source)
            rows: list[Row] = []
            for hops in range(1, max_hops + 1):
                if len(rows) >= limit:
                    break
                rows += _run(tx, path_name(hops, directed), source=source, target=target, types=None)
            return _paths(tx, rows)

        return sorted(self._read(work), key=path_sort_key)[:limit]

    def dependencies(self, node_id: str, upstream: bool, max_depth: int) -> list[Dependency]:
        """Breadth-first over DEPENDS_ON, one statement per depth, so each node comes at its
        shortest depth."""
        step = "dependencies_upstream_step" if upstream else "dependencies_downstream_step"

        def work(tx: neo4j.ManagedTransaction) -> list[Dependency]:
            depth_of: dict[str, int] = {}
            frontier, seen = [node_id], [node_id]
            for depth in range(1, max_depth + 1):
                frontier = [row["id"] for row in _run(tx, step, frontier=frontier, seen=seen)]
                if not frontier:
                    break
                depth_of.update((found, depth) for found in frontier)
                seen += frontier
            nodes = _nodes_by_id(tx, list(depth_of))
            return [Dependency(nodes[found], depth) for found, depth in depth_of.items()]

        return sorted(self._read(work), key=lambda dep: (dep.depth, dep.node.id))

    def export(self) -> GraphData:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[Row], list[Row]]:
            return _run(tx, "export_nodes"), _run(tx, "export_relationships")

        node_rows, relationship_rows = self._read(work)
        return GraphData(
            nodes=tuple(sorted((node_from(row["properties"]) for row in node_rows), key=lambda n: n.id)),
            relationships=tuple(
                sorted((relationship_from(row) for row in relationship_rows), key=lambda r: r.key)
            ),
        )

    # -- sessions and errors -------------------------------------------------------------

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self._database)

    def _read(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        with self._translate(), self._session() as session:
            return session.execute_read(work)

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """Driver and socket failures become ``BackendUnavailable``; refused credentials
        ``BackendAuthError``; anything else (a bug in a statement) propagates as it is."""
        try:
            yield
        except Neo4jError as error:
            if _is_auth_failure(error):
                raise BackendAuthError(
                    f"the graph database refused the credentials for database {self._database!r}: "
                    "check NEO4J_USERNAME and NEO4J_PASSWORD"
                ) from error
            raise
        except (ServiceUnavailable, SessionExpired, ConnectionPoolError, OSError) as error:
            detail = " ".join(str(error).split()) or type(error).__name__
            raise BackendUnavailable(f"the graph database is unavailable: {detail}") from error


# -- statements ----------------------------------------------------------------------------


def _run(tx: neo4j.ManagedTransaction, name: str, /, **parameters: object) -> list[Row]:
    """Run a registry statement with exactly the parameters it declares."""
    statement = STATEMENTS[name]
    if set(parameters) != statement.parameters:
        raise TypeError(f"{name} takes {sorted(statement.parameters)}, got {sorted(parameters)}")
    return [record.data() for record in tx.run(statement.text, parameters)]


def _is_auth_failure(error: Neo4jError) -> bool:
    # FalkorDB reports refused credentials as an unknown error whose metadata says what it is.
    code = str(error.metadata.get("code", "")) if isinstance(error.metadata, dict) else ""
    return isinstance(error, AuthError) or code.endswith("Security.Unauthorized")


def _check_hops(max_hops: int, cap: int) -> None:
    if max_hops > cap:
        raise ValueError(f"max_hops {max_hops} is above this backend's cap of {cap}")


def _nodes_by_id(tx: neo4j.ManagedTransaction, ids: list[str]) -> dict[str, Node]:
    if not ids:
        return {}
    nodes = (node_from(row["properties"]) for row in _run(tx, "nodes_by_id", ids=ids))
    return {node.id: node for node in nodes}


def _trivial_path(tx: neo4j.ManagedTransaction, node_id: str) -> list[Path]:
    nodes = _nodes_by_id(tx, [node_id])
    return [Path((nodes[node_id],), ())] if nodes else []


def _paths(tx: neo4j.ManagedTransaction, rows: list[Row]) -> list[Path]:
    nodes = _nodes_by_id(tx, sorted({node_id for row in rows for node_id in row["ids"]}))
    return [
        Path(tuple(nodes[i] for i in row["ids"]), tuple(relationship_from(r) for r in row["relationships"]))
        for row in rows
    ]
