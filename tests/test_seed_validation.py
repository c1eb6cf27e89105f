"""check_seeds / load_seeds on a real copy of seeds/ with one file added or altered.

Each test copies the real plan text and the real seeds/*.yaml into a temporary directory, adds
one small YAML file (or alters one), and checks that exactly one new error is reported, pointing
at the right file, line and id with a message that says what is wrong, and that nothing loads.

Other people's seed files may be mid-edit: the errors of the unaltered copy are the baseline,
and each test asserts that its change adds exactly its one error to that baseline
(``test_shipped_seeds_have_no_errors`` asserts the baseline itself is empty).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from loaders import SeedError, SeedReport, check_seeds, load_seeds
from loaders.overlay import LoadError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLAN_FILE = "plan-2022-2030.zh-Hant.txt"
PROBE = "zz-probe.yaml"  # read last: files are read in name order


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the real seeds for the whole module, so that all tests see the same files."""
    copy = tmp_path_factory.mktemp("seeds-snapshot")
    shutil.copy(SEEDS / PLAN_FILE, copy / PLAN_FILE)
    for path in sorted(SEEDS.glob("*.yaml")):
        shutil.copy(path, copy / path.name)
    assert (copy / "00-structure.yaml").is_file()
    return copy


@pytest.fixture(scope="module")
def baseline(snapshot: Path) -> list[LoadError]:
    return check_seeds(snapshot).errors


@pytest.fixture(scope="module")
def plan_text(snapshot: Path) -> str:
    return (snapshot / PLAN_FILE).read_text(encoding="utf-8")


def _seeds_with(snapshot: Path, tmp_path: Path, files: dict[str, str]) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(snapshot, seeds)
    for name, body in files.items():
        (seeds / name).write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return seeds


def _line_of(body: str, marker: str) -> int:
    """The 1-based line of ``body`` (as written to disk) holding ``marker``; it must be unique."""
    lines = textwrap.dedent(body).lstrip("\n").splitlines()
    found = [n for n, line in enumerate(lines, start=1) if marker in line]
    assert len(found) == 1, f"{marker!r} on lines {found}"
    return found[0]


def _the_new_error(report: SeedReport, baseline: list[LoadError]) -> LoadError:
    new = [e for e in report.errors if e not in baseline]
    assert len(new) == 1, "expected exactly one new error, got:\n" + "\n".join(map(str, new))
    assert len(report.errors) == len(baseline) + 1, "\n".join(map(str, report.errors))
    return new[0]


def _assert_nothing_loaded(seeds: Path, report: SeedReport) -> None:
    assert report.data is None
    with pytest.raises(SeedError) as raised:
        load_seeds(seeds)
    assert raised.value.errors == report.errors
    assert "nothing loaded" in str(raised.value)


def _check_one(
    snapshot: Path,
    tmp_path: Path,
    baseline: list[LoadError],
    body: str,
    *,
    line_marker: str,
    id: str | tuple[str, str, str],
    message: str,
    file: str = PROBE,
) -> LoadError:
    seeds = _seeds_with(snapshot, tmp_path, {file: body})
    report = check_seeds(seeds)
    error = _the_new_error(report, baseline)
    assert error.origin.file == f"seeds/{file}", str(error)
    assert error.origin.line == _line_of(body, line_marker), str(error)
    if isinstance(id, tuple):  # a relationship: its id names both ends and the type
        assert all(part in error.id for part in id), str(error)
    else:
        assert error.id == id, str(error)
    assert re.search(message, error.message), f"{message!r} not in {error.message!r}"
    _assert_nothing_loaded(seeds, report)
    return error


TWO_TECHS = """
    nodes:
      - id: tech.zz_probe_a
        label: Technology
        name_zh: 探針技術甲
        name_en: Probe technology A
        basis: curated
        rationale: Written by the test.
      - id: tech.zz_probe_b
        label: Technology
        name_zh: 探針技術乙
        name_en: Probe technology B
        basis: curated
        rationale: Written by the test.
      - id: sector.zz_probe
        label: Sector
        name_zh: 探針行業
        name_en: Probe sector
        basis: curated
        rationale: Written by the test.
    """


