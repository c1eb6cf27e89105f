"""Every request gets an id, an access-log line and the security headers every answer carries.

The id is the client's ``X-Request-ID`` when it sends a sane one, else a fresh one; it goes back
in the ``X-Request-ID`` header and in every problem body (``request_id``), and it is on every log
line the request causes, so that an answer a user reports can be found in the server's log.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContext", "current_request_id", "SECURITY_HEADERS", "REQUEST_ID_HEADER"]

REQUEST_ID_HEADER = "X-Request-ID"
# Sent with every answer, unless a route set its own (the explorer's CSP goes further).
SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "frame-ancestors 'none'",
}
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_log = logging.getLogger("ckg.access")


def current_request_id() -> str | None:
    """The id of the request being served (None outside one)."""
    return _request_id.get()


class RequestContext:
    """ASGI middleware: the request id, the security headers, and one access-log line per request
    (method, path, status, milliseconds, id)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(REQUEST_ID_HEADER.lower().encode(), b"").decode("latin-1")
        request_id = given if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        _request_id.set(request_id)  # left set: a 500 is answered outside this middleware, in this task
        status = 500  # unless an answer starts: an exception escaped to the server's error handler
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = request_id
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            path = scope["path"] + (
                "?" + scope["query_string"].decode("latin-1") if scope["query_string"] else ""
            )
            milliseconds = (time.perf_counter() - started) * 1000
            access_log.info(
                "%s %s %d %.1f ms",
                scope["method"],
                path,
                status,
                milliseconds,
                extra={  # the request id comes with every record (api.logs)
                    "method": scope["method"],
                    "path": path,
                    "status": status,
                    "latency_ms": round(milliseconds, 1),
                },
            )
