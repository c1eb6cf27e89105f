"""An HTTP server run as a process on a loopback port: started, waited on until it answers,
and stopped, with what it wrote to stderr kept; ``ckg serve`` among them."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from launch.ports import free_port
from launch.process import die_with_parent, wait_until_ready

__all__ = ["HOST", "Served", "serving", "serving_ckg"]

HOST = "127.0.0.1"
START_TIMEOUT = 60.0  # not a speed requirement: past this the server counts as not starting
STOP_TIMEOUT = 30.0


@dataclass
class Served:
    """A running server: its port, its process, and (once stopped) what it wrote to stderr."""

    port: int
    process: subprocess.Popen[bytes]
    stderr: str = ""

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def _answers(port: int, path: str) -> bool:
    """Whether ``GET path`` on the port answers 200."""
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
    try:
        with socket.create_connection((HOST, port), timeout=10) as sock:
            sock.sendall(request)
            return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@contextmanager
def serving(
    command: Sequence[str],
    port: int,
    ready: str,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[Served]:
    """Run ``command``, a server that listens on ``port``; yield once ``GET ready`` answers 200,
    and stop it when done (SIGTERM, SIGKILL if it lingers), then ``stderr`` holds its log. The
    log goes to a file, not a pipe: a pipe nobody reads until the end fills with log lines and
    stalls the server."""
    with tempfile.TemporaryFile("w+b") as log:
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            preexec_fn=die_with_parent,
        )
        served = Served(port, process)

        def written() -> str:
            log.seek(0)
            return log.read().decode("utf-8", errors="replace")

        try:
            wait_until_ready(
                shlex.join(command), process, lambda: _answers(port, ready), START_TIMEOUT, written
            )
            yield served
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            served.stderr = written()


@contextmanager
def serving_ckg(
    *flags: str, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Iterator[Served]:
    """``ckg serve`` with ``flags`` on a free port, as ``serving`` runs it: ``python -m cli`` of
    this Python. It runs in ``env``, by default this process's environment without the
    ``NEO4J_*`` settings and ``CKG_BACKEND``, so on the embedded store (``CKG_SEEDS`` kept)."""
    if env is None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_") and k != "CKG_BACKEND"}
    port = free_port()
    command = [sys.executable, "-m", "cli", "serve", "--host", HOST, "--port", str(port), *flags]
    with serving(command, port, "/health/live", cwd=cwd, env=env) as served:
        yield served