# --- the shipped seeds and a valid addition ----------------------------------------------------


def test_shipped_seeds_have_no_errors() -> None:
    report = check_seeds(SEEDS)
    assert [str(e) for e in report.errors] == []
    assert report.data is not None
    data = load_seeds(SEEDS)
    assert {n.id for n in data.nodes} >= {"plan", "action.1", "action.10", "column.3", "column.10"}
    assert len({n.id for n in data.nodes}) == len(data.nodes)


def test_a_valid_addition_adds_no_error(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    """Control for every test below: the probe nodes are valid until one thing is broken."""
    ambiguous = "碳達峰碳中和"
    start = plan_text.index(ambiguous, plan_text.index("(2022—2030 年)"))
    body = (
        TWO_TECHS
        + f"""
      - id: tech.zz_probe_c
        label: Technology
        name_zh: 探針技術丙
        name_en: Probe technology C
        carbon_class: 負碳
        trl: 11
        trl_year: 2024
        trl_basis: Written by the test.
        horizon: 2030
        basis: plan
        sources:
          - quote: 與生物質結合的負碳技術(BECCS)
          - quote: {ambiguous}
            start: {start}
    relationships:
      - type: APPLIES_TO
        source: tech.zz_probe_a
        target: sector.zz_probe
        basis: curated
        rationale: Written by the test.
      - type: DEPENDS_ON
        source: tech.zz_probe_a
        target: tech.zz_probe_b
        necessity: essential
        basis: curated
        rationale: Written by the test.
    """
    )
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    report = check_seeds(seeds)
    assert report.errors == baseline
    if not baseline:
        data = load_seeds(seeds)
        node = next(n for n in data.nodes if n.id == "tech.zz_probe_c")
        beccs = plan_text.index("與生物質結合的負碳技術(BECCS)")
        assert [(s.start, s.end) for s in node.sources] == [
            (beccs, beccs + len("與生物質結合的負碳技術(BECCS)")),
            (start, start + len(ambiguous)),
        ]
        assert ("tech.zz_probe_a", "DEPENDS_ON", "tech.zz_probe_b") in {r.key for r in data.relationships}


# --- schema: labels, relationship types and their ends ------------------------------------------


def test_unknown_relationship_type(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    body = (
        TWO_TECHS
        + """
    relationships:
      - type: REQUIRES
        source: tech.zz_probe_a
        target: tech.zz_probe_b
        basis: curated
        rationale: Written by the test.
    """
    )
    error = _check_one(
        snapshot,
        tmp_path,
        baseline,
        body,
        line_marker="type: REQUIRES",
        id=("tech.zz_probe_a", "REQUIRES", "tech.zz_probe_b"),
        message=r"unknown relationship type 'REQUIRES'",
    )
    assert "tech.zz_probe_a" in str(error) and "tech.zz_probe_b" in str(error)


# --- ids -------------------------------------------------------------------------------------------


def test_duplicate_id_across_two_files(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    first = """
    # the first file
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """
    second = """
    nodes:
      - id: sector.zz_probe
        label: Sector
        name_zh: 探針行業
        name_en: Probe sector
        basis: curated
        rationale: Written by the test.
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術二
        name_en: Probe technology, again
        basis: curated
        rationale: Written by the test.
    """
    seeds = _seeds_with(snapshot, tmp_path, {"zz-probe-a.yaml": first, "zz-probe-b.yaml": second})
    report = check_seeds(seeds)
    error = _the_new_error(report, baseline)
    assert error.origin.file == "seeds/zz-probe-b.yaml"
    assert error.origin.line == _line_of(second, "id: tech.zz_probe")
    assert error.id == "tech.zz_probe"
    first_at = f"seeds/zz-probe-a.yaml:{_line_of(first, 'id: tech.zz_probe')}"
    assert re.search(r"duplicate node id", error.message) and first_at in error.message, str(error)
    _assert_nothing_loaded(seeds, report)


def test_duplicate_of_a_shipped_id(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    structure = (snapshot / "00-structure.yaml").read_text(encoding="utf-8").splitlines()
    plan_line = next(
        n
        for n, line in enumerate(structure, start=1)
        if re.match(r"^\s*-\s*\{?\s*id:\s*plan\s*[,}]?\s*$", line)
    )
    body = """
    nodes:
      - {id: plan, label: Plan, name_zh: 另一方案, name_en: Another plan, basis: curated, rationale: Test.}
    """
    error = _check_one(
        snapshot,
        tmp_path,
        baseline,
        body,
        line_marker="id: plan",
        id="plan",
        message=r"duplicate node id",
    )
    assert f"first written at seeds/00-structure.yaml:{plan_line}" in error.message


# --- required properties and provenance ---------------------------------------------------------


# --- quotes ------------------------------------------------------------------------------------------


def _quoted(quote: str, start: int | None = None) -> str:
    start_line = f"\n            start: {start}" if start is not None else ""
    return f"""
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: plan
        sources:
          - quote: {quote}{start_line}
    """


def test_quote_not_in_the_plan(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    quote = "研發月球基地二氧化碳捕集技術"
    assert quote not in plan_text
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=rf"quote not found in the plan text: '{quote}'",
    )


def test_quote_with_wrong_start(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    quote = "與生物質結合的負碳技術(BECCS)"
    assert plan_text.count(quote) == 1
    wrong = plan_text.index(quote) + 1
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote, wrong),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=rf"quote is not the plan text at {wrong}–{wrong + len(quote)}",
    )


def test_ambiguous_quote_without_start(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    quote = "碳達峰碳中和"
    plan_start = plan_text.rindex("科技支撐碳達峰碳中和實施方案", 0, plan_text.index("(2022—2030 年)"))
    plan_end = plan_text.index("熱門詞條")
    count = len(re.findall(f"(?={quote})", plan_text[plan_start:plan_end]))
    assert count > 10
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=rf"quote occurs {count} times .*give its start",
    )


def test_quote_from_page_furniture(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    quote = "基本介紹"
    assert plan_text.count(quote) == 1  # in the page's summary block, above the plan
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=rf"quote lies outside the plan proper \(page furniture\): '{quote}'",
    )


def test_quote_from_page_furniture_at_its_offset(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    quote = "基本介紹"
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote, plan_text.index(quote)),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"outside the plan proper \(page furniture\)",
    )


def test_goal_quote_from_the_page_summary(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    """The summary at the top writes '2030年前實現碳達峰' too; it is furniture, not the plan."""
    quote = "2030年前實現碳達峰"
    assert plan_text.count(quote) == 1
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _quoted(quote, plan_text.index(quote)),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"page furniture",
    )


# --- Technology fields ---------------------------------------------------------------------------


def _tech(extra: str) -> str:
    return (
        """
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """.rstrip(" ")
        + textwrap.indent(textwrap.dedent(extra).strip("\n"), " " * 8)
        + "\n"
    )


def test_trl_without_year_and_basis(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _tech("trl: 7"),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"a trl needs trl_year and trl_basis",
    )


def test_trl_without_basis(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _tech("trl: 7\ntrl_year: 2024"),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"a trl needs trl_year and trl_basis",
    )


@pytest.mark.parametrize("carbon_class", ["高碳", "low-carbon", "负碳"])
def test_carbon_class_outside_the_plans_three(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], carbon_class: str
) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _tech(f"carbon_class: {carbon_class}"),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"carbon_class must be one of 低碳, 零碳, 負碳",
    )


