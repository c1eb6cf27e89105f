"""Admission control: the expensive endpoints share a small pool of slots.

A request for simple paths, impact, gaps, critical technologies, chains or an export takes a
slot for as long as it runs. When every slot is taken it waits on the event loop, costing no
worker thread, for at most ``wait`` seconds, and is then refused with 503 and ``Retry-After``
(``wait = 0`` refuses at once). The expensive endpoints therefore hold at most ``slots`` worker
threads, and ``/health`` and point lookups always find threads free.

Why wait at all: measured under 64 connections that retry at once, refusing at once spends the
server's one event loop on refusals (1,700 a second) and starves the admitted requests of the
interpreter lock, so a 2 ms query was served 7 times a second; a short wait turns the flood
into a queue that costs nothing while it waits.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import AsyncIterator

from fastapi import Depends, Request

__all__ = ["Busy", "Gate", "Expensive", "RETRY_AFTER_SECONDS"]

RETRY_AFTER_SECONDS = 1


class Busy(RuntimeError):
    """Every slot for expensive requests stayed taken for as long as a request may wait."""


class Gate:
    """A fixed number of slots; a request waits for one at most ``wait`` seconds, first come
    first served. Safe across event loops and threads (each waiter is woken on its own loop)."""

    def __init__(self, slots: int, wait: float) -> None:
        if slots < 1 or wait < 0:
            raise ValueError(
                f"the expensive-request pool needs slots >= 1 and wait >= 0, got {slots}, {wait}"
            )
        self.slots, self.wait = slots, wait
        self._taken = 0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._handed: set[asyncio.Future[None]] = set()  # woken with a slot passed on to them
        self._lock = threading.Lock()

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot now."""
        return len(self._waiting)

    async def enter(self) -> None:
        with self._lock:
            if self._taken < self.slots:
                self._taken += 1
                return
            if self.wait == 0:
                raise self._busy()
            turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting.append(turn)
        try:
            await asyncio.wait_for(turn, self.wait)
        except TimeoutError:
            with self._lock:
                if turn in self._handed:  # the slot came as the wait ran out: keep it
                    self._handed.discard(turn)
                    return
                self._waiting.remove(turn)
            raise self._busy() from None
        except asyncio.CancelledError:  # the client went away while waiting
            with self._lock:
                handed = turn in self._handed
                self._handed.discard(turn)
                if not handed:
                    self._waiting.remove(turn)
            if handed:
                self.leave()
            raise
        with self._lock:
            self._handed.discard(turn)

    def leave(self) -> None:
        """Pass the slot to the longest waiter, or free it."""
        with self._lock:
            if not self._waiting:
                self._taken -= 1
                return
            turn = self._waiting.popleft()
            self._handed.add(turn)
        turn.get_loop().call_soon_threadsafe(_wake, turn)

    def _busy(self) -> Busy:
        waited = f" for {self.wait:g} s" if self.wait else ""
        return Busy(
            f"all {self.slots} slots for expensive requests stayed taken{waited}; "
            f"retry in {RETRY_AFTER_SECONDS} s"
        )


def _wake(turn: asyncio.Future[None]) -> None:
    if not turn.done():
        turn.set_result(None)


async def _admit(request: Request) -> AsyncIterator[None]:
    gate: Gate = request.app.state.gate
    await gate.enter()
    try:
        yield
    finally:
        gate.leave()


# Add to a route (or a router) as ``dependencies=[Expensive]``.
Expensive = Depends(_admit)
