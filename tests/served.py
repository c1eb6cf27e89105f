"""``ckg`` as a user runs it: a command in a subprocess, or ``ckg serve`` on a free loopback port
with its log on stderr. Both run on the embedded store: the environment's ``CKG_*`` and
``NEO4J_*`` settings are left out unless a test passes its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from launch.http import Served, serving
from launch.ports import free_port

__all__ = ["REPO", "Served", "ckg", "ckg_serve"]

REPO = Path(__file__).resolve().parent.parent
HANG = 300.0  # not a speed requirement: past this a command counts as hanging


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


@contextmanager
def ckg_serve(*flags: str) -> Iterator[Served]:
    """Start ``ckg serve`` with ``flags`` on the embedded store, wait until it answers, and stop
    it (SIGTERM) when done; ``stderr`` then holds its log."""
    port = free_port()
    command = [sys.executable, "-m", "cli", "serve", "--port", str(port), *flags]
    with serving(command, port, "/health/live", cwd=REPO, env=_environment(None)) as served:
        yield served