def test_curated_readiness_and_its_basis(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    """A curated readiness is kept with basis curated; without one, TRL 9+ gives trl_year and
    anything less its horizon."""
    body = "nodes:\n" + "".join(
        f"""
  - id: tech.zz_probe_{name}
    label: Technology
    name_zh: 探針技術{name}
    name_en: Probe technology {name}
    basis: curated
    rationale: Written by the test.
    trl: {trl}
    trl_year: 2024
    trl_basis: Written by the test.
    horizon: 2030
{extra}"""
        for name, trl, extra in (
            ("a", 5, "    readiness: 2040\n    readiness_rationale: Written by the test.\n"),
            ("b", 9, ""),
            ("c", 6, ""),
        )
    )
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    assert check_seeds(seeds).errors == baseline
    if not baseline:
        nodes = {n.id: n.properties for n in load_seeds(seeds).nodes}
        got = {
            i: (nodes[i]["readiness"], nodes[i]["readiness_basis"]) for i in nodes if i.startswith("tech.zz_")
        }
        assert got == {
            "tech.zz_probe_a": (2040, "curated"),
            "tech.zz_probe_b": (2024, "trl"),
            "tech.zz_probe_c": (2030, "horizon"),
        }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "trl: 9\ntrl_year: 2024\ntrl_basis: Written.\nreadiness: 2030\nreadiness_rationale: Written.",
            r"a curated readiness on a technology at trl 9 \(commercial\)",
        ),
        (
            "trl: 5\ntrl_year: 2024\ntrl_basis: Written.\nreadiness: 2040",
            r"a curated readiness needs readiness_rationale",
        ),
        (
            "readiness: soon\nreadiness_rationale: Written.",
            r"readiness must be a year from 2000 to 2060, got 'soon'",
        ),
        ("horizon: 2030\nreadiness_rationale: Written.", r"readiness_rationale without a curated readiness"),
        ("readiness_basis: trl", r"readiness_basis is computed by the loader; remove it"),
    ],
    ids=["on-commercial", "without-rationale", "not-a-year", "rationale-alone", "basis-written"],
)
def test_broken_readiness(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], extra: str, message: str
) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _tech(extra),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=message,
    )


