"""``ckg report gaps`` (Markdown and HTML) and the analytics commands of ``ckg``, in process,
on the shipped seeds, held to the API's answers on the embedded store."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.analytics_models import FindingOut, GapCheckOut, GapsOut, StallPathOut, StallRelationshipOut
from api.models import PathNodeOut, SourceOut
from api.report import arrow_path, render_gap_report
from cli.main import main

VOID = {"meta", "br", "hr", "img", "link", "input"}


def ckg(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class Page(HTMLParser):
    """Collects the text, attribute values and tags of a page, and checks that tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def summary_rows(markdown: str) -> list[list[str]]:
    lines = markdown.splitlines()
    start = lines.index("## Summary")
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("| kind |"))
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


# -- the report -----------------------------------------------------------------------------


def test_markdown_summary_has_one_row_per_check_with_the_apis_counts(
    capsys: pytest.CaptureFixture[str], memory_client: TestClient, tmp_path: Path
) -> None:
    target = tmp_path / "gaps.md"
    code, out, _ = ckg(capsys, "report", "gaps", "--format", "md", "--output", str(target))
    assert code == 0 and str(target) in out
    report = target.read_text("utf-8")
    api = memory_client.get("/v1/gaps").json()["checks"]
    assert [(row[0], int(row[-1])) for row in summary_rows(report)] == [(c["kind"], c["count"]) for c in api]
    for check in api:
        assert f"## {check['kind']} ({check['count']})" in report
        for item in check["items"]:
            assert f"(`{item['nodes'][0]['id']}`)" in report
    # the reserve is in scope by default, and the report says so
    assert "and the 2060 research reserve;" in report
    undemonstrated = next(c for c in api if c["kind"] == "undemonstrated")
    for item in undemonstrated["items"]:
        if item["figures"]["reserve"]:
            assert f"(`{item['nodes'][0]['id']}`) *(reserve)*" in report


def test_markdown_findings_show_paths_with_names_and_quotes(
    capsys: pytest.CaptureFixture[str], memory_client: TestClient
) -> None:
    for flags, query in (([], {}), (["--include-enabling"], {"include_enabling": "true"})):
        code, report, _ = ckg(capsys, "report", "gaps", "--format", "md", *flags)
        assert code == 0
        gaps = GapsOut.model_validate(memory_client.get("/v1/gaps", params=query).json())
        paths = [f.path for c in gaps.checks for f in c.items if f.path is not None]
        plain = report.replace("\\", "")  # the Markdown escapes (\* \[ \]) taken out
        for path in paths:  # a → b → c with names, an enabling dependency marked
            assert f"- **Path:** {arrow_path(path)}\n" in plain
        assert "  > " in report and "(plan text, characters " in report


def test_an_enabling_dependency_reads_apart_in_a_path() -> None:
    a, b, m = (PathNodeOut(id=i, label="Technology", name_zh=i, name_en=i) for i in ("t.a", "t.b", "m.c"))
    path = StallPathOut(
        length=2,
        nodes=[a, b, m],
        relationships=[
            StallRelationshipOut(type="DEPENDS_ON", source="t.b", target="t.a", necessity="enabling"),
            StallRelationshipOut(type="CONTRIBUTES_TO", source="t.b", target="m.c", necessity=None),
        ],
    )
    assert arrow_path(path, names=False) == "t.a →[enabling] t.b → m.c"


def test_html_report_parses_and_names_every_finding_node(
    capsys: pytest.CaptureFixture[str], memory_client: TestClient, tmp_path: Path
) -> None:
    target = tmp_path / "gaps.html"
    code, _, _ = ckg(capsys, "report", "gaps", "--format", "html", "--output", str(target))
    assert code == 0
    page = target.read_text("utf-8")
    parsed = parse(page)
    text = "".join(parsed.text)
    api = memory_client.get("/v1/gaps").json()["checks"]
    for check in api:
        for item in check["items"]:
            for node in item["nodes"]:
                assert node["id"] in text, node["id"]
    # self-contained: no scripts, no external styles, links or images
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert all(not (value or "").startswith(("http:", "https:", "//")) for _, value in parsed.attributes)
    assert "style" in parsed.tags


def test_html_and_markdown_escape_what_they_quote() -> None:
    hostile = PathNodeOut(
        id="tech.x", label="Technology", name_zh="<b>粗</b>", name_en="a | b <script>alert(1)</script>"
    )
    other = PathNodeOut(id="m.y", label="Milestone", name_zh="&amp;", name_en='"quoted" &amp; <i>')
    finding = FindingOut(
        nodes=[hostile, other],
        explanation="Because <script>alert(2)</script> | and * stars.",
        path=StallPathOut(
            length=1,
            nodes=[hostile, other],
            relationships=[
                StallRelationshipOut(type="CONTRIBUTES_TO", source="tech.x", target="m.y", necessity=None)
            ],
        ),
        figures={"note": "<em>x</em>", "flag": True, "none": None},
        sources=[SourceOut(quote="</blockquote><script>", start=1, end=22)],
    )
    gaps = GapsOut(
        checks=[GapCheckOut(kind="demo", description="a | b", parameters={}, count=1, items=[finding])]
    )
    page = render_gap_report(gaps, "html")
    parsed = parse(page)
    assert "script" not in parsed.tags and "em" not in parsed.tags and "b" not in parsed.tags
    text = "".join(parsed.text)
    assert "a | b <script>alert(1)</script>" in text and "</blockquote><script>" in text and "&amp;" in text
    markdown = render_gap_report(gaps, "md")
    assert summary_rows(markdown) == [["demo", "a \\| b", "1"]]
    assert "<script>" not in markdown


