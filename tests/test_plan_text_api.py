"""GET /v1/plan/text over HTTP on both stores: the plan, and every cited passage with what cites it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.memory import MemoryStore
from graph.model import GraphData
from tests.http_helpers import PROBLEM, get


def test_every_span_is_a_cited_quote_at_its_offsets(client: TestClient, seed_data: GraphData) -> None:
    body = get(client, "/v1/plan/text")
    text, spans = body["text"], body["spans"]
    assert 5_000 < len(text) < 50_000
    assert spans == sorted(spans, key=lambda s: (s["start"], s["end"]))
    cited = {(s.start, s.end) for n in seed_data.nodes for s in n.sources}
    cited |= {(s.start, s.end) for r in seed_data.relationships for s in r.sources}
    assert {(s["start"], s["end"]) for s in spans} == cited
    assert all(s["cites"] for s in spans)


def test_a_span_names_the_nodes_and_relationships_that_cite_it(client: TestClient) -> None:
    body = get(client, "/v1/plan/text")
    node = get(client, "/v1/nodes/tech.green_hydrogen")
    quote = node["sources"][0]
    span = next(s for s in body["spans"] if (s["start"], s["end"]) == (quote["start"], quote["end"]))
    assert body["text"][span["start"] : span["end"]] == quote["quote"] == "綠氫製備技術"
    ids = [c["node"]["id"] for c in span["cites"] if c["kind"] == "node"]
    assert "tech.green_hydrogen" in ids
    relationships = [c for s in body["spans"] for c in s["cites"] if c["kind"] == "relationship"]
    assert relationships, "some relationship cites the plan"
    first = relationships[0]
    assert first["type"] and first["source"]["name_zh"] and first["target"]["id"] and first["node"] is None


def test_a_quote_not_at_its_offsets_is_left_out(seed_data: GraphData, tmp_path: Path) -> None:
    plan = next(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("plan-*.txt"))
    (tmp_path / plan.name).write_text("x" * 10 + plan.read_text(encoding="utf-8"), encoding="utf-8")
    store = MemoryStore()
    store.replace_all(seed_data)
    with TestClient(create_app(Settings(ckg_seeds=tmp_path), store=store)) as shifted:
        body = get(shifted, "/v1/plan/text")
    assert all(body["text"][s["start"] : s["end"]] for s in body["spans"])
    assert len(body["spans"]) < 10, "shifted by ten characters, almost nothing lines up any more"


def test_a_missing_plan_text_is_a_problem(seed_data: GraphData, tmp_path: Path) -> None:
    store = MemoryStore()
    store.replace_all(seed_data)
    with TestClient(create_app(Settings(ckg_seeds=tmp_path), store=store)) as missing:
        response = missing.get("/v1/plan/text")
    assert response.status_code == 503 and response.headers["content-type"].startswith(PROBLEM)
    found = response.json()
    assert found["type"].endswith("/plan-text-unavailable") and "plan text" in found["detail"]
    assert str(tmp_path) not in response.text  # where the seeds live is for the operator's log