def _milestone(extra: str) -> str:
    return (
        """
    nodes:
      - id: milestone.zz_probe
        label: Milestone
        name_zh: 探針目標
        name_en: Probe milestone
        year: 2030
        metric: probe
        basis: curated
        rationale: Written by the test.
    """.rstrip(" ")
        + textwrap.indent(textwrap.dedent(extra).strip("\n"), " " * 8)
        + "\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "year_basis: guessed\nyear_rationale: Written.",
            r"year_basis must be one of plan, curated, got 'guessed'",
        ),
        ("year_basis: curated", r"year_basis: curated needs year_rationale"),
        ("year_rationale: Written.", r"year_rationale belongs to a curated year"),
    ],
    ids=["unknown-basis", "curated-without-rationale", "rationale-alone"],
)
def test_broken_milestone_year_basis(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], extra: str, message: str
) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        _milestone(extra),
        line_marker="id: milestone.zz_probe",
        id="milestone.zz_probe",
        message=message,
    )


@pytest.mark.parametrize(
    ("necessity", "message"),
    [
        ("", r"DEPENDS_ON needs necessity: essential or enabling"),
        ("necessity: helpful\n", r"necessity must be essential or enabling, got 'helpful'"),
        ("necessity: [essential]\n", r"necessity must be essential or enabling, got \['essential'\]"),
    ],
    ids=["missing", "unknown", "a-list"],
)
def test_dependency_without_a_valid_necessity(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], necessity: str, message: str
) -> None:
    body = TWO_TECHS.rstrip(" ") + textwrap.indent(
        "relationships:\n"
        "  - type: DEPENDS_ON\n"
        "    source: tech.zz_probe_a\n"
        "    target: tech.zz_probe_b\n" + textwrap.indent(necessity, "    ") + "    basis: curated\n"
        "    rationale: Written by the test.\n",
        "    ",
    )
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        body,
        line_marker="type: DEPENDS_ON",
        id=("tech.zz_probe_a", "DEPENDS_ON", "tech.zz_probe_b"),
        message=message,
    )


