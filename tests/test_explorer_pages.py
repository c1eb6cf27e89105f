"""The explorer's pages and the API docs, served from this server's files: no other host named,
and a Content-Security-Policy that says so."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("url", ["/docs", "/redoc", "/"])
def test_pages_say_nothing_comes_from_another_host(memory_client: TestClient, url: str) -> None:
    response = memory_client.get(url)
    policy = response.headers.get("content-security-policy", "")
    assert response.status_code == 200 and "default-src 'self'" in policy and "http" not in policy
    assert "cdn" not in response.text.lower() and "https://" not in response.text
