"""axe-core (pinned in web/package-lock.json) over every explorer view: no serious or critical
accessibility violation. The drawings are images with a label; the lists beside them are the
accessible path."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.explorer_browser import REPO, TIMEOUT, VIEWS, Watched, serve

AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as base:
        yield base


def _axe_source() -> str:
    assert AXE.is_file(), f"{AXE} is missing: npm ci --prefix web (make test does)"
    return Path(AXE).read_text(encoding="utf-8")


@pytest.mark.parametrize(("route", "ready"), [view[1:] for view in VIEWS], ids=[view[0] for view in VIEWS])
def test_no_serious_accessibility_violation(watched: Watched, base_url: str, route: str, ready: str) -> None:
    page = watched.page
    page.goto(base_url + route)
    page.wait_for_selector(ready, timeout=TIMEOUT)
    # Evaluated through the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(_axe_source())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in serious
    ]
    assert not serious, json.dumps(report, ensure_ascii=False, indent=1)
