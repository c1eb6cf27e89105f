"""The FastAPI application: the store opens in the lifespan and closes at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.admission import Gate
from api.backend import open_store
from api.errors import install_error_handlers
from api.explorer import mount_explorer
from api.raw_utf8 import PercentEncodeQuery
from api.routes import analytics, export, meta, nodes, paths, plan, reports
from api.settings import Settings
from graph.store import GraphStore

__all__ = ["create_app"]

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
            yield
            return
        opened = open_store(settings or Settings())
        app.state.store = opened
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(
        title="Carbon Roadmap KG",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by mount_explorer from local files, not a CDN
        redoc_url=None,
    )
    configured = settings or Settings()
    app.state.seeds_dir = configured.ckg_seeds  # where /v1/plan/text reads the plan
    app.state.gate = Gate(configured.ckg_expensive_slots, configured.ckg_expensive_wait)
    app.state.path_work = configured.ckg_path_work
    if store is not None:  # served as given, lifespan or not (an ASGI client may skip it)
        app.state.store = store
    app.add_middleware(PercentEncodeQuery)
    install_error_handlers(app)
    routers = (meta, nodes, paths, analytics, reports, export, plan)
    for module in routers:
        app.include_router(module.router)
    mount_explorer(app)
    return app