def test_excluding_the_reserve_shows_in_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = ckg(capsys, "report", "gaps", "--no-reserve")
    assert code == 0
    assert "the 2060 research reserve is left out" in report and "*(reserve)*" not in report


def test_the_coverage_report_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = ckg(capsys, "report", "coverage")
    assert code == 0 and "elements covered" in out


# -- the analytics commands -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "url"),
    [
        (["gaps"], "/v1/gaps"),
        (["gaps", "timeline_conflict"], "/v1/gaps/timeline_conflict"),
        (["gaps", "undemonstrated", "--horizon-max", "2025", "--no-reserve"],
         "/v1/gaps/undemonstrated?horizon_max=2025&include_reserve=false"),
        (["gaps", "unsupported_milestone", "--trl-2025", "9", "--trl-2030", "8"],
         "/v1/gaps/unsupported_milestone?trl_2025=9&trl_2030=8"),
        (["impact", "tech.green_hydrogen"], "/v1/impact/tech.green_hydrogen"),
        (["impact", "tech.green_hydrogen", "--include-enabling", "--limit", "2", "--offset", "1"],
         "/v1/impact/tech.green_hydrogen?include_enabling=true&limit=2&offset=1"),
        (["critical", "--include-enabling"], "/v1/analytics/critical?include_enabling=true"),
        (["chains", "milestone.frontier_tech_2030", "--include-enabling"],
         "/v1/milestones/milestone.frontier_tech_2030/chains?include_enabling=true"),
        (["gaps", "--include-enabling"], "/v1/gaps?include_enabling=true"),
        (["gaps", "timeline_conflict", "--include-enabling"],
         "/v1/gaps/timeline_conflict?include_enabling=true"),
        (["report", "gaps", "--include-enabling", "--json"], "/v1/gaps?include_enabling=true"),
        (["critical"], "/v1/analytics/critical"),
        (["critical", "--metric", "betweenness", "--limit", "7"],
         "/v1/analytics/critical?metric=betweenness&limit=7"),
        (["chains", "milestone.frontier_tech_2030", "--limit", "4"],
         "/v1/milestones/milestone.frontier_tech_2030/chains?limit=4"),
        (["report", "gaps", "--json"], "/v1/gaps"),
    ],
)  # fmt: skip
def test_json_prints_exactly_the_apis_answer(
    capsys: pytest.CaptureFixture[str], memory_client: TestClient, args: list[str], url: str
) -> None:
    code, out, _ = ckg(capsys, *args, "--json")
    assert code == 0
    assert json.loads(out) == memory_client.get(url).json()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["gaps"], ["kind", "undemonstrated", "unmeasured_action"]),
        (["gaps", "uncovered_sector"], ["sector.oceans", "no demonstration project sits in it"]),
        (["impact", "tech.green_hydrogen"],
         ["following essential dependencies", "demonstrations (", "milestones (", "tech.green_hydrogen → "]),
        (["impact", "tech.green_hydrogen", "--include-enabling", "--limit", "1"],
         ["following essential and enabling dependencies", "technologies (1–1 of "]),
        (["critical", "--metric", "milestones", "--limit", "3"], ["by milestones", "rank"]),
        (["chains", "milestone.capture_energy_2025"],
         ["weakest", "chain(s) lead to milestone.capture_energy_2025", "→ milestone.capture_energy_2025"]),
    ],
)  # fmt: skip
def test_tables_by_default(capsys: pytest.CaptureFixture[str], args: list[str], expected: list[str]) -> None:
    code, out, _ = ckg(capsys, *args)
    assert code == 0
    for text in expected:
        assert text in out, text
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gaps", "nope"], "no gap check 'nope'"),
        (["gaps", "--horizon-max", "2040"], "horizon_max"),
        (["impact", "sector.steel"], "is not a Technology"),
        (["impact", "tech.nope"], "no node with id 'tech.nope'"),
        (["critical", "--metric", "fame"], "metric"),
        (["critical", "--limit", "201"], "cap of 200"),
        (["impact", "tech.green_hydrogen", "--offset", "-1"], "offset"),
        (["chains", "tech.dac"], "is not a Milestone"),
    ],
)
def test_errors_exit_2_in_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = ckg(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and err.startswith("ckg: ") and err.count("\n") == 1
