"""What the browser tests and ``make screenshots`` share: ``ckg serve`` on a free loopback port,
Debian's headless chromium driven by Playwright, and a page that records every console error,
uncaught exception and request to another host (each one fails a test). A pytest plugin too:
the ``browser`` and ``watched`` fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, Route, sync_playwright

from tests.served import REPO, ckg_serve

__all__ = [
    "REPO",
    "CHROMIUM",
    "TIMEOUT",
    "VIEWS",
    "DRAWN",
    "Watched",
    "serve",
    "launch",
    "watched_page",
    "browser",
    "watched",
]

# tools/install-browser.sh puts it there (make test and make screenshots run it first).
CHROMIUM = os.environ.get("CKG_CHROMIUM", "/usr/bin/chromium")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Milliseconds a page may take to show what a test waits for: generous for a shared two-core
# machine, not a speed requirement.
TIMEOUT = 15_000
DRAWN = ".cy[data-node-count]"
# Every view of the explorer: its name, its URL from the site's root, and what shows once it is ready.
VIEWS = [
    ("home", "/#/", ".timeline"),
    ("search", "/#/search?q=绿氢", ".hits"),
    ("node", "/#/node/tech.green_hydrogen", DRAWN),
    ("chains", "/#/chains/tech.pedf?direction=upstream&depth=3", DRAWN),
    ("paths", "/#/paths?from=tech.dac&to=goal.peak_2030&mode=simple&hops=4", DRAWN),
    ("impact", "/#/impact/tech.green_hydrogen", DRAWN),
    ("gaps", "/#/gaps", ".finding"),
    ("milestone", "/#/milestone/milestone.capture_energy_2030", DRAWN),
    ("plan", "/#/plan?at=3975", ".plan-text mark.selected"),
]


@contextmanager
def serve() -> Iterator[str]:
    """``ckg serve`` on the embedded store, as a user runs it; yields its base URL."""
    with ckg_serve() as served:
        yield served.url


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless (Playwright's own browser download is not used)."""
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: run tools/install-browser.sh (make test does)"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)


@dataclass
class Watched:
    """A page and what went wrong on it: console errors, uncaught exceptions, foreign requests."""

    page: Page
    problems: list[str] = field(default_factory=list)
    allowed_console: list[str] = field(default_factory=list)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not any(text in message.text for text in self.allowed_console):
            self.problems.append(f"console error: {message.text} at {message.location}")

    def _route(self, route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if urlsplit(request.url).scheme in ("data", "blob") or host in LOOPBACK:
            route.continue_()
        else:
            self.problems.append(f"request to another host: {request.url}")
            route.abort()


@contextmanager
def watched_page(browser: Browser, width: int = 1280, height: int = 900) -> Iterator[Watched]:
    """A fresh page whose problems are collected in ``Watched.problems``."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-TW")
    page = context.new_page()
    watched = Watched(page)
    page.on("console", watched._console)
    page.on("pageerror", lambda error: watched.problems.append(f"uncaught: {error}"))
    context.route("**/*", watched._route)
    try:
        yield watched
    finally:
        context.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole run."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page; the test fails if anything went wrong on it."""
    with watched_page(browser) as found:
        yield found
        assert found.problems == [], "\n".join(found.problems)
