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

A kept answer is compressed once, when it is kept, and a client that accepts gzip gets those
bytes: compressing the same answer on every request cost more than computing it (``/v1/gaps``
served a third as many requests to gzip clients as to others).

``Cache-Control: no-cache`` lets any cache keep an answer but makes it ask again each time (a
reload changes the version, and so every ETag). The health endpoints are live state: ``no-store``.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import BackendUnavailable
from graph.store import GraphStore

__all__ = ["AnswersByVersion", "NOT_MODIFIED_RESPONSE", "etag_for", "CACHE_BYTES", "GZIP_MINIMUM_BYTES"]

CACHED_PREFIX = "/v1/"
CACHE_BYTES = 64 * 1024 * 1024
# Answers smaller than this go as they are: compressing them saves less than it costs.
GZIP_MINIMUM_BYTES = 1024
# Compressing more than this at once would hold up every other request on the event loop.
INLINE_GZIP_BYTES = 128 * 1024
NOT_MODIFIED_RESPONSE: dict[int | str, dict[str, object]] = {
    304: {"description": "Not modified: the ETag sent in If-None-Match is still this answer's"}
}
# Headers of an answer that belong to the answer (the rest are the request's, added outside).
_KEPT_HEADERS = (b"content-type", b"content-disposition", b"content-length")


def etag_for(version: str, path: str, query: bytes) -> str:
    """A weak ETag (compression may change the bytes, never the content) for one request
    against one graph version."""
    request = hashlib.sha256(path.encode() + b"?" + query).hexdigest()[:16]
    return f'W/"{version}-{request}"'


@dataclass(frozen=True)
class _Encoded:
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass(frozen=True)
class _Answer:
    plain: _Encoded
    gzipped: _Encoded | None  # None where compressing does not pay

    @property
    def size(self) -> int:
        return len(self.plain.body) + (len(self.gzipped.body) if self.gzipped else 0)

    def for_client(self, scope: Scope) -> _Encoded:
        # The same test as Starlette's GZipMiddleware, so an answer is encoded alike kept or not.
        accepts_gzip = "gzip" in Headers(scope=scope).get("accept-encoding", "")
        return self.gzipped if accepts_gzip and self.gzipped else self.plain


async def _answer(headers: list[tuple[bytes, bytes]], body: bytes) -> _Answer:
    plain = _Encoded(headers, body)
    if len(body) < GZIP_MINIMUM_BYTES:
        return _Answer(plain, None)
    packed = (
        gzip.compress(body, mtime=0)
        if len(body) <= INLINE_GZIP_BYTES
        else await run_in_threadpool(gzip.compress, body, mtime=0)
    )
    if len(packed) >= len(body):
        return _Answer(plain, None)
    unsized = [(k, v) for k, v in headers if k != b"content-length"]
    # Sent as it is (GZipMiddleware leaves encoded answers alone), so with its own Vary.
    encoding = [
        (b"content-length", str(len(packed)).encode()),
        (b"content-encoding", b"gzip"),
        (b"vary", b"Accept-Encoding"),
    ]
    return _Answer(plain, _Encoded(unsized + encoding, packed))


class _Kept:
    """Answers of one graph version, at most ``limit`` bytes of bodies, least recently used out."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._version: str | None = None
        self._answers: OrderedDict[str, _Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, version: str, etag: str) -> _Answer | None:
        with self._lock:
            if version != self._version or etag not in self._answers:
                return None
            self._answers.move_to_end(etag)
            return self._answers[etag]

    def put(self, version: str, etag: str, answer: _Answer) -> None:
        if answer.size > self.limit:
            return
        with self._lock:
            if version != self._version:
                self._version, self._answers, self._bytes = version, OrderedDict(), 0
            if etag in self._answers:
                return
            self._answers[etag] = answer
            self._bytes += answer.size
            while self._bytes > self.limit:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= dropped.size


class AnswersByVersion:
    """ASGI middleware: ETag and Cache-Control on GET answers, 304 for a matching If-None-Match,
    and each 200 answer under ``/v1`` kept for its graph version."""

    def __init__(self, app: ASGIApp, limit: int = CACHE_BYTES) -> None:
        self.app = app
        self.kept = _Kept(limit)
        self._computing: dict[str, asyncio.Future[None]] = {}  # by ETag, done when computed

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
        kept = self.kept.get(version, etag) or await self._after_the_first(version, etag)
        if kept is not None:
            encoded = kept.for_client(scope)
            await _send(send, 200, encoded.headers + cached, encoded.body)
            return
        first = etag not in self._computing
        if first:
            self._computing[etag] = asyncio.get_running_loop().create_future()
        try:
            await self._answer_and_keep(scope, receive, send, version, etag, cached)
        finally:
            if first:
                self._computing.pop(etag).set_result(None)

    async def _after_the_first(self, version: str, etag: str) -> _Answer | None:
        """The answer the same request already being computed keeps, once it is done; None if
        there is none, or it was not kept (then this request computes its own)."""
        computing = self._computing.get(etag)
        if computing is None or computing.get_loop() is not asyncio.get_running_loop():
            return None  # (one event loop serves; a second appears only in tests' clients)
        await asyncio.shield(computing)  # a waiter that goes away must not cancel it for the rest
        return self.kept.get(version, etag)

    async def _answer_and_keep(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        version: str,
        etag: str,
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
            self.kept.put(version, etag, await _answer(own, b"".join(parts)))


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
