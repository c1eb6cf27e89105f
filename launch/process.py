"""What every launched server shares: a child process that dies with its parent, and the wait
until it is ready (or the reason it never will be)."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["die_with_parent", "wait_until_ready"]

POLL_SECONDS = 0.02


def die_with_parent() -> None:
    """For ``subprocess.Popen(preexec_fn=...)``: on Linux, have the kernel kill the child if the
    parent dies without cleaning up, so no server outlives the run that started it."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def wait_until_ready(
    name: str,
    process: subprocess.Popen[Any],
    ready: Callable[[], bool],
    timeout: float,
    log: Callable[[], str],
) -> None:
    """Return once ``ready()`` holds. If the process exits first or ``timeout`` seconds pass,
    kill it and raise ``RuntimeError``, naming the server ``name`` and quoting the end of what
    ``log()`` reads (the server's log)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
            raise RuntimeError(f"{name} did not start (exit status {process.returncode}):\n{log()[-2000:]}")
        time.sleep(POLL_SECONDS)
