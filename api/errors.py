"""Every error leaves as ``application/problem+json`` (RFC 9457); one status per kind, here only."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.admission import RETRY_AFTER_SECONDS, Busy
from api.models import Problem
from api.request_context import REQUEST_ID_HEADER, SECURITY_HEADERS, current_request_id
from graph.errors import BackendUnavailable
from queries.errors import InvalidParameter, NotFound, QueryError, QueryTooBroad

__all__ = ["install_error_handlers", "PROBLEM_RESPONSES", "NotReady", "PlanTextUnavailable", "problem"]

log = logging.getLogger("ckg.api")
PROBLEM = "application/problem+json"
TYPE_BASE = "https://carbon-roadmap-kg.example/problems/"


class NotReady(RuntimeError):
    """The database answers but does not hold the graph this server serves."""


class PlanTextUnavailable(RuntimeError):
    """The plan text the graph cites cannot be read from the seeds this server was started with."""


def problem(status: int, kind: str, title: str, detail: str, parameter: str | None = None) -> JSONResponse:
    """A problem answer. ``detail`` is for the client: it never carries a driver's message, a
    host, a port, a path or a trace (those go to the log, under the same ``request_id``)."""
    body: dict[str, object] = {"type": TYPE_BASE + kind, "title": title, "status": status, "detail": detail}
    if parameter is not None:
        body["parameter"] = parameter
    request_id = current_request_id()
    if request_id is not None:
        body["request_id"] = request_id
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def _not_found(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, NotFound)
    return problem(404, error.kind, error.title, str(error), error.parameter)


async def _invalid(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidParameter)
    return problem(422, "invalid-parameter", "Invalid parameter", str(error), error.parameter)


async def _too_broad(_: Request, error: Exception) -> JSONResponse:
    # 422, not 413 or 503: the request is well formed but asks for more work than one request
    # may do, and only a narrower request (the parameter named) will ever be answered.
    assert isinstance(error, QueryTooBroad)
    return problem(422, "query-too-broad", "Query too broad", str(error), error.parameter)


async def _busy(_: Request, error: Exception) -> JSONResponse:
    response = problem(503, "busy", "Too many expensive requests", str(error))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


async def _query_error(_: Request, error: Exception) -> JSONResponse:
    return problem(422, "invalid-request", "Invalid request", str(error))


def _message(error: dict[str, Any]) -> str:
    """A validation error in the words ``queries.limits.check_cap`` uses for the same mistake."""
    name = error["loc"][-1] if error.get("loc") else "?"
    context = error.get("ctx") or {}
    if error.get("type") == "less_than_equal":
        return f"{name}: {error.get('input')} is above the cap of {context.get('le')}"
    if error.get("type") == "greater_than_equal":
        return f"{name}: must be at least {context.get('ge')}, got {error.get('input')}"
    return f"{name}: {error['msg']}"


async def _validation(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    parameter = str(first["loc"][-1]) if first.get("loc") else None
    details = "; ".join(_message(e) for e in error.errors())
    return problem(422, "invalid-parameter", "Invalid parameter", details, parameter)


async def _unavailable(_: Request, error: Exception) -> JSONResponse:
    log.warning("backend unavailable: %s", error)  # the driver's words, for the operator only
    detail = "the graph database is unavailable; try again shortly"
    response = problem(503, "backend-unavailable", "Graph database unavailable", detail)
    response.headers["Retry-After"] = "5"
    return response


async def _not_ready(_: Request, error: Exception) -> JSONResponse:
    log.warning("not ready: %s", error)
    response = problem(503, "not-ready", "Not ready", str(error))
    response.headers["Retry-After"] = "5"
    return response


async def _plan_text_unavailable(_: Request, error: Exception) -> JSONResponse:
    log.error("plan text unavailable: %s", error.__cause__ or error)  # the path, for the operator only
    return problem(503, "plan-text-unavailable", "Plan text unavailable", str(error))


async def _http(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    response = problem(error.status_code, "http-error", str(error.detail), str(error.detail))
    response.headers.update(error.headers or {})  # a 405 keeps its Allow (RFC 9110)
    return response


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=error)
    response = problem(
        500,
        "internal-error",
        "Internal error",
        "an unexpected error occurred; it has been logged under this request_id",
    )
    # Answered outside the middleware that adds these to every other answer.
    response.headers.update(SECURITY_HEADERS)
    response.headers[REQUEST_ID_HEADER] = current_request_id() or ""
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(InvalidParameter, _invalid)
    app.add_exception_handler(QueryTooBroad, _too_broad)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(BackendUnavailable, _unavailable)
    app.add_exception_handler(NotReady, _not_ready)
    app.add_exception_handler(PlanTextUnavailable, _plan_text_unavailable)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)


def _problem_response(description: str, headers: dict[str, object] | None = None) -> dict[str, object]:
    schema = {"$ref": "#/components/schemas/Problem"}
    response: dict[str, object] = {
        "description": description,
        "model": Problem,
        "content": {PROBLEM: {"schema": schema}},
    }
    if headers:
        response["headers"] = headers
    return response


_RETRY_AFTER: dict[str, object] = {
    "Retry-After": {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}
}


PROBLEM_RESPONSES: dict[int | str, dict[str, object]] = {
    404: _problem_response("Unknown id"),
    422: _problem_response("A parameter is invalid or above its cap, or the query is too broad"),
    503: _problem_response(
        "The graph database cannot be reached or does not hold the graph served, or every slot for "
        "expensive requests stayed taken",
        _RETRY_AFTER,
    ),
}
