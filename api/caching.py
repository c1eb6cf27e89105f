"""Answers by graph version: every answer under ``/v1`` is a function of the graph and the request.

So each carries an ``ETag`` made of the graph version and the request, and:

- a client that sends it back in ``If-None-Match`` gets ``304 Not Modified``;
- a request already answered on this graph version gets the same bytes again, without the
  answer being computed (or a slot for expensive requests being taken) a second time: the
  planner's gaps, critical technologies, impact and chains are computed once per graph version.

The version is read before the answer is computed and again after; an answer is kept only when
both agree, so no answer computed across a reload is ever served as either graph's. Kept answers
are bounded in bytes, least recently used first out, and dropped with their version.

The same request arriving while its answer is being computed waits for that answer instead of
computing it again: a burst of one cold request (a dashboard opened by many at once) costs one
computation and one slot for expensive requests, not one each.

Answers are kept as they were sent, compressed or not: this middleware sits inside the gzip one's
answers (``api.app``), and keeps an answer once for clients that accept gzip and once for those
that do not. So an answer is compressed at most once, and only if a gzip client asked for it:
compressing the same answer on every request cost more than computing it (``/v1/gaps`` served a
third as many requests to gzip clients as to others).

``Cache-Control: no-cache`` lets any cache keep an answer but makes it ask again each time (a
reload changes the version, and so every ETag). The health endpoints are live state: ``no-store``.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import BackendUnavailable
from graph.store import GraphStore

__all__ = ["AnswersByVersion", "NOT_MODIFIED_RESPONSE", "etag_for", "CACHE_BYTES"]

CACHED_PREFIX = "/v1/"
CACHE_BYTES = 64 * 1024 * 1024
NOT_MODIFIED_RESPONSE: dict[int | str, dict[str, object]] = {
    304: {"description": "Not modified: the ETag sent in If-None-Match is still this answer's"}
}
# Headers of an answer that belong to the answer (the rest are the request's, added outside).
_KEPT_HEADERS = (b"content-type", b"content-disposition", b"content-length", b"content-encoding", b"vary")


def etag_for(version: str, path: str, query: bytes) -> str:
    """A weak ETag (compression may change the bytes, never the content) for one request
    against one graph version."""
    request = hashlib.sha256(path.encode() + b"?" + query).hexdigest()[:16]
    return f'W/"{version}-{request}"'


@dataclass(frozen=True)
class _Answer:
    headers: list[tuple[bytes, bytes]]
    body: bytes


def _kept_as(scope: Scope, etag: str) -> str:
    """The key an answer is kept under: its ETag, and whether it went gzipped, by the same test
    as Starlette's GZipMiddleware (so the two never disagree on which a client gets)."""
    return etag + (" gzip" if "gzip" in Headers(scope=scope).get("accept-encoding", "") else "")


class _Kept:
    """Answers of one graph version, at most ``limit`` bytes of bodies, least recently used out."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._version: str | None = None
        self._answers: OrderedDict[str, _Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: str, key: str) -> _Answer | None:
        with self._lock:
            if version != self._version or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key]

    def put(self, version: str, key: str, answer: _Answer) -> None:
        if len(answer.body) > self.limit:
            return
        with self._lock:
            if version != self._version:
                self._version, self._answers, self._bytes = version, OrderedDict(), 0
            if key in self._answers:
                return
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._bytes > self.limit:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)


class AnswersByVersion:
    """ASGI middleware: ETag and Cache-Control on GET answers, 304 for a matching If-None-Match,
    and each 200 answer under ``/v1`` kept for its graph version."""

    def __init__(self, app: ASGIApp, limit: int = CACHE_BYTES) -> None:
        self.app = app
        self.kept = _Kept(limit)
        self._computing: dict[str, asyncio.Future[None]] = {}  # by key, done when computed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        if not scope["path"].startswith(CACHED_PREFIX):
            await self.app(scope, receive, _with_headers(send, {"Cache-Control": "no-store"}))
            return
        store: GraphStore = scope["app"].state.store
        try:
            version = await _version(store)
        except BackendUnavailable:  # the route will say so, as a 503
            await self.app(scope, receive, send)
            return
        etag = etag_for(version, scope["path"], scope["query_string"])
        cached = [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
        wanted = Headers(scope=scope).get("if-none-match", "")
        if etag in (tag.strip() for tag in wanted.split(",")) or wanted.strip() == "*":
            await _send(send, 304, cached, b"")
            return
        key = _kept_as(scope, etag)
        kept = self.kept.get(version, key) or await self._after_the_first(version, key)
        if kept is not None:
            await _send(send, 200, kept.headers + cached, kept.body)
            return
        first = key not in self._computing
        if first:
            self._computing[key] = asyncio.get_running_loop().create_future()
        try:
            await self._answer_and_keep(scope, receive, send, version, key, cached)
        finally:
            if first:
                self._computing.pop(key).set_result(None)

    async def _after_the_first(self, version: str, key: str) -> _Answer | None:
        """The answer the same request already being computed keeps, once it is done; None if
        there is none, or it was not kept (then this request computes its own)."""
        computing = self._computing.get(key)
        if computing is None or computing.get_loop() is not asyncio.get_running_loop():
            return None  # (one event loop serves; a second appears only in tests' clients)
        await asyncio.shield(computing)  # a waiter that goes away must not cancel it for the rest
        return self.kept.get(version, key)

    async def _answer_and_keep(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: str,
        key: str,
        cached: list[tuple[bytes, bytes]],
    ) -> None:
        status = 0
        headers: list[tuple[bytes, bytes]] = []
        parts: list[bytes] = []
        streamed = False

        async def keeping(message: Message) -> None:
            nonlocal status, headers, streamed
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
                if status == 200:
                    message.setdefault("headers", []).extend(cached)
            elif message["type"] == "http.response.body" and status == 200:
                parts.append(message.get("body", b""))
                streamed = streamed or bool(message.get("more_body"))
            await send(message)

        await self.app(scope, receive, keeping)
        if status != 200 or streamed:
            return
        store: GraphStore = scope["app"].state.store
        if await _version(store) == version:  # not computed across a reload
            own = [(k.lower(), v) for k, v in headers if k.lower() in _KEPT_HEADERS]
            self.kept.put(version, key, _Answer(own, b"".join(parts)))


async def _version(store: GraphStore) -> str:
    # A version at hand costs nothing; the others may wait on the database, so not on the loop.
    at_hand = store.version_at_hand()
    return at_hand if at_hand is not None else await run_in_threadpool(store.version)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _with_headers(send: Send, headers: dict[str, str]) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).update(headers)
        await send(message)

    return sending
