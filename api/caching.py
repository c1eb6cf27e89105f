"""Conditional GETs: every answer under ``/v1`` is a function of the graph and the request, so it
carries an ``ETag`` made of the graph version and the request, and a client that sends it back in
``If-None-Match`` gets ``304 Not Modified`` without the answer being computed again.

``Cache-Control: no-cache`` lets any cache keep an answer but makes it ask again each time (a
reload changes the graph version, and so every ETag). The health endpoints are live state:
``no-store``.
"""

from __future__ import annotations

import hashlib

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.errors import BackendUnavailable
from graph.store import GraphStore

__all__ = ["ConditionalGet", "NOT_MODIFIED_RESPONSE", "etag_for"]

CACHED_PREFIX = "/v1/"
NOT_MODIFIED_RESPONSE: dict[int | str, dict[str, object]] = {
    304: {"description": "Not modified: the ETag sent in If-None-Match is still this answer's"}
}


def etag_for(version: str, path: str, query: bytes) -> str:
    """A weak ETag (compression may change the bytes, never the content) for one request
    against one graph version."""
    request = hashlib.sha256(path.encode() + b"?" + query).hexdigest()[:16]
    return f'W/"{version}-{request}"'


class ConditionalGet:
    """ASGI middleware: ETag and Cache-Control on GET answers, 304 for a matching If-None-Match."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if not scope["path"].startswith(CACHED_PREFIX):
            await self.app(scope, receive, _with_headers(send, {"Cache-Control": "no-store"}))
            return
        store: GraphStore = scope["app"].state.store
        try:
            version = await run_in_threadpool(store.version)
        except BackendUnavailable:  # the route will say so, as a 503
            await self.app(scope, receive, send)
            return
        etag = etag_for(version, scope["path"], scope["query_string"])
        cached = {"ETag": etag, "Cache-Control": "no-cache"}
        wanted = Headers(scope=scope).get("if-none-match", "")
        if etag in (tag.strip() for tag in wanted.split(",")) or wanted.strip() == "*":
            headers = [(k.lower().encode(), v.encode()) for k, v in cached.items()]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, receive, _with_headers(send, cached, only_status=200))


def _with_headers(send: Send, headers: dict[str, str], only_status: int | None = None) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and only_status in (None, message["status"]):
            MutableHeaders(scope=message).update(headers)
        await send(message)

    return sending
