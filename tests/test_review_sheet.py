"""``ckg report review``: every curated claim with its rationale, for an expert to mark up, run
as a user runs it (``python -m cli``) on the shipped seeds, and rendered from a small graph
whose names try to break out of the page."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from cli.review_sheet import COLUMNS, render_review
from graph.memory import MemoryStore
from graph.model import GraphData, Node, Relationship
from queries.analytics import NECESSITIES
from queries.review import review_sheet
from tests.served import ckg
from tests.test_gap_report import parse

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sheet_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    target = tmp_path_factory.mktemp("review") / "review.csv"
    result = ckg("report", "review", "--format", "csv", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout and "curated relationships" in result.stdout
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so that spreadsheets read UTF-8"
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_every_curated_relationship_appears_once(
    sheet_rows: list[dict[str, str]], seed_data: GraphData
) -> None:
    curated = Counter(
        (r.type, r.source, r.target)
        for r in seed_data.relationships
        if r.properties.get("basis") == "curated"
    )
    listed = Counter(
        (row["kind"], row["subject"], row["object"]) for row in sheet_rows if row["kind"] != "Technology"
    )
    assert listed == curated and all(n == 1 for n in listed.values())


def test_every_technology_appears_once_with_its_claims(
    sheet_rows: list[dict[str, str]], seed_data: GraphData
) -> None:
    techs = {n.id: n for n in seed_data.nodes if n.label == "Technology"}
    rows = [row for row in sheet_rows if row["kind"] == "Technology"]
    assert sorted(row["subject"] for row in rows) == sorted(techs)
    for row in rows:
        node = techs[row["subject"]]
        assert row["trl"] == str(node.properties.get("trl") or "")
        assert row["horizon"] == str(node.properties.get("horizon") or "")
        assert row["carbon_class"] == str(node.properties.get("carbon_class") or "")
        if row["readiness"]:
            assert row["readiness_basis"] in ("trl", "horizon", "curated")
        if row["readiness_basis"] == "trl":
            assert int(row["trl"]) >= 9 and row["readiness"] == row["trl_year"]
        assert row["verdict"] == row["comment"] == ""


def test_a_dependency_row_shows_its_necessity_and_rationale(sheet_rows: list[dict[str, str]]) -> None:
    depends = [row for row in sheet_rows if row["kind"] == "DEPENDS_ON"]
    assert depends
    for row in depends:
        assert row["necessity"] in NECESSITIES and row["rationale"]
    assert all(row["necessity"] == "" for row in sheet_rows if row["kind"] not in ("DEPENDS_ON",))


def test_the_html_sheet_is_printable_and_self_contained(tmp_path: Path, seed_data: GraphData) -> None:
    target = tmp_path / "review.html"
    result = ckg("report", "review", "--format", "html", "--output", str(target))
    assert result.returncode == 0, result.stderr
    page = parse(target.read_text("utf-8"))
    assert page.tags.count("table") == 2 and "@media print" in "".join(page.text)
    assert not {"script", "link", "img"} & set(page.tags)
    curated = sum(1 for r in seed_data.relationships if r.properties.get("basis") == "curated")
    techs = sum(1 for n in seed_data.nodes if n.label == "Technology")
    assert page.tags.count("tr") == techs + curated + 2  # two header rows


@pytest.mark.parametrize(("flags", "parameter"), [(["--format", "md"], "format"), (["--json"], "json")])
def test_what_the_sheet_cannot_be_is_one_line_and_exit_2(flags: list[str], parameter: str) -> None:
    result = ckg("report", "review", *flags)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"ckg: {parameter}") and result.stderr.count("\n") == 1


def test_the_sheet_escapes_what_it_quotes() -> None:
    hostile = "<script>alert(1)</script>"
    store = MemoryStore()
    store.replace_all(
        GraphData(
            (
                Node("tech.a", "Technology", hostile, "a", "=HYPERLINK(1)", {"trl": 4, "horizon": 2030}),
                Node("tech.b", "Technology", "b", "b", "b", {"trl": 9, "trl_year": 2023, "horizon": 2030}),
            ),
            (
                Relationship("DEPENDS_ON", "tech.a", "tech.b", {"basis": "curated", "rationale": hostile}),
                Relationship("DEPENDS_ON", "tech.b", "tech.a", {"basis": "plan"}),
            ),
        )
    )
    sheet = review_sheet(store)
    assert [c.relationship.key for c in sheet.relationships] == [("tech.a", "DEPENDS_ON", "tech.b")]
    assert sheet.relationships[0].necessity == "essential"  # none given: read as the analytics read it
    ready = [(c.node.id, c.readiness.year, c.readiness.basis) for c in sheet.technologies if c.readiness]
    assert ready == [("tech.a", 2030, "horizon"), ("tech.b", 2023, "trl")]
    page = parse(render_review(sheet, "html"))
    assert "script" not in page.tags and hostile in "".join(page.text)
    rows = list(csv.DictReader(io.StringIO(render_review(sheet, "csv"))))
    assert rows[0]["subject_en"] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert rows[2]["rationale"] == hostile
