"""Admission control: the expensive endpoints share a small pool of slots.

A request for simple paths, impact, gaps, critical technologies, chains or an export takes a
slot for as long as it runs; when every slot is taken it is refused at once with 503 and
``Retry-After``, instead of queueing on the server's worker threads. The gate is checked on the
event loop (an ``async`` dependency), so a refusal costs no worker thread, and ``/health`` and
point lookups always find threads free: the expensive endpoints hold at most ``slots`` of them.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator

from fastapi import Depends, Request

__all__ = ["Busy", "Gate", "Expensive", "RETRY_AFTER_SECONDS"]

RETRY_AFTER_SECONDS = 1


class Busy(RuntimeError):
    """Every slot for expensive requests is taken."""


class Gate:
    """A fixed number of slots, taken without waiting."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError(f"the expensive-request pool needs at least one slot, got {slots}")
        self.slots = slots
        self._taken = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            if self._taken >= self.slots:
                raise Busy(
                    f"all {self.slots} slots for expensive requests are taken; "
                    f"retry in {RETRY_AFTER_SECONDS} s"
                )
            self._taken += 1

    def leave(self) -> None:
        with self._lock:
            self._taken -= 1


async def _admit(request: Request) -> AsyncIterator[None]:
    gate: Gate = request.app.state.gate
    gate.enter()
    try:
        yield
    finally:
        gate.leave()


# Add to a route (or a router) as ``dependencies=[Expensive]``.
Expensive = Depends(_admit)
