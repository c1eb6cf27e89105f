"""The web explorer at ``/`` and the API docs at ``/docs`` and ``/redoc``, served from this
server's own files: ``web/dist``, which ``make run`` and ``make test`` build from pinned npm
packages. Nothing on these pages comes from another host, and their Content-Security-Policy
says so; the policies live here, in ``EXPLORER_CSP`` and ``DOCS_CSP``, and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from api.errors import problem

__all__ = ["EXPLORER_CSP", "DOCS_CSP", "web_dist", "mount_explorer"]

# The explorer: its own scripts, styles and fonts only, and the API on the same origin.
EXPLORER_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc set style attributes and <style> elements at run time (React and
# styled-components), so their pages also allow inline styles; scripts still come only from here.
DOCS_CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def web_dist() -> Path:
    """``$CKG_WEB`` or the repository's ``web/dist`` (built by ``make web``)."""
    return Path(os.environ.get("CKG_WEB") or Path(__file__).resolve().parent.parent / "web" / "dist")


def _page(relative: str, csp: str) -> Response:
    path = web_dist() / relative
    if not path.is_file():
        return problem(503, "explorer-not-built", "Explorer not built", "web/dist is missing: run make web")
    return FileResponse(path, media_type="text/html", headers={"Content-Security-Policy": csp})


def mount_explorer(app: FastAPI) -> None:
    """Add ``/``, ``/docs``, ``/redoc`` and the static files under ``/explorer/`` to the app
    (made with ``docs_url=None, redoc_url=None``), none of them in the OpenAPI document."""

    @app.get("/", include_in_schema=False)
    def explorer() -> Response:
        return _page("index.html", EXPLORER_CSP)

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> Response:
        return _page("docs/swagger.html", DOCS_CSP)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        return _page("docs/redoc.html", DOCS_CSP)

    app.mount("/explorer", StaticFiles(directory=web_dist(), check_dir=False), name="explorer")
