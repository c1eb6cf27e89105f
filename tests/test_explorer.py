"""The explorer in a real headless Chromium against ``ckg serve``: every view, by URL and by
keyboard. Each test fails if the page logs an error or asks another host for anything (the ``browser`` and
``watched`` fixtures come from ``tests.explorer_browser``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.explorer_browser import TIMEOUT, Watched, serve


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as base:
        yield base


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
    hit = page.get_by_role("list", name="搜尋結果").get_by_role("link", name="綠氫製備", exact=True)
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
    expect(page.get_by_role("tooltip")).to_contain_text("TRL 9: Commercial operation")


def test_a_node_view_costs_two_api_calls(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/node/tech.green_hydrogen")  # the plan text is fetched once, here
    calls: list[str] = []
    page.on("request", lambda request: calls.append(request.url) if "/v1/" in request.url else None)
    page.locator(".neighbour-list").get_by_role("link", name="化工", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("化工", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")
    assert len(calls) == 2, calls


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
    names_stay = page.locator(".card").get_by_role("link", name="綠氫製備", exact=True)
    expect(names_stay).to_be_visible()


@pytest.mark.parametrize(("url", "title"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_the_api_docs_render_offline(watched: Watched, base_url: str, url: str, title: str) -> None:
    page = watched.page
    page.goto(base_url + url)
    expect(page.locator(title).first).to_contain_text("Carbon Roadmap KG", timeout=TIMEOUT)
    expect(page.get_by_text("/v1/plan/text").first).to_be_attached(timeout=TIMEOUT)


def test_the_path_finder_finds_a_path_by_search(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/paths")
    ends = page.get_by_role("searchbox")
    ends.nth(0).fill("direct air capture")
    page.get_by_role("button", name="空氣中二氧化碳直接捕集技術", exact=True).click()
    ends.nth(1).fill("碳达峰")
    page.get_by_role("button", name="碳達峰", exact=True).click()
    page.get_by_role("button", name="尋找").click()
    expect(page).to_have_url(re.compile(r"from=tech\.dac&to=goal\.peak_2030"))
    page.wait_for_selector("main[data-ready]", timeout=TIMEOUT)
    first = page.locator(".path-list li").first
    expect(first).to_contain_text("空氣中二氧化碳直接捕集技術", timeout=TIMEOUT)
    expect(first.get_by_role("link", name="碳達峰", exact=True)).to_be_visible()
    assert drawn_nodes(page) >= 3


def test_the_plan_reader_links_a_span_to_its_node(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/plan")
    span = page.locator(".plan-text mark", has_text="綠氫製備技術").first
    span.focus()
    page.keyboard.press("Enter")
    cited = page.get_by_role("complementary").get_by_role("link", name="綠氫製備", exact=True).first
    expect(cited).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"#/plan\?at=\d+$"))
    cited.click()
    expect(page).to_have_url(f"{base_url}/#/node/tech.green_hydrogen")
    page.go_back()
    page.wait_for_selector(".plan-text mark.selected", timeout=TIMEOUT)  # the selection survives


def test_a_passage_opens_in_the_plan_reader(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/node/tech.green_hydrogen")
    page.locator(".passage").first.get_by_role("link").click()
    expect(page.locator(".plan-text mark.selected").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("complementary")).to_contain_text("綠氫製備技術")


def test_chains_are_layered_and_tell_essential_from_enabling(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/chains/tech.pedf?direction=upstream&depth=3")
    expect(page.get_by_role("heading", name="深度 1")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="儲能", exact=True)).to_be_visible()
    assert drawn_nodes(page) > 2
    expect(page.locator(".badge.essential").first).to_be_visible()
    page.get_by_label("方向").select_option("downstream")
    expect(page).to_have_url(re.compile(r"direction=downstream"))


def test_what_stalls_with_green_hydrogen(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/impact/tech.green_hydrogen")
    for heading in ("技術", "示範項目", "目標"):
        counted = page.get_by_role("heading", name=re.compile(f"^{heading} \\(\\d+\\)$"))
        expect(counted).to_be_visible(timeout=TIMEOUT)
    assert drawn_nodes(page) > 3


def test_gaps_filter_and_link_every_node(watched: Watched, base_url: str) -> None:
    page = watched.page
    checks = page.request.get(f"{base_url}/v1/gaps").json()["checks"]
    kind = next(check["kind"] for check in checks if check["count"])
    open_view(page, base_url, "#/gaps")
    page.get_by_label("檢查").select_option(kind)
    expect(page.locator("section h2")).to_have_count(1)
    expect(page).to_have_url(re.compile(f"kind={kind}"))
    findings = page.locator(".finding")
    assert findings.count() > 0
    assert findings.first.locator("a.node-link").count() > 0
    with page.expect_download() as download:
        page.get_by_role("button", name="下載 CSV").click()
    assert download.value.suggested_filename == "gaps.csv"
    with page.expect_download() as report:
        page.get_by_role("link", name=re.compile(r"\(Markdown\)$")).click()
    assert report.value.suggested_filename == "gaps.md"


def test_a_milestone_shows_its_chains_and_weakest_link(watched: Watched, base_url: str) -> None:
    page = watched.page
    open_view(page, base_url, "#/milestone/milestone.capture_energy_2030")
    expect(page.get_by_role("heading", level=1)).to_have_text("單位二氧化碳捕集能耗比 2020 年下降 30%")
    expect(page.locator(".weakest-mark").first).to_be_visible(timeout=TIMEOUT)
    assert drawn_nodes(page) > 1


def test_an_api_error_shows_its_detail(watched: Watched, base_url: str) -> None:
    watched.allowed_console.append("422 (Unprocessable")
    page = watched.page
    open_view(page, base_url, "#/paths?from=tech.dac&to=goal.peak_2030&hops=99")
    expect(page.get_by_role("alert")).to_contain_text("max_hops", timeout=TIMEOUT)
