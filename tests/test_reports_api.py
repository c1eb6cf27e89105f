"""GET /v1/reports/gaps over HTTP on both stores: the report ``ckg report gaps`` writes, as a file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.http_helpers import PROBLEM


@pytest.mark.parametrize(
    ("format", "media_type", "start"), [("md", "text/markdown", "# "), ("html", "text/html", "<!")]
)
def test_the_gap_report_downloads_as_the_cli_writes_it(
    client: TestClient, format: str, media_type: str, start: str
) -> None:
    response = client.get("/v1/reports/gaps", params={"format": format})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert response.headers["content-disposition"] == f"attachment; filename=gaps.{format}"
    assert response.text.lstrip().startswith(start) and "timeline_conflict" in response.text


def test_an_unknown_report_format_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/reports/gaps", params={"format": "pdf"})
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)
