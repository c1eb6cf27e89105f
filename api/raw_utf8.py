"""Accept query strings sent as raw UTF-8, as ``curl 'http://…/v1/search?q=绿氢'`` sends them.

Such a request line is outside HTTP's grammar (non-ASCII must be percent-encoded), and h11, the
parser uvicorn runs here, refuses it with a bare 400. Users type Chinese into curl and browsers'
address bars, so the server takes bytes 0x80–0xFF in the query part of the target (never in the
path) and the app percent-encodes them before anything parses the query.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["allow_raw_utf8_queries", "PercentEncodeQuery"]

_STRICT = rb"[\x21-\x7e]+"
# A path without "?" (0x3f), then an optional query that may hold bytes above 0x7f.
_LENIENT = rb"[\x21-\x3e\x40-\x7e]+(?:\?[\x21-\x7e\x80-\xff]*)?"
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def allow_raw_utf8_queries() -> None:
    """Widen h11's two target patterns (the request line's, and the one a Request checks its
    target against) to the lenient target above. Idempotent."""
    import h11._events as events
    import h11._readers as readers

    for module, name in ((readers, "request_line_re"), (events, "request_target_re")):
        pattern: bytes = getattr(module, name).pattern
        if _LENIENT not in pattern:
            if _STRICT not in pattern:
                raise RuntimeError(f"h11's {name} has changed; update api/raw_utf8.py")
            setattr(module, name, re.compile(pattern.replace(_STRICT, _LENIENT, 1)))


class PercentEncodeQuery:
    """ASGI middleware: percent-encode raw non-ASCII bytes of the query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _HIGH_BYTE.search(scope.get("query_string", b"")):
            # In place, not a copy: uvicorn's access log reads this same scope, as ASCII.
            scope["query_string"] = _HIGH_BYTE.sub(lambda m: b"%%%02X" % m.group()[0], scope["query_string"])
        await self.app(scope, receive, send)