# --- text: keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["item.5.99", "column.11", "column.x"])
def test_text_key_that_does_not_exist(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], key: str
) -> None:
    body = f"""
    nodes:
      - id: tech.zz_probe
        label: Technology
        text: {key}
        name_zh: 探針技術
        name_en: Probe technology
    """
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        body,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=rf"text: '{re.escape(key)}' is not an element of the plan",
    )


@pytest.mark.parametrize(("key", "label"), [("action.1", "Action"), ("plan", "Plan"), ("column.3", "Column")])
def test_text_key_claimed_twice(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], key: str, label: str
) -> None:
    first = check_seeds(snapshot).covered.get(key)
    assert first, f"the shipped seeds claim {key}"
    body = f"""
    nodes:
      - id: probe.zz_{key.replace(".", "_")}
        label: {label}
        text: {key}
        name_en: The same element again
    """
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        body,
        line_marker="id: probe.zz_",
        id=f"probe.zz_{key.replace('.', '_')}",
        message=rf"text: '{re.escape(key)}' is already the node '{re.escape(first)}'",
    )


def test_text_key_claimed_twice_in_one_file(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], plan_text: str
) -> None:
    body = """
    nodes:
      - id: tech.zz_probe_a
        label: Technology
        text: item.5.7
        name_en: Direct air capture
      - id: tech.zz_probe_b
        label: Technology
        text: item.5.7
        name_en: Direct air capture, again
    """
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    report = check_seeds(seeds)
    claimed_elsewhere = check_seeds(snapshot).covered.get("item.5.7")
    new = [e for e in report.errors if e not in baseline]
    # if the shipped seeds claim item 5.7 already, both probe nodes are refused; otherwise the second
    expected_ids = ["tech.zz_probe_a", "tech.zz_probe_b"] if claimed_elsewhere else ["tech.zz_probe_b"]
    first = claimed_elsewhere or "tech.zz_probe_a"
    assert [e.id for e in new] == expected_ids, "\n".join(map(str, new))
    error = new[-1]
    assert error.origin.file == f"seeds/{PROBE}"
    assert error.origin.line == _line_of(body, "id: tech.zz_probe_b")
    assert f"text: 'item.5.7' is already the node '{first}'" in error.message
    _assert_nothing_loaded(seeds, report)


# --- the YAML itself ---------------------------------------------------------------------------------


