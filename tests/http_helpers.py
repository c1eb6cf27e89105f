"""Helpers for the tests that go through HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from api.admission import Gate

PROBLEM = "application/problem+json"


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    """The JSON of a GET that must answer ``status``."""
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def problem(client: TestClient, url: str, status: int, parameter: str | None = None, **params: Any) -> Any:
    """The body of an RFC 9457 problem answer, checked; ``parameter`` must be named in it."""
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys() and body["status"] == status
    if parameter is not None:
        assert body["parameter"] == parameter and parameter in body["detail"]
    return body


def assert_same_answer(expected_client: TestClient, client: TestClient, url: str) -> None:
    """Status, media type and JSON body alike, order included (a problem's ``request_id`` is
    each request's own)."""
    expected, answer = expected_client.get(url), client.get(url)
    assert (answer.status_code, answer.headers["content-type"]) == (
        expected.status_code,
        expected.headers["content-type"],
    )
    assert _without_request_id(answer.json()) == _without_request_id(expected.json())


def _without_request_id(body: Any) -> Any:
    return {k: v for k, v in body.items() if k != "request_id"} if isinstance(body, dict) else body


@contextmanager
def every_slot_held(gate: Gate) -> Iterator[None]:
    """The pool of expensive requests full, as by requests still running."""
    for _ in range(gate.slots):
        asyncio.run(gate.enter())
    try:
        yield
    finally:
        for _ in range(gate.slots):
            gate.leave()
