"""Neo4jStore: the graph in Neo4j (or any Bolt server speaking its Cypher), via the official driver.

Every query runs in the database; Python only sorts and cuts small result sets to the order
``graph.store`` documents, and carries the dependencies' breadth-first search from one layer's
statement to the next (paths are ``queries.path_search``'s, over ``expand`` and
``relationships_between``). Statements come from ``graph.cypher`` and nowhere else; how records
map onto properties is ``graph.neo4j_records``. Reads go through ``execute_read``, writes through
``execute_write``, each in a session on this store's database.

Nodes carry the shared label ``graph.cypher.NODE_LABEL``, unique on ``id``, and every lookup
by id goes through it. The statements are the same on every server; how they are sent (the
encoding of parameters, how loads and id lists are cut, how ``id`` is made unique) is the
store's ``Dialect`` (``graph.dialects``): named by the ``dialect`` argument, or for ``auto``
read once from what the server announces, and Neo4j unless the server is clearly FalkorDB.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    ConnectionPoolError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.cypher import SEARCH_SCORES, STATEMENTS
from graph.dialects import Dialect, DialectSetting, choose, is_auth_failure
from graph.errors import BackendAuthError, BackendUnavailable
from graph.model import GraphData, Node, Relationship
from graph.neo4j_records import Row, node_from, plan_rows, relationship_from
from graph.store import Direction, Neighbor, Pair, Progress, SearchHit
from graph.version import graph_version

__all__ = ["Neo4jStore", "make_driver", "Progress"]


T = TypeVar("T")
# Seconds a version read from the database is reused (readiness probes ask often).
VERSION_TTL = 30.0


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

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        *,
        owns_driver: bool = False,
        dialect: DialectSetting = "auto",
    ) -> None:
        self._driver = driver
        self._database = database
        self._owns_driver = owns_driver
        self._dialect_setting = dialect
        self._dialect: Dialect | None = None
        self._version: tuple[float, str] | None = None  # (when it was read, the version)

    @classmethod
    def connect(
        cls,
        uri: str,
        username: str,
        password: str,
        database: str,
        *,
        timeout: float = 5.0,
        dialect: DialectSetting = "auto",
    ) -> Neo4jStore:
        """A store with a driver of its own, closed by ``close()``."""
        driver = make_driver(uri, username, password, timeout=timeout)
        return cls(driver, database, owns_driver=True, dialect=dialect)

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    @property
    def dialect(self) -> Dialect:
        """How statements are sent to this server: chosen once, on first use."""
        return self._choose_dialect()

    def _choose_dialect(self) -> Dialect:
        if self._dialect is None:
            with self._translate():
                self._dialect = choose(self._dialect_setting, self._server_info)
        return self._dialect

    def _server_info(self) -> neo4j.ServerInfo:
        """What the server announces (its agent, the Bolt version agreed), read off a statement
        that takes no parameters, so needs no dialect. It goes through ``execute_read``, which
        retries a failed connection; ``driver.get_server_info()`` would not, and on FalkorDB the
        first connection after another driver has closed fails."""
        with self._session() as session:
            return session.execute_read(lambda tx: tx.run(STATEMENTS["ping"].text).consume().server)

    # -- writing -------------------------------------------------------------------------

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        """The id constraint first, then one transaction that deletes the old graph and writes
        the new one in batches; on Neo4j a failure rolls it all back. Raises ``ValueError`` for
        data outside the schema (checked before anything is sent)."""
        steps = self.dialect.load_steps(plan_rows(data))
        total = sum(count for _, _, count in steps)

        def write(tx: neo4j.ManagedTransaction) -> None:
            self._run(tx, "delete_all")
            done = 0
            for name, parameters, count in steps:
                written = self._run(tx, name, **parameters)[0]["written"]
                if written != count:
                    raise RuntimeError(f"{name}: wrote {written} of {count} records")
                done += count
                if progress is not None:
                    progress(done, total)

        with self._translate(), self._session() as session:
            self.dialect.declare_unique_ids(lambda name: session.execute_write(self._run, name))
            session.execute_write(write)
        self._version = None

    # -- health and counting -------------------------------------------------------------

    def ping(self) -> None:
        self._read(lambda tx: self._run(tx, "ping"))

    def counts(self) -> tuple[int, int]:
        def work(tx: neo4j.ManagedTransaction) -> tuple[int, int]:
            nodes = self._run(tx, "count_nodes")[0]["count"]
            relationships = self._run(tx, "count_relationships")[0]["count"]
            return int(nodes), int(relationships)

        return self._read(work)

    def version(self) -> str:
        """Read from the whole database at most once every ``VERSION_TTL`` seconds; in between,
        the database is still asked whether it answers (``BackendUnavailable`` if not), so that
        nothing is taken for the graph's while the database is away."""
        now = time.monotonic()
        if self._version is None or now - self._version[0] > VERSION_TTL:
            self._version = (now, graph_version(self.export()))
        else:
            self.ping()
        return self._version[1]

    def version_at_hand(self) -> str | None:
        return None  # never: even a cached version is only given once the database answers a ping

    def label_counts(self) -> dict[str, int]:
        rows = self._read(lambda tx: self._run(tx, "label_counts"))
        return {row["label"]: int(row["count"]) for row in rows}

    def type_counts(self) -> dict[str, int]:
        rows = self._read(lambda tx: self._run(tx, "type_counts"))
        return {row["type"]: int(row["count"]) for row in rows}

    # -- reading -------------------------------------------------------------------------

    def get_node(self, node_id: str) -> Node | None:
        rows = self._read(lambda tx: self._run(tx, "get_node", id=node_id))
        return node_from(rows[0]["properties"]) if rows else None

    def list_nodes(
        self, label: str | None, needle: str | None, limit: int, offset: int
    ) -> tuple[list[Node], int]:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[Row], int]:
            total = self._run(tx, "list_total", label=label, needle=needle)[0]["total"]
            page = self._run(tx, "list_page", label=label, needle=needle, offset=offset, limit=limit)
            return page, int(total)

        page, total = self._read(work)
        return sorted((node_from(row["properties"]) for row in page), key=lambda n: n.id), total

    def neighbors(self, node_id: str, direction: Direction, types: list[str] | None) -> list[Neighbor]:
        names = {"out": ["neighbors_out"], "in": ["neighbors_in"], "both": ["neighbors_out", "neighbors_in"]}

        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [row for name in names[direction] for row in self._run(tx, name, id=node_id, types=types)]

        found = [Neighbor(relationship_from(row), node_from(row["node"])) for row in self._read(work)]
        return sorted(found, key=lambda n: (n.relationship.type, n.node.id, n.relationship.source))

    def search(self, needle: str, label: str | None, limit: int) -> list[SearchHit]:
        rows = self._read(
            lambda tx: self._run(tx, "search", needle=needle, label=label, limit=limit, **SEARCH_SCORES)
        )
        hits = [SearchHit(node_from(row["properties"]), int(row["score"])) for row in rows]
        return sorted(hits, key=lambda h: (-h.score, h.node.id))

    def nodes_by_id(self, ids: Sequence[str]) -> dict[str, Node]:
        return self._read(lambda tx: self._nodes_by_id(tx, list(ids)))

    def expand(
        self, frontier: Sequence[str], types: Sequence[str] | None, direction: Direction
    ) -> list[Pair]:
        name = f"path_step_{direction}"
        rows = self._read(
            lambda tx: self._run_chunked(tx, name, "frontier", list(frontier), types=_listed(types))
        )
        return sorted({(row["near"], row["far"]) for row in rows})

    def relationships_between(
        self, pairs: Sequence[Pair], types: Sequence[str] | None, directed: bool
    ) -> list[Relationship]:
        if not pairs:
            return []
        name = "path_relationships_directed" if directed else "path_relationships_undirected"
        listed = [{"near": near, "far": far} for near, far in pairs]
        rows = self._read(lambda tx: self._run_chunked(tx, name, "pairs", listed, types=_listed(types)))
        found = {rel.key: rel for rel in map(relationship_from, rows)}
        return [found[key] for key in sorted(found)]

    def dependencies(self, node_id: str, upstream: bool, max_depth: int) -> list[tuple[str, int]]:
        """Breadth-first over DEPENDS_ON, one statement per depth, so each node comes at its
        shortest depth."""
        step = "dependencies_upstream_step" if upstream else "dependencies_downstream_step"

        def work(tx: neo4j.ManagedTransaction) -> dict[str, int]:
            depth_of: dict[str, int] = {node_id: 0}
            frontier = [node_id]
            for depth in range(1, max_depth + 1):
                reached = [row["id"] for row in self._run_chunked(tx, step, "frontier", frontier)]
                frontier = [found for found in dict.fromkeys(reached) if found not in depth_of]
                if not frontier:
                    break
                depth_of.update((found, depth) for found in frontier)
            del depth_of[node_id]
            return depth_of

        return sorted(self._read(work).items(), key=lambda item: (item[1], item[0]))

    def export(self) -> GraphData:
        return self._graph("export_relationships", {})

    def subgraph(self, types: list[str]) -> GraphData:
        return self._graph("subgraph_relationships", {"types": types})

    def _graph(self, relationships: str, parameters: dict[str, object]) -> GraphData:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[Row], list[Row]]:
            return self._run(tx, "export_nodes"), self._run(tx, relationships, **parameters)

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
        self._choose_dialect()  # before the work, which the driver may retry
        with self._translate(), self._session() as session:
            return session.execute_read(work)

    @contextmanager
    def _translate(self) -> Iterator[None]:
        """Driver and socket failures become ``BackendUnavailable``; refused credentials
        ``BackendAuthError``; anything else (a bug in a statement) propagates as it is."""
        try:
            yield
        except Neo4jError as error:
            if is_auth_failure(error):
                raise BackendAuthError(
                    f"the graph database refused the credentials for database {self._database!r}: "
                    "check NEO4J_USERNAME and NEO4J_PASSWORD"
                ) from error
            raise
        except (ServiceUnavailable, SessionExpired, ConnectionPoolError, OSError) as error:
            detail = " ".join(str(error).split()) or type(error).__name__
            raise BackendUnavailable(f"the graph database is unavailable: {detail}") from error

    # -- statements ------------------------------------------------------------------------

    def _run(self, tx: neo4j.ManagedTransaction, name: str, /, **parameters: Any) -> list[Row]:
        """Run a registry statement with exactly the parameters it declares, as the dialect
        sends them."""
        statement = STATEMENTS[name]
        if set(parameters) != statement.parameters:
            raise TypeError(f"{name} takes {sorted(statement.parameters)}, got {sorted(parameters)}")
        sent = self.dialect.parameters(statement, parameters)
        return [record.data() for record in tx.run(statement.text, sent)]

    def _run_chunked(
        self, tx: neo4j.ManagedTransaction, name: str, list_parameter: str, items: list[Any], /, **others: Any
    ) -> list[Row]:
        """A statement over a list (of ids, say), in as many runs as the dialect needs;
        ``others`` are the statement's other parameters, the same in every run."""
        chunks = self.dialect.chunks(STATEMENTS[name], list_parameter, items, others)
        return [row for chunk in chunks for row in self._run(tx, name, **{list_parameter: chunk}, **others)]

    def _nodes_by_id(self, tx: neo4j.ManagedTransaction, ids: list[str]) -> dict[str, Node]:
        rows = self._run_chunked(tx, "nodes_by_id", "ids", ids) if ids else []
        return {node.id: node for node in (node_from(row["properties"]) for row in rows)}


def _listed(types: Sequence[str] | None) -> list[str] | None:
    return list(types) if types is not None else None