def test_invalid_yaml_in_an_altered_shipped_file(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError]
) -> None:
    """Alter the real 00-structure.yaml: an unclosed flow mapping; the error names its line."""
    seeds = _seeds_with(snapshot, tmp_path, {})
    path = seeds / "00-structure.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(n for n, line in enumerate(lines) if line.lstrip().startswith("- {id: action.5,"))
    lines[target] = lines[target].replace('"}', '"', 1)  # drop the closing brace
    assert lines[target].rstrip().endswith('"')
    path.write_text("".join(lines), encoding="utf-8")
    report = check_seeds(seeds)
    yaml_errors = [e for e in report.errors if e.origin.file == "seeds/00-structure.yaml"]
    assert len(yaml_errors) == 1, "\n".join(map(str, report.errors))
    error = yaml_errors[0]
    assert error.message.startswith("invalid YAML")
    # the parser notices the missing '}' where the next entry begins
    assert error.origin.line in (target + 1, target + 2), str(error)
    assert error.id == ""
    assert report.data is None
    with pytest.raises(SeedError):
        load_seeds(seeds)


def test_error_text_names_file_line_and_id(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    body = _tech("carbon_class: 高碳")
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    error = _the_new_error(check_seeds(seeds), baseline)
    line = _line_of(body, "id: tech.zz_probe")
    assert str(error).startswith(f"seeds/{PROBE}:{line}: tech.zz_probe: carbon_class must be one of")


@dataclass(frozen=True)
class Broken:
    """A seed file with one thing wrong: where the error must point, and what it must say."""

    name: str
    body: str
    line_marker: str
    id: str | tuple[str, str, str]
    message: str
    file: str = PROBE


BROKEN = [
    Broken(
        "unknown_label",
        """
    nodes:
      - id: tech.zz_probe
        label: Technolgy
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"unknown label 'Technolgy'",
    ),
    Broken(
        "relationship_to_a_missing_node",
        TWO_TECHS
        + """
    relationships:
      - type: DEPENDS_ON
        source: tech.zz_probe_a
        target: tech.zz_probe_missing
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="type: DEPENDS_ON",
        id=("tech.zz_probe_a", "DEPENDS_ON", "tech.zz_probe_missing"),
        message=r"no node with id 'tech.zz_probe_missing'",
    ),
    Broken(
        "relationship_ends_that_do_not_fit_the_type",
        TWO_TECHS
        + """
    relationships:
      - type: DEPENDS_ON
        source: tech.zz_probe_a
        target: sector.zz_probe
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="type: DEPENDS_ON",
        id=("tech.zz_probe_a", "DEPENDS_ON", "sector.zz_probe"),
        message=r"DEPENDS_ON cannot join Technology -> Sector \(allowed: Technology -> Technology\)",
    ),
    Broken(
        "id_with_upper_case",
        """
    nodes:
      - id: tech.ZZ_Probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="id: tech.ZZ_Probe",
        id="tech.ZZ_Probe",
        message=r"id must be lower case",
    ),
    Broken(
        "missing_name_en",
        """
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"missing required property: name_en$",
    ),
    Broken(
        "curated_without_rationale",
        """
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
    """,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"basis: curated needs a rationale",
    ),
    Broken(
        "plan_basis_without_sources",
        """
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        name_en: Probe technology
        basis: plan
    """,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"basis: plan needs sources",
    ),
    Broken(
        "relationship_curated_without_rationale",
        TWO_TECHS
        + """
    relationships:
      - type: DEPENDS_ON
        source: tech.zz_probe_a
        target: tech.zz_probe_b
        necessity: essential
        basis: curated
    """,
        line_marker="type: DEPENDS_ON",
        id=("tech.zz_probe_a", "DEPENDS_ON", "tech.zz_probe_b"),
        message=r"basis: curated needs a rationale",
    ),
    Broken(
        "trl_out_of_range",
        _tech(
            """
        trl: 12
        trl_year: 2024
        trl_basis: Written by the test.
        """
        ),
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"trl must be an integer from 1 to 11 .*got 12",
    ),
    Broken(
        "necessity_on_another_relationship_type",
        TWO_TECHS
        + """
    relationships:
      - type: APPLIES_TO
        source: tech.zz_probe_a
        target: sector.zz_probe
        necessity: essential
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="type: APPLIES_TO",
        id=("tech.zz_probe_a", "APPLIES_TO", "sector.zz_probe"),
        message=r"unknown field\(s\) for a APPLIES_TO: necessity",
    ),
    Broken(
        "unknown_field",
        """
    nodes:
      - id: tech.zz_probe
        label: Technology
        name_zh: 探針技術
        nmae_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="id: tech.zz_probe",
        id="tech.zz_probe",
        message=r"unknown field\(s\) for a Technology: nmae_en$",
    ),
    Broken(
        "invalid_yaml_reports_the_line",
        """
    nodes:
      - id: tech.zz_probe
        label: Technology: with a stray colon
        name_zh: 探針技術
        name_en: Probe technology
        basis: curated
        rationale: Written by the test.
    """,
        line_marker="stray colon",
        id="",
        message=r"^invalid YAML: mapping values are not allowed here",
    ),
]


@pytest.mark.parametrize("broken", BROKEN, ids=lambda broken: broken.name)
def test_a_broken_seed_is_one_error_naming_file_line_and_id(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], broken: Broken
) -> None:
    _check_one(
        snapshot,
        tmp_path,
        baseline,
        broken.body,
        line_marker=broken.line_marker,
        id=broken.id,
        message=broken.message,
        file=broken.file,
    )
