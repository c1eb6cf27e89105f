"""The FastAPI application: the store opens in the lifespan and closes at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from api.admission import Gate
from api.backend import open_store
from api.caching import AnswersByVersion
from api.errors import install_error_handlers
from api.explorer import mount_explorer
from api.logs import LogFormat, configure_logging, tag_records_with_request_id
from api.raw_utf8 import PercentEncodeQuery, allow_raw_utf8_queries
from api.request_context import RequestContext
from api.routes import analytics, export, meta, nodes, paths, plan, reports
from api.settings import Settings
from graph.errors import BackendUnavailable
from graph.store import GraphStore

__all__ = ["create_app", "serve"]

# Answers smaller than this go as they are: compressing them saves less than it costs.
GZIP_MINIMUM_BYTES = 1024

DESCRIPTION = """
A knowledge graph of China's *Implementation Plan for Science and Technology Supporting Carbon
Peaking and Carbon Neutrality (2022–2030)*: technologies, sectors, demonstration projects and
milestones, each citing the passage of the plan it comes from. Errors are
`application/problem+json` (RFC 9457).
"""


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """The app. Given a ``store``, it serves that one and leaves closing it to the caller;
    otherwise it opens the store the settings ask for, once, for the app's lifetime."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            app.state.expected_version = _version_now(store)
            yield
            return
        opened = open_store(settings or Settings())
        app.state.store = opened
        app.state.expected_version = _version_now(opened)
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(
        title="Carbon Roadmap KG",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Operation ids are the route functions' names, verbs in snake_case (search_nodes,
        # shortest_paths, gap_report), so generated clients read as the API does.
        generate_unique_id_function=lambda route: route.name,
        docs_url=None,  # served by mount_explorer from local files, not a CDN
        redoc_url=None,
    )
    configured = settings or Settings()
    app.state.seeds_dir = configured.ckg_seeds  # where /v1/plan/text reads the plan
    app.state.gate = Gate(configured.ckg_expensive_slots, configured.ckg_expensive_wait)
    app.state.path_work = configured.ckg_path_work
    if store is not None:  # served as given, lifespan or not (an ASGI client may skip it)
        app.state.store = store
    # Outermost last: request ids and headers on everything, then CORS, then the query made
    # canonical, then the answers by graph version that key on it, kept as compressed (or not)
    # by the gzip middleware inside them, so that each is compressed once.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES)
    app.add_middleware(AnswersByVersion)
    app.add_middleware(PercentEncodeQuery)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=configured.ckg_cors_origins,
        allow_methods=["GET"],
        allow_headers=["If-None-Match", "X-Request-ID"],
        expose_headers=["ETag", "X-Request-ID", "Retry-After"],
    )
    app.add_middleware(RequestContext)
    tag_records_with_request_id()
    install_error_handlers(app)
    for module in (meta, nodes, paths, analytics, reports, export, plan):
        app.include_router(module.router)
    mount_explorer(app)
    return app


def _version_now(store: GraphStore) -> str | None:
    """The version of the graph the server starts with: the one it expects to go on serving
    (None, accepting any, when the database is empty or cannot be reached at start)."""
    try:
        return store.version() if store.counts()[0] else None
    except BackendUnavailable:
        return None


def serve(app: FastAPI, host: str, port: int, log_format: LogFormat = "text") -> None:
    """Run ``app`` under uvicorn until stopped, as ``ckg serve`` runs the API: h11 (made lenient
    about raw UTF-8 in query strings), logs in ``log_format`` through the root logger, and no
    uvicorn access log (the API writes its own, with latency and request id). The HTTP benchmark
    serves its bare endpoint through here too, so that both are served the same way.

    Not uvicorn's standard extras: httptools refuses a query sent as raw UTF-8 (``?q=氢`` typed
    into curl) with a bare 400, and uvloop under h11 measured no gain, h11's parsing being the
    cost; answers kept by graph version already serve at or above the bare endpoint's rate."""
    import uvicorn

    allow_raw_utf8_queries()
    configure_logging(log_format)
    uvicorn.run(app, host=host, port=port, http="h11", access_log=False, log_config=None)
