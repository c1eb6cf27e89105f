"""The explorer in a real headless Chromium against ``ckg serve``: every view, by URL and by
keyboard. Each test fails if the page logs an error or asks another host for anything."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.explorer_browser import Watched, launch, serve, watched_page

TIMEOUT = 15_000  # ms; generous for a shared two-core machine, not a speed requirement


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    with watched_page(browser) as found:
        yield found
        assert found.problems == [], "\n".join(found.problems)


def open_view(page: Page, base_url: str, hash_route: str) -> None:
    page.goto(f"{base_url}/{hash_route}")
    page.wait_for_selector("main[data-ready]", timeout=TIMEOUT)


def drawn_nodes(page: Page) -> int:
    """How many nodes cytoscape drew in the first drawing (it sets the count once laid out)."""
    canvas = page.locator('.cy[role="img"]').first
    expect(canvas).to_have_attribute("data-node-count", re.compile(r"^[0-9]+$"), timeout=TIMEOUT)
    expect(canvas.locator("canvas").first).to_be_attached()
    return int(canvas.get_attribute("data-node-count") or 0)


def test_search_simplified_reaches_green_hydrogen_by_keyboard(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/")
    search = page.get_by_role("searchbox")
    expect(search).to_be_focused()
    search.fill("绿氢")
    search.press("Enter")
    hit = page.get_by_role("link", name="綠氫製備", exact=True)
    expect(hit).to_be_visible(timeout=TIMEOUT)
    hit.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/#/node/tech.green_hydrogen")
    expect(page.get_by_role("heading", level=1)).to_have_text("綠氫製備", timeout=TIMEOUT)


def test_home_has_columns_timeline_and_gap_summary(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/")
    for name in ("CCUS 技術", "光儲直柔供配電", "綠氫製備", "前沿儲能技術"):
        expect(page.get_by_role("link", name=name, exact=True).first).to_be_visible()
    for year in ("2025", "2030", "2060"):
        expect(page.locator(".timeline h3", has_text=year)).to_be_visible()
    expect(page.get_by_role("link", name="碳中和", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="timeline_conflict")).to_be_visible(timeout=TIMEOUT)


def test_node_view_quotes_the_plan_and_draws_its_neighbourhood(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/node/tech.green_hydrogen")
    expect(page.locator(".names")).to_contain_text("绿氢制备")
    expect(page.locator(".names")).to_contain_text("Green (renewable) hydrogen production")
    expect(page.locator(".passage mark").first).to_have_text("綠氫製備技術")
    assert drawn_nodes(page) > 1
    canvas = page.locator('.cy[role="img"]').first
    assert "綠氫製備" in (canvas.get_attribute("aria-label") or "")
    neighbours = page.locator(".neighbour-list a.node-link")
    assert neighbours.count() == int(canvas.get_attribute("data-node-count") or 0) - 1
    trl = page.locator(".trl")
    trl.focus()
    expect(page.get_by_role("tooltip")).to_contain_text("TRL 9")


def test_a_deep_link_survives_reload(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/node/tech.ccus")
    expect(page.get_by_role("heading", level=1)).to_have_text("CCUS 技術", timeout=TIMEOUT)
    page.reload()
    page.wait_for_selector("main[data-ready]", timeout=TIMEOUT)
    expect(page.get_by_role("heading", level=1)).to_have_text("CCUS 技術", timeout=TIMEOUT)
    assert drawn_nodes(page) > 1


def test_an_unknown_node_says_not_found_with_a_search_box(watched: Watched, base_url: str) -> None:
    # The 404 answer itself is logged by Chromium as a failed resource; that one is expected.
    watched.allowed_console.append("404 (Not Found)")
    page = watched.page
    open_view(page, base_url, "#/node/tech.no_such_thing")
    expect(page.get_by_role("alert")).to_contain_text("tech.no_such_thing")
    expect(page.get_by_role("searchbox")).to_be_visible()


def test_the_interface_switches_language(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/")
    expect(page.get_by_role("link", name="首頁")).to_be_visible()
    page.get_by_role("button", name="Switch the interface to English").click()
    expect(page.get_by_role("link", name="Home")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="綠氫製備", exact=True)).to_be_visible()  # names stay


@pytest.mark.parametrize(("url", "title"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_the_api_docs_render_offline(watched: Watched, base_url: str, url: str, title: str) -> None:
    page = watched.page
    page.goto(base_url + url)
    expect(page.locator(title).first).to_contain_text("Carbon Roadmap KG", timeout=TIMEOUT)
    expect(page.get_by_text("/v1/plan/text").first).to_be_attached(timeout=TIMEOUT)
