"""The explorer on the Bolt store: the same pages, served by the API over a real Bolt server (the
other browser tests use ``ckg serve`` on the embedded store)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from playwright.sync_api import expect

from api.app import create_app
from graph.neo4j_store import Neo4jStore
from launch.ports import free_port
from tests.explorer_browser import TIMEOUT, Watched


@pytest.fixture
def bolt_base_url(seeded_bolt_store: Neo4jStore) -> Iterator[str]:
    """uvicorn in a thread, serving the API over the seeded Bolt store."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store=seeded_bolt_store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_node_view_and_plan_reader_on_the_bolt_store(watched: Watched, bolt_base_url: str) -> None:
    page = watched.page
    page.goto(f"{bolt_base_url}/#/node/tech.green_hydrogen")
    expect(page.get_by_role("heading", level=1)).to_have_text("綠氫製備", timeout=TIMEOUT)
    expect(page.locator(".passage mark").first).to_have_text("綠氫製備技術")
    drawn = page.locator('.cy[role="img"]')
    expect(drawn).to_have_attribute("data-node-count", re.compile(r"^[1-9][0-9]+$"), timeout=TIMEOUT)
    page.locator(".passage").first.get_by_role("link").click()
    cited = page.get_by_role("complementary").get_by_role("link", name="綠氫製備", exact=True).first
    expect(cited).to_be_visible(timeout=TIMEOUT)
