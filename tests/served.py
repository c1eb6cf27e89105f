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

from launch.http import Served, serving_ckg

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
    """``ckg serve`` with ``flags`` on the embedded store, with none of the environment's
    ``CKG_*`` and ``NEO4J_*`` settings; ``stderr`` holds its log once stopped."""
    with serving_ckg(*flags, cwd=REPO, env=_environment(None)) as served:
        yield served
