"""Every error leaves as ``application/problem+json`` (RFC 9457); one status per kind, here only."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.models import Problem
from graph.errors import BackendUnavailable
from queries.errors import InvalidParameter, NodeNotFound, QueryError

__all__ = ["install_error_handlers", "PROBLEM_RESPONSES"]

log = logging.getLogger("ckg.api")
PROBLEM = "application/problem+json"
TYPE_BASE = "https://carbon-roadmap-kg.example/problems/"


def problem(status: int, kind: str, title: str, detail: str, parameter: str | None = None) -> JSONResponse:
    body: dict[str, object] = {"type": TYPE_BASE + kind, "title": title, "status": status, "detail": detail}
    if parameter is not None:
        body["parameter"] = parameter
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def _not_found(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NodeNotFound)
    return problem(404, "node-not-found", "Node not found", str(error), error.parameter)


async def _invalid(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidParameter)
    return problem(422, "invalid-parameter", "Invalid parameter", str(error), error.parameter)


async def _query_error(_: Request, error: Exception) -> JSONResponse:
    return problem(422, "invalid-request", "Invalid request", str(error))


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    parameter = str(first["loc"][-1]) if first.get("loc") else None
    details = "; ".join(f"{e['loc'][-1] if e.get('loc') else '?'}: {e['msg']}" for e in error.errors())
    return problem(422, "invalid-parameter", "Invalid parameter", details, parameter)


async def _unavailable(_: Request, error: Exception) -> JSONResponse:
    log.warning("backend unavailable: %s", error)
    response = problem(503, "backend-unavailable", "Graph database unavailable", str(error))
    response.headers["Retry-After"] = "5"
    return response


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return problem(error.status_code, "http-error", str(error.detail), str(error.detail))


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return problem(
        500, "internal-error", "Internal error", "an unexpected error occurred; it has been logged"
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NodeNotFound, _not_found)
    app.add_exception_handler(InvalidParameter, _invalid)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(BackendUnavailable, _unavailable)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def _problem_response(description: str) -> dict[str, object]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "model": Problem, "content": {PROBLEM: {"schema": schema}}}


PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    404: _problem_response("Unknown id"),
    422: _problem_response("A parameter is invalid or above its cap"),
    503: _problem_response("The graph database cannot be reached"),
}
