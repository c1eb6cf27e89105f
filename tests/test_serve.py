"""``ckg serve`` as a user runs it: uvicorn on a loopback port, real sockets, raw bytes."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest

from tests.served import ckg_serve


def _request(port: int, target: bytes) -> tuple[int, bytes]:
    """Send one GET with ``target`` exactly as given (no client-side encoding) and read it all."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture(scope="module")
def served_port() -> Iterator[int]:
    with ckg_serve() as served:
        yield served.port


def test_serves_health_and_docs(served_port: int) -> None:
    status, body = _request(served_port, b"/health")
    assert status == 200 and json.loads(body)["backend"] == "memory"
    assert _request(served_port, b"/docs")[0] == 200


def test_chinese_typed_straight_into_curl_is_understood(served_port: int) -> None:
    # curl 'http://127.0.0.1:8000/v1/search?q=绿氢' sends the query as raw UTF-8, unencoded.
    status, body = _request(served_port, "/v1/search?q=绿氢".encode())
    assert status == 200, body
    assert json.loads(body)["items"][0]["node"]["id"] == "tech.green_hydrogen"
    encoded = _request(served_port, b"/v1/search?q=%E7%BB%BF%E6%B0%A2")
    assert encoded == (status, body)


def test_raw_non_ascii_in_the_path_is_still_refused_cleanly(served_port: int) -> None:
    status, _ = _request(served_port, "/v1/nodes/綠氫".encode())
    assert status == 400


def test_json_access_log_has_one_line_per_request_with_latency_and_id() -> None:
    with ckg_serve("--log-format", "json") as served:
        with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
            sock.sendall(
                b"GET /v1/nodes/tech.nope HTTP/1.1\r\nHost: x\r\nX-Request-ID: trace-42\r\n"
                b"Connection: close\r\n\r\n"
            )
            answer = sock.recv(65536)
        assert b" 404 " in answer.split(b"\r\n")[0] and b"x-request-id: trace-42" in answer.lower()
    lines = [json.loads(line) for line in served.stderr.splitlines() if line.startswith("{")]
    access = [
        line for line in lines if line.get("request_id") == "trace-42" and line["logger"] == "ckg.access"
    ]
    assert len(access) == 1, served.stderr
    assert access[0]["method"] == "GET" and access[0]["path"] == "/v1/nodes/tech.nope"
    assert access[0]["status"] == 404 and access[0]["latency_ms"] >= 0
