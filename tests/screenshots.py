"""``make screenshots``: a PNG of each explorer view (and the API docs) in a folder, taken by the
same headless Chromium the browser tests drive, against ``ckg serve`` on the embedded store.

    python -m tests.screenshots screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Error, sync_playwright

from tests.explorer_browser import DRAWN, launch, serve, watched_page
from tests.explorer_browser import VIEWS as EXPLORER_VIEWS

# (file name, URL path, what to wait for before the picture): the explorer's views, and a few more
VIEWS = [
    ("00-readme", "/#/node/tech.green_hydrogen", DRAWN),  # the README's picture
    *((f"{number:02d}-{name}", path, ready) for number, (name, path, ready) in enumerate(EXPLORER_VIEWS, 1)),
    ("10-not-found", "/#/node/tech.no_such_thing", "[role=alert]"),
    ("11-docs", "/docs", ".swagger-ui .info"),
    ("12-redoc", "/redoc", "h1"),
    ("13-node-en", "/#/node/tech.ccus", DRAWN),
]
ENGLISH = ("13-node-en",)  # the interface in English (node names stay as the plan writes them)
SETTLE_MS = 800  # layouts are synchronous; this leaves the canvas a frame or two to paint
VIEWPORT_ONLY = ("00-readme", "09-plan", "11-docs", "12-redoc")  # long pages: the first screen says enough


def main(folder: str) -> int:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    with serve() as base, sync_playwright() as playwright:
        browser = launch(playwright)
        for name, path, ready in VIEWS:
            with watched_page(browser, 1280, 1180 if name == "00-readme" else 900) as watched:
                watched.allowed_console.append("404 (Not Found)")  # the not-found view's own answer
                if name in ENGLISH:
                    watched.page.add_init_script("localStorage.setItem('ckg.lang', 'en')")
                watched.page.goto(base + path)
                try:
                    watched.page.wait_for_selector(ready, timeout=20_000)
                except Error as error:  # the picture still shows what went wrong
                    watched.problems.append(f"{ready} never appeared: {error.message.splitlines()[0]}")
                watched.page.wait_for_timeout(SETTLE_MS)
                watched.page.screenshot(path=out / f"{name}.png", full_page=name not in VIEWPORT_ONLY)
                failures += [f"{name}: {problem}" for problem in watched.problems]
                print(out / f"{name}.png")
        browser.close()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
