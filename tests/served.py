"""``ckg`` as a user runs it: a command in a subprocess, or ``ckg serve`` on a free loopback port
with its log on stderr. Both run on the embedded store: the environment's ``CKG_*`` and
``NEO4J_*`` settings are left out unless a test passes its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.bolt_server import free_port

REPO = Path(__file__).resolve().parent.parent
START_BOUND = 60.0  # not a speed requirement: past this the server counts as not starting
HANG = 300.0  # nor this: past it a command counts as hanging


def _environment(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKG_", "NEO4J_"))}
    env.update(extra or {})
    return env


def ckg(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = HANG
) -> subprocess.CompletedProcess[str]:
    """``python -m cli ARGS`` from the repository, its output as text; ``env`` adds settings."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO,
        env=_environment(env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


class Served:
    """A running ``ckg serve``: its port, and (once stopped) what it wrote to stderr."""

    def __init__(self, port: int, process: subprocess.Popen[str]) -> None:
        self.port, self.process = port, process
        self.stderr = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@contextmanager
def ckg_serve(*flags: str) -> Iterator[Served]:
    """Start ``ckg serve`` with ``flags`` on the embedded store, wait until it answers, and stop
    it (SIGTERM) when done; ``stderr`` then holds its log. The log goes to a file, not a pipe: a
    pipe nobody reads until the end fills with access-log lines and stalls the server."""
    port = free_port()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port), *flags],
            cwd=REPO,
            env=_environment(None),
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        served = Served(port, process)
        deadline = time.monotonic() + START_BOUND
        try:
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise AssertionError(f"ckg serve did not start: {log.read()}")
                time.sleep(0.2)
            yield served
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.seek(0)
            served.stderr = log.read()
