"""``make screenshots``: a PNG of each explorer view (and the API docs) in a folder, taken by the
same headless Chromium the browser tests drive, against ``ckg serve`` on the embedded store.

    python -m tests.screenshots screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Error, sync_playwright

from tests.explorer_browser import launch, serve, watched_page

# (file name, URL path, what to wait for before the picture)
VIEWS = [
    ("00-readme", "/#/node/tech.green_hydrogen", ".cy[data-node-count]"),  # the README's picture
    ("01-home", "/#/", ".timeline"),
    ("02-search", "/#/search?q=绿氢", ".hits"),
    ("03-node", "/#/node/tech.green_hydrogen", ".cy[data-node-count]"),
    ("04-chains", "/#/chains/tech.pedf?direction=upstream&depth=3", ".cy[data-node-count]"),
    ("05-paths", "/#/paths?from=tech.dac&to=goal.peak_2030&mode=simple&hops=4", ".cy[data-node-count]"),
    ("06-impact", "/#/impact/tech.green_hydrogen", ".cy[data-node-count]"),
    ("07-gaps", "/#/gaps", ".finding"),
    ("08-milestone", "/#/milestone/milestone.capture_energy_2030", ".cy[data-node-count]"),
    ("09-plan", "/#/plan?at=3975", ".plan-text mark.selected"),
    ("10-not-found", "/#/node/tech.no_such_thing", "[role=alert]"),
    ("11-docs", "/docs", ".swagger-ui .info"),
    ("12-redoc", "/redoc", "h1"),
    ("13-node-en", "/#/node/tech.ccus", ".cy[data-node-count]"),
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
