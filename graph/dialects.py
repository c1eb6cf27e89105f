"""What differs between the Bolt servers ``Neo4jStore`` runs on, behind one small interface.

``Neo4jStore`` sends the same statements to every server; a ``Dialect`` decides only how they
are sent: how parameters are encoded, how a load and a long list of ids are cut into statements,
and how uniqueness of ``id`` is declared.

- ``NEO4J`` does the plain thing: parameters as they are, loads in batches of ``BATCH_SIZE``
  rows, lists whole, and the uniqueness constraint on the shared node label.
- ``FALKORDB`` holds the quirks of FalkorDB's Bolt layer (``graph.falkordb_bolt``): strings
  escaped, every statement kept within its buffer, and an index on ``id`` instead of a
  constraint (FalkorDB's constraints are not Cypher).

The dialect is named by configuration (``NEO4J_DIALECT``: ``auto``, ``neo4j`` or ``falkordb``)
or, for ``auto``, read from what the server announces when a connection opens (its agent and the
Bolt version agreed: the ``ServerInfo`` of ``driver.get_server_info()``, which the store reads
off a statement's summary so that the driver's retries apply). It fails closed: only a server
that is clearly FalkorDB gets FalkorDB's treatment; anything else, and any unexpected error
while asking, is Neo4j. FalkorDB 4.x does not name itself: its Bolt layer announces the agent
``Neo4j/5.13.0`` whatever its version. It gives itself away by also agreeing on a Bolt protocol
newer than that Neo4j release ever spoke (Neo4j 5.13 introduced Bolt 5.4 and went no further;
FalkorDB 4.16 agrees on 5.7). A real Neo4j never announces one version and speaks a later one's
protocol, so it is never taken for FalkorDB.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConnectionPoolError,
    DatabaseError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import falkordb_bolt
from graph.cypher import Statement
from graph.neo4j_records import Row, batches

__all__ = [
    "Dialect",
    "DialectSetting",
    "Step",
    "NEO4J",
    "FALKORDB",
    "FALKORDB_AGENT",
    "dialect_for",
    "detect",
    "choose",
    "is_auth_failure",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
Step = falkordb_bolt.Step
DialectSetting = Literal["auto", "neo4j", "falkordb"]

# The agent FalkorDB's Bolt layer announces (written into its HELLO reply), and the newest Bolt
# protocol the Neo4j release of that name speaks.
FALKORDB_AGENT = "Neo4j/5.13.0"
NEO4J_5_13_NEWEST_BOLT = (5, 4)


class Dialect(Protocol):
    """The operations that differ between servers; everything else is plain Neo4j."""

    @property
    def name(self) -> Literal["neo4j", "falkordb"]: ...

    def parameters(self, statement: Statement, parameters: dict[str, Any]) -> dict[str, Any]:
        """The parameters to send with ``statement``; ``ValueError`` if they cannot be sent."""
        ...

    def chunks(
        self, statement: Statement, list_parameter: str, items: list[T], others: Mapping[str, Any]
    ) -> list[list[T]]:
        """``items`` (the value of ``list_parameter``) cut into as many runs as the server needs."""
        ...

    def load_steps(self, groups: list[tuple[str, list[Row]]]) -> list[Step]:
        """A load's rows (statement name, rows) as (statement name, parameters, records)."""
        ...

    def declare_unique_ids(self, write: Callable[[str], object]) -> None:
        """Make ``id`` unique (or at least indexed) on the shared label; ``write`` runs a
        registry statement, by name, in a write transaction of its own."""
        ...


class _Neo4j:
    name: Literal["neo4j"] = "neo4j"

    def parameters(self, statement: Statement, parameters: dict[str, Any]) -> dict[str, Any]:
        return parameters

    def chunks(
        self, statement: Statement, list_parameter: str, items: list[T], others: Mapping[str, Any]
    ) -> list[list[T]]:
        return [items]

    def load_steps(self, groups: list[tuple[str, list[Row]]]) -> list[Step]:
        return [(name, {"rows": rows}, len(rows)) for name, rows in batches(groups)]

    def declare_unique_ids(self, write: Callable[[str], object]) -> None:
        write("id_constraint")


class _FalkorDB:
    name: Literal["falkordb"] = "falkordb"

    def parameters(self, statement: Statement, parameters: dict[str, Any]) -> dict[str, Any]:
        size = falkordb_bolt.statement_size(statement.text, parameters)
        if size > falkordb_bolt.BUDGET:
            raise ValueError(
                f"{statement.name}: {size} bytes as FalkorDB prints it, over {falkordb_bolt.BUDGET}"
            )
        encoded: dict[str, Any] = falkordb_bolt.encode(parameters)
        return encoded

    def chunks(
        self, statement: Statement, list_parameter: str, items: list[T], others: Mapping[str, Any]
    ) -> list[list[T]]:
        room = falkordb_bolt.BUDGET - falkordb_bolt.statement_size(
            statement.text, {list_parameter: [], **others}
        )
        return falkordb_bolt.pack(items, room)

    def load_steps(self, groups: list[tuple[str, list[Row]]]) -> list[Step]:
        return [step for name, rows in groups for step in falkordb_bolt.load_steps(name, rows)]

    def declare_unique_ids(self, write: Callable[[str], object]) -> None:
        try:
            write("id_index")
        except DatabaseError as error:
            # FalkorDB has no IF NOT EXISTS, and its error for an existing index is opaque;
            # connection failures are other exception classes and propagate.
            if is_auth_failure(error):
                raise


NEO4J: Dialect = _Neo4j()
FALKORDB: Dialect = _FalkorDB()


def dialect_for(agent: str, protocol_version: tuple[int, ...]) -> Dialect:
    """The dialect for a server announcing ``agent`` over Bolt ``protocol_version``: FalkorDB
    only when that is clear, Neo4j otherwise."""
    if agent.startswith("FalkorDB/"):
        return FALKORDB
    if agent == FALKORDB_AGENT and tuple(protocol_version) > NEO4J_5_13_NEWEST_BOLT:
        return FALKORDB
    return NEO4J


def detect(ask: Callable[[], neo4j.ServerInfo]) -> Dialect:
    """The dialect for the server ``ask`` reaches. A failure to connect or to log in propagates
    (it is the caller's to report); any other error is logged and gives Neo4j."""
    try:
        info = ask()
        return dialect_for(str(info.agent), tuple(info.protocol_version))
    except (ServiceUnavailable, SessionExpired, ConnectionPoolError, AuthError, OSError):
        raise
    except Neo4jError as error:
        if is_auth_failure(error):
            raise
        log.warning("could not tell which Bolt server this is; treating it as Neo4j", exc_info=True)
    except Exception:
        log.warning("could not tell which Bolt server this is; treating it as Neo4j", exc_info=True)
    return NEO4J


def choose(setting: DialectSetting, ask: Callable[[], neo4j.ServerInfo]) -> Dialect:
    """The dialect a setting names; for ``auto``, detected from what ``ask`` returns (the
    server's announcement), and ``ask`` is called only then."""
    if setting == "neo4j":
        return NEO4J
    if setting == "falkordb":
        return FALKORDB
    return detect(ask)


def is_auth_failure(error: Neo4jError) -> bool:
    """Refused credentials, as Neo4j reports them and as FalkorDB does (an unknown error whose
    metadata says what it is)."""
    code = str(error.metadata.get("code", "")) if isinstance(error.metadata, dict) else ""
    return isinstance(error, AuthError) or code.endswith("Security.Unauthorized")
