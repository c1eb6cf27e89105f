"""Which dialect a store speaks: read from the real server, named by configuration, and Neo4j
whenever the server is not clearly FalkorDB, an unexpected error while asking included."""

from __future__ import annotations

import logging
import socket
import struct
import threading
from collections.abc import Iterator

import neo4j
import pytest
from neo4j.exceptions import Neo4jError

from api.backend import connect_neo4j
from api.settings import Settings
from graph.cypher import STATEMENTS
from graph.dialects import FALKORDB, FALKORDB_AGENT, NEO4J, dialect_for
from graph.model import GraphData
from graph.neo4j_store import Neo4jStore
from launch.ports import free_port
from tests.bolt_fixtures import BoltTarget


@pytest.mark.parametrize(
    ("agent", "protocol", "expected"),
    [
        ("Neo4j/5.13.0", (5, 7), "falkordb"),  # FalkorDB 4.16's announcement
        ("Neo4j/5.13.0", (5, 8), "falkordb"),
        ("FalkorDB/4.18.0", (5, 7), "falkordb"),  # should it ever name itself
        ("Neo4j/5.13.0", (5, 4), "neo4j"),  # the real Neo4j 5.13
        ("Neo4j/5.13.0", (5, 0), "neo4j"),
        ("Neo4j/5.26.0", (5, 7), "neo4j"),
        ("Neo4j/2025.10.1", (6, 0), "neo4j"),
        ("Neo4j/4.4.30", (4, 4), "neo4j"),
        ("Neo4j/5.13.0-aura", (5, 7), "neo4j"),
        ("Memgraph/2.19.0", (5, 2), "neo4j"),
        ("falkordb/4.16.3", (5, 7), "neo4j"),  # not the exact name: not clear enough
        ("None", (5, 7), "neo4j"),  # the driver's text for a server that announced nothing
        ("", (5, 7), "neo4j"),
    ],
)
def test_only_a_clear_falkordb_announcement_gives_falkordb(
    agent: str, protocol: tuple[int, int], expected: str
) -> None:
    assert dialect_for(agent, protocol).name == expected


def test_the_real_server_is_recognised(bolt_target: BoltTarget, bolt_driver: neo4j.Driver) -> None:
    """FalkorDB announces itself as Neo4j 5.13.0 over a Bolt version that release never spoke;
    a real Neo4j (with NEO4J_URI) is Neo4j."""
    info = bolt_driver.get_server_info()
    store = Neo4jStore(bolt_driver, bolt_target.database)
    if bolt_target.kind == "falkordb":
        assert (info.agent, info.protocol_version > (5, 4)) == (FALKORDB_AGENT, True)
        assert store.dialect is FALKORDB
    else:
        assert store.dialect is NEO4J


def test_the_configuration_names_the_dialect_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Named outright, the dialect is taken as it is: nothing listens on the port."""
    uri = f"bolt://127.0.0.1:{free_port()}"
    for value, expected in (("falkordb", FALKORDB), ("neo4j", NEO4J)):
        monkeypatch.setenv("NEO4J_DIALECT", value)
        store = connect_neo4j(Settings(neo4j_uri=uri))
        try:
            assert store.dialect is expected
        finally:
            store.close()
    monkeypatch.setenv("NEO4J_DIALECT", "FalkorDB ")
    with pytest.raises(ValueError, match="neo4j_dialect"):
        Settings()
    monkeypatch.delenv("NEO4J_DIALECT")
    assert Settings().neo4j_dialect == "auto"


def test_a_named_dialect_is_obeyed(bolt_target: BoltTarget, bolt_driver: neo4j.Driver) -> None:
    """Told it is Neo4j, the store sends FalkorDB what Neo4j takes: the uniqueness constraint,
    which FalkorDB refuses (its constraints are not Cypher)."""
    store = Neo4jStore(bolt_driver, bolt_target.database, dialect="neo4j")
    assert store.dialect is NEO4J
    store.ping()
    if bolt_target.kind == "falkordb":
        with pytest.raises(Neo4jError):
            store.replace_all(GraphData((), ()))


def test_neo4j_gets_strings_as_they_are() -> None:
    """What failing open used to cost: FalkorDB's escaping, sent to a real Neo4j, would store
    every quote and backslash doubled."""
    statement = STATEMENTS["get_node"]
    assert NEO4J.parameters(statement, {"id": "it's \\ here"}) == {"id": "it's \\ here"}
    assert FALKORDB.parameters(statement, {"id": "it's \\ here"}) == {"id": "it\\'s \\\\ here"}


# -- a server that cannot say what it is ------------------------------------------------------


def _packed_string(text: str) -> bytes:
    data = text.encode("utf-8")
    return (bytes([0x80 + len(data)]) if len(data) < 16 else bytes([0xD0, len(data)])) + data


def _failure(code: str, message: str) -> bytes:
    """A Bolt FAILURE message, chunked: a structure of signature 0x7F holding {code, message}."""
    fields = {"code": code, "message": message}
    body = bytes([0xB1, 0x7F, 0xA0 + len(fields)])
    body += b"".join(_packed_string(k) + _packed_string(v) for k, v in fields.items())
    return struct.pack(">H", len(body)) + body + b"\x00\x00"


@pytest.fixture
def failing_hello() -> Iterator[str]:
    """A Bolt server that agrees on Bolt 5.4, then answers the driver's HELLO with a database
    error, as FalkorDB answers what it does not know (``UnknownError``): the driver raises
    ``DatabaseError`` for every statement, the very error the old detection took for FalkorDB."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                connection.recv(20, socket.MSG_WAITALL)  # magic preamble and four version offers
                connection.sendall(b"\x00\x00\x04\x05")  # Bolt 5.4
                size = struct.unpack(">H", connection.recv(2, socket.MSG_WAITALL))[0]
                connection.recv(size + 2, socket.MSG_WAITALL)  # HELLO and its end marker
                connection.sendall(_failure("Neo.DatabaseError.General.UnknownError", "not today"))
                connection.recv(1024)  # until the driver hangs up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"bolt://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=10)
    listener.close()


def test_an_unexpected_error_while_asking_leaves_the_store_in_neo4j_mode(
    failing_hello: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Neo4jStore.connect(failing_hello, "neo4j", "secret", "neo4j", timeout=2.0)
    try:
        with caplog.at_level(logging.WARNING, logger="graph.dialects"):
            assert store.dialect is NEO4J
        assert "treating it as Neo4j" in caplog.text and "UnknownError" in caplog.text
        with pytest.raises(Neo4jError):
            store.ping()  # the failure is real, and neither a connection nor an auth failure
    finally:
        store.close()
