"""check_seeds / load_seeds on a real copy of seeds/ with one file added or altered.

Each test copies the real plan text and the real seeds/*.yaml into a temporary directory, adds
one small YAML file (or alters one), and checks that exactly one new error is reported, pointing
at the right file, line and id with a message that says what is wrong, and that nothing loads.
The broken files that differ only in what they break, where the error points and what it says
are one table, ``BROKEN``; the cases with checks of their own are tests of their own.

Other people's seed files may be mid-edit: the errors of the unaltered copy are the baseline,
and each test asserts that its change adds exactly its one error to that baseline
(``test_shipped_seeds_have_no_errors`` asserts the baseline itself is empty).
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from loaders import SeedError, SeedReport, check_seeds, load_seeds
from loaders.build import PLAN_FILE
from loaders.overlay import LoadError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PLAN_TEXT = (SEEDS / PLAN_FILE).read_text(encoding="utf-8")
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


@dataclass(frozen=True)
class Broken:
    """A seed file with one thing wrong: where the error must point, and what it must say."""

    name: str
    body: str
    message: str  # a regular expression
    line_marker: str = "id: tech.zz_probe"
    id: str | tuple[str, str, str] = "tech.zz_probe"  # a relationship's names both ends and the type


@pytest.fixture
def check(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> Callable[[Broken], LoadError]:
    """Writes a broken seed file into a copy of the seeds and gives back its one new error,
    once it is checked to point where it must, to say what it must, and to stop the load."""

    def one_error(broken: Broken) -> LoadError:
        seeds = _seeds_with(snapshot, tmp_path, {PROBE: broken.body})
        report = check_seeds(seeds)
        error = _the_new_error(report, baseline)
        assert error.origin.file == f"seeds/{PROBE}", str(error)
        assert error.origin.line == _line_of(broken.body, broken.line_marker), str(error)
        if isinstance(broken.id, tuple):
            assert all(part in error.id for part in broken.id), str(error)
        else:
            assert error.id == broken.id, str(error)
        assert re.search(broken.message, error.message), f"{broken.message!r} not in {error.message!r}"
        _assert_nothing_loaded(seeds, report)
        return error

    return one_error


# --- the probe files, whole, and each broken in one place --------------------------------------

CURATED = ("basis: curated", "rationale: Written by the test.")
TECH = ("id: tech.zz_probe", "label: Technology", "name_zh: 探針技術", "name_en: Probe technology", *CURATED)
SECTOR = ("id: sector.zz_probe", "label: Sector", "name_zh: 探針行業", "name_en: Probe sector", *CURATED)
MILESTONE = (
    "id: milestone.zz_probe",
    "label: Milestone",
    "name_zh: 探針目標",
    "name_en: Probe milestone",
    "year: 2030",
    "metric: probe",
    *CURATED,
)


def _key(field: str) -> str:
    return field.split(":", 1)[0]


def _entry(fields: Sequence[str], *changes: str, without: Sequence[str] = ()) -> str:
    """One entry of a section: its ``fields`` (YAML ``key: value`` lines), each of ``changes``
    in place of the field with its key (or after them all), the keys in ``without`` left out."""
    changed = {_key(change): change for change in changes}
    lines = [changed.pop(_key(field), field) for field in fields if _key(field) not in without]
    return "  - " + "\n    ".join([*lines, *changed.values()]) + "\n"


def _node(fields: Sequence[str], *changes: str, without: Sequence[str] = ()) -> str:
    """A seed file of one node (see ``_entry``)."""
    return "nodes:\n" + _entry(fields, *changes, without=without)


TWO_TECHS = (
    "nodes:\n"
    + _entry(TECH, "id: tech.zz_probe_a", "name_zh: 探針技術甲", "name_en: Probe technology A")
    + _entry(TECH, "id: tech.zz_probe_b", "name_zh: 探針技術乙", "name_en: Probe technology B")
    + _entry(SECTOR)
)


def _from_a(type_: str, target: str, *fields: str) -> str:
    """A relationship entry from tech.zz_probe_a to ``target`` with these ``fields``."""
    return _entry((f"type: {type_}", "source: tech.zz_probe_a", f"target: {target}", *fields))


def _relationship(type_: str, target: str, *fields: str) -> str:
    """TWO_TECHS and one relationship from tech.zz_probe_a (see ``_from_a``)."""
    return TWO_TECHS + "relationships:\n" + _from_a(type_, target, *fields)


def _broken_relationship(name: str, type_: str, target: str, fields: Sequence[str], message: str) -> Broken:
    body = _relationship(type_, target, *fields)
    return Broken(name, body, message, f"type: {type_}", ("tech.zz_probe_a", type_, target))


def _cited(*sources: tuple[str, int | None]) -> str:
    """``sources`` as a YAML field: each quote, and its start when given."""
    listed = []
    for quote, start in sources:
        at = "" if start is None else f", start: {start}"
        listed.append(f"{{quote: {json.dumps(quote, ensure_ascii=False)}{at}}}")
    return f"sources: [{', '.join(listed)}]"


def _citing(quote: str, start: int | None = None) -> str:
    """The probe technology, basis plan, citing ``quote`` (at ``start`` when given)."""
    return _node(TECH, "basis: plan", _cited((quote, start)), without=["rationale"])


def _plan_proper_count(quote: str) -> int:
    """How often ``quote`` occurs in the plan proper (the page around it aside)."""
    start = PLAN_TEXT.rindex("科技支撐碳達峰碳中和實施方案", 0, PLAN_TEXT.index("(2022—2030 年)"))
    return len(re.findall(f"(?={quote})", PLAN_TEXT[start : PLAN_TEXT.index("熱門詞條")]))


BECCS = "與生物質結合的負碳技術(BECCS)"
WRONG_START = PLAN_TEXT.index(BECCS) + 1
TRL = ("trl: 7", "trl_year: 2024", "trl_basis: Written.")
DEPENDS = ("DEPENDS_ON", "tech.zz_probe_b")


# --- the shipped seeds and a valid addition ----------------------------------------------------


def test_shipped_seeds_have_no_errors() -> None:
    report = check_seeds(SEEDS)
    assert [str(e) for e in report.errors] == []
    assert report.data is not None
    data = load_seeds(SEEDS)
    assert {n.id for n in data.nodes} >= {"plan", "action.1", "action.10", "column.3", "column.10"}
    assert len({n.id for n in data.nodes}) == len(data.nodes)


def test_a_valid_addition_adds_no_error(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    """Control for every test below: the probe nodes are valid until one thing is broken."""
    ambiguous = "碳達峰碳中和"
    start = PLAN_TEXT.index(ambiguous, PLAN_TEXT.index("(2022—2030 年)"))
    negative = ("carbon_class: 負碳", "trl: 11", "trl_year: 2024", "trl_basis: Written.", "horizon: 2030")
    body = (
        TWO_TECHS
        + _entry(
            TECH,
            "id: tech.zz_probe_c",
            "name_zh: 探針技術丙",
            "name_en: Probe technology C",
            *negative,
            "basis: plan",
            _cited((BECCS, None), (ambiguous, start)),
            without=["rationale"],
        )
        + "relationships:\n"
        + _from_a("APPLIES_TO", "sector.zz_probe", *CURATED)
        + _from_a("DEPENDS_ON", "tech.zz_probe_b", "necessity: essential", *CURATED)
    )
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    report = check_seeds(seeds)
    assert report.errors == baseline
    if not baseline:
        data = load_seeds(seeds)
        node = next(n for n in data.nodes if n.id == "tech.zz_probe_c")
        beccs = PLAN_TEXT.index(BECCS)
        assert [(s.start, s.end) for s in node.sources] == [
            (beccs, beccs + len(BECCS)),
            (start, start + len(ambiguous)),
        ]
        assert ("tech.zz_probe_a", "DEPENDS_ON", "tech.zz_probe_b") in {r.key for r in data.relationships}


@pytest.mark.parametrize(
    "body",
    [
        _node(TECH),
        _node(MILESTONE),
        _relationship(*DEPENDS, "necessity: essential", *CURATED),
        _citing(BECCS),
    ],
    ids=["technology", "milestone", "dependency", "citation"],
)
def test_each_probe_is_valid_until_broken(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError], body: str
) -> None:
    """The control for ``BROKEN``: each file it breaks, whole, adds no error."""
    assert check_seeds(_seeds_with(snapshot, tmp_path, {PROBE: body})).errors == baseline


BROKEN = [
    # schema: labels, relationship types and their ends
    Broken("unknown_label", _node(TECH, "label: Technolgy"), r"unknown label 'Technolgy'"),
    _broken_relationship(
        "unknown_relationship_type",
        "REQUIRES",
        "tech.zz_probe_b",
        CURATED,
        r"unknown relationship type 'REQUIRES'",
    ),
    _broken_relationship(
        "relationship_to_a_missing_node",
        "DEPENDS_ON",
        "tech.zz_probe_missing",
        CURATED,
        r"no node with id 'tech.zz_probe_missing'",
    ),
    _broken_relationship(
        "relationship_ends_that_do_not_fit_the_type",
        "DEPENDS_ON",
        "sector.zz_probe",
        CURATED,
        r"DEPENDS_ON cannot join Technology -> Sector \(allowed: Technology -> Technology\)",
    ),
    _broken_relationship(
        "necessity_on_another_relationship_type",
        "APPLIES_TO",
        "sector.zz_probe",
        ("necessity: essential", *CURATED),
        r"unknown field\(s\) for a APPLIES_TO: necessity",
    ),
    Broken(
        "unknown_field",
        _node(TECH, "nmae_en: Probe technology", without=["name_en"]),
        r"unknown field\(s\) for a Technology: nmae_en$",
    ),
    # ids, required properties and provenance
    Broken(
        "id_with_upper_case",
        _node(TECH, "id: tech.ZZ_Probe"),
        r"id must be lower case",
        line_marker="id: tech.ZZ_Probe",
        id="tech.ZZ_Probe",
    ),
    Broken("missing_name_en", _node(TECH, without=["name_en"]), r"missing required property: name_en$"),
    Broken(
        "curated_without_rationale", _node(TECH, without=["rationale"]), r"basis: curated needs a rationale"
    ),
    Broken(
        "plan_basis_without_sources",
        _node(TECH, "basis: plan", without=["rationale"]),
        r"basis: plan needs sources",
    ),
    _broken_relationship(
        "relationship_curated_without_rationale",
        *DEPENDS,
        ("necessity: essential", "basis: curated"),
        r"basis: curated needs a rationale",
    ),
    # quotes
    Broken(
        "quote_not_in_the_plan",
        _citing("研發月球基地二氧化碳捕集技術"),
        r"quote not found in the plan text: '研發月球基地二氧化碳捕集技術'",
    ),
    Broken(
        "quote_with_wrong_start",
        _citing(BECCS, WRONG_START),
        rf"quote is not the plan text at {WRONG_START}–{WRONG_START + len(BECCS)}",
    ),
    Broken(
        "ambiguous_quote_without_start",
        _citing("碳達峰碳中和"),
        rf"quote occurs {_plan_proper_count('碳達峰碳中和')} times .*give its start",
    ),
    Broken(
        "quote_from_page_furniture",
        _citing("基本介紹"),
        r"quote lies outside the plan proper \(page furniture\): '基本介紹'",
    ),
    Broken(
        "quote_from_page_furniture_at_its_offset",
        _citing("基本介紹", PLAN_TEXT.index("基本介紹")),
        r"outside the plan proper \(page furniture\)",
    ),
    # the page's summary writes '2030年前實現碳達峰' too; it is furniture, not the plan
    Broken(
        "goal_quote_from_the_page_summary",
        _citing("2030年前實現碳達峰", PLAN_TEXT.index("2030年前實現碳達峰")),
        r"page furniture",
    ),
    # Technology fields
    Broken(
        "trl_out_of_range", _node(TECH, "trl: 12", *TRL[1:]), r"trl must be an integer from 1 to 11 .*got 12"
    ),
    Broken("trl_without_year_and_basis", _node(TECH, TRL[0]), r"a trl needs trl_year and trl_basis"),
    Broken("trl_without_basis", _node(TECH, *TRL[:2]), r"a trl needs trl_year and trl_basis"),
    *(
        Broken(
            f"carbon_class_{value}",
            _node(TECH, f"carbon_class: {value}"),
            r"carbon_class must be one of 低碳, 零碳, 負碳",
        )
        for value in ("高碳", "low-carbon", "负碳")
    ),
    Broken(
        "readiness_on_a_commercial_technology",
        _node(TECH, "trl: 9", *TRL[1:], "readiness: 2030", "readiness_rationale: Written."),
        r"a curated readiness on a technology at trl 9 \(commercial\)",
    ),
    Broken(
        "readiness_without_rationale",
        _node(TECH, "trl: 5", *TRL[1:], "readiness: 2040"),
        r"a curated readiness needs readiness_rationale",
    ),
    Broken(
        "readiness_not_a_year",
        _node(TECH, "readiness: soon", "readiness_rationale: Written."),
        r"readiness must be a year from 2000 to 2060, got 'soon'",
    ),
    Broken(
        "readiness_rationale_alone",
        _node(TECH, "horizon: 2030", "readiness_rationale: Written."),
        r"readiness_rationale without a curated readiness",
    ),
    Broken(
        "readiness_basis_written",
        _node(TECH, "readiness_basis: trl"),
        r"readiness_basis is computed by the loader; remove it",
    ),
    # Milestone fields
    *(
        Broken(name, _node(MILESTONE, *fields), message, "id: milestone.zz_probe", "milestone.zz_probe")
        for name, fields, message in (
            (
                "year_basis_unknown",
                ("year_basis: guessed", "year_rationale: Written."),
                r"year_basis must be one of plan, curated, got 'guessed'",
            ),
            (
                "year_basis_curated_without_rationale",
                ("year_basis: curated",),
                r"year_basis: curated needs year_rationale",
            ),
            (
                "year_rationale_alone",
                ("year_rationale: Written.",),
                r"year_rationale belongs to a curated year",
            ),
        )
    ),
    # DEPENDS_ON's necessity
    _broken_relationship(
        "necessity_missing", *DEPENDS, CURATED, r"DEPENDS_ON needs necessity: essential or enabling"
    ),
    _broken_relationship(
        "necessity_unknown",
        *DEPENDS,
        ("necessity: helpful", *CURATED),
        r"necessity must be essential or enabling, got 'helpful'",
    ),
    _broken_relationship(
        "necessity_a_list",
        *DEPENDS,
        ("necessity: [essential]", *CURATED),
        r"necessity must be essential or enabling, got \['essential'\]",
    ),
    # text keys
    *(
        Broken(
            f"text_key_{key}_does_not_exist",
            _node(TECH, f"text: {key}", without=["basis", "rationale"]),
            rf"text: '{re.escape(key)}' is not an element of the plan",
        )
        for key in ("item.5.99", "column.11", "column.x")
    ),
    # the YAML itself
    Broken(
        "invalid_yaml_reports_the_line",
        _node(TECH, "label: Technology: with a stray colon"),
        r"^invalid YAML: mapping values are not allowed here",
        line_marker="stray colon",
        id="",
    ),
]


@pytest.mark.parametrize("broken", BROKEN, ids=lambda broken: broken.name)
def test_a_broken_seed_is_one_error_naming_file_line_and_id(
    check: Callable[[Broken], LoadError], broken: Broken
) -> None:
    check(broken)


# --- cases with checks of their own ---------------------------------------------------------------


def test_duplicate_id_across_two_files(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    first = "# the first file\n" + _node(TECH)
    second = (
        "nodes:\n" + _entry(SECTOR) + _entry(TECH, "name_zh: 探針技術二", "name_en: Probe technology, again")
    )
    seeds = _seeds_with(snapshot, tmp_path, {"zz-probe-a.yaml": first, "zz-probe-b.yaml": second})
    report = check_seeds(seeds)
    error = _the_new_error(report, baseline)
    assert error.origin.file == "seeds/zz-probe-b.yaml"
    assert error.origin.line == _line_of(second, "id: tech.zz_probe")
    assert error.id == "tech.zz_probe"
    first_at = f"seeds/zz-probe-a.yaml:{_line_of(first, 'id: tech.zz_probe')}"
    assert re.search(r"duplicate node id", error.message) and first_at in error.message, str(error)
    _assert_nothing_loaded(seeds, report)


def test_duplicate_of_a_shipped_id(snapshot: Path, check: Callable[[Broken], LoadError]) -> None:
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
    error = check(Broken("duplicate_of_plan", body, r"duplicate node id", line_marker="id: plan", id="plan"))
    assert f"first written at seeds/00-structure.yaml:{plan_line}" in error.message


def test_curated_readiness_and_its_basis(snapshot: Path, tmp_path: Path, baseline: list[LoadError]) -> None:
    """A curated readiness is kept with basis curated; without one, TRL 9+ gives trl_year and
    anything less its horizon."""
    fields = ("trl_year: 2024", "trl_basis: Written.", "horizon: 2030")
    curated = ("readiness: 2040", "readiness_rationale: Written.")
    body = "nodes:\n" + "".join(
        _entry(TECH, f"id: tech.zz_probe_{name}", f"name_zh: 探針技術{name}", f"trl: {trl}", *fields, *extra)
        for name, trl, extra in (("a", 5, curated), ("b", 9, ()), ("c", 6, ()))
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


@pytest.mark.parametrize(("key", "label"), [("action.1", "Action"), ("plan", "Plan"), ("column.3", "Column")])
def test_text_key_claimed_twice(
    snapshot: Path, check: Callable[[Broken], LoadError], key: str, label: str
) -> None:
    first = check_seeds(snapshot).covered.get(key)
    assert first, f"the shipped seeds claim {key}"
    probe = f"probe.zz_{key.replace('.', '_')}"
    body = _node((f"id: {probe}", f"label: {label}", f"text: {key}", "name_en: The same element again"))
    check(
        Broken(
            "claimed_twice",
            body,
            rf"text: '{re.escape(key)}' is already the node '{re.escape(first)}'",
            line_marker=f"id: {probe}",
            id=probe,
        )
    )


def test_text_key_claimed_twice_in_one_file(
    snapshot: Path, tmp_path: Path, baseline: list[LoadError]
) -> None:
    dac = ("label: Technology", "text: item.5.7", "name_en: Direct air capture")
    body = "nodes:\n" + _entry(("id: tech.zz_probe_a", *dac)) + _entry(("id: tech.zz_probe_b", *dac))
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
    body = _node(TECH, "carbon_class: 高碳")
    seeds = _seeds_with(snapshot, tmp_path, {PROBE: body})
    error = _the_new_error(check_seeds(seeds), baseline)
    line = _line_of(body, "id: tech.zz_probe")
    assert str(error).startswith(f"seeds/{PROBE}:{line}: tech.zz_probe: carbon_class must be one of")
