"""Expert rules over the whole seed graph.

Each rule is written once, as a function of the loaded graph, and returns every offender with a
line that says what is wrong; the test runs it over the real seeds and expects none. Each rule is
also run on a tiny hand-made graph that breaks it, to show that it can fail.

Rules about the curated knowledge come first; the analytics engineer adds rules about the planner
answers (timelines, demonstrations, impact) in the section marked at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import pytest

from graph.model import GraphData, Node, PropertyValue, Relationship
from graph.schema import COMMERCIAL_TRL, NECESSITIES
from graph.text import TAIWAN_TERMS, to_simplified_characters
from loaders import check_seeds

# --- the graph as the rules see it -----------------------------------------------------------------


@dataclass(frozen=True)
class Seeds:
    """The loaded graph and, for each target the plan's text states, the node that claims it."""

    data: GraphData
    targets: Mapping[str, str | None] = field(default_factory=dict)

    def nodes(self, label: str | None = None) -> list[Node]:
        return [n for n in self.data.nodes if label is None or n.label == label]

    def node(self, node_id: str) -> Node:
        return next(n for n in self.data.nodes if n.id == node_id)

    def relationships(self, type_: str) -> list[Relationship]:
        return [r for r in self.data.relationships if r.type == type_]

    def technologies(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes("Technology")}

    def essential_dependencies(self, key: str) -> list[tuple[Relationship, int, int]]:
        """Each essential DEPENDS_ON whose two ends both have an integer ``key``, with the
        dependant's value and the prerequisite's."""
        tech = self.technologies()
        found: list[tuple[Relationship, int, int]] = []
        for rel in self.relationships("DEPENDS_ON"):
            if rel.properties.get("necessity") != "essential":
                continue
            dependant, prerequisite = _int(tech[rel.source], key), _int(tech[rel.target], key)
            if dependant is not None and prerequisite is not None:
                found.append((rel, dependant, prerequisite))
        return found


def _int(node: Node, key: str) -> int | None:
    value = node.properties.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _names(node: Node) -> str:
    return f"{node.name_zh} {node.name_en}"


Rule = Callable[[Seeds], list[str]]
RULES: dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    RULES[function.__name__] = function
    return function


# --- dependencies ------------------------------------------------------------------------------------


@rule
def commercial_technologies_need_no_research_stage_prerequisite(seeds: Seeds) -> list[str]:
    """A commercial technology (TRL >= 9) works today, so it cannot essentially depend on one that
    is still a prototype (TRL <= 6)."""
    return [
        f"{rel.source} (TRL {source}) essentially depends on {rel.target} (TRL {target})"
        for rel, source, target in seeds.essential_dependencies("trl")
        if source >= COMMERCIAL_TRL and target <= 6
    ]


@rule
def essential_prerequisites_are_ready_no_later_than_their_dependants(seeds: Seeds) -> list[str]:
    """A technology cannot be deployed at scale before something it cannot work without."""
    return [
        f"{rel.source} (ready {ready}) essentially depends on {rel.target} (ready {needed})"
        for rel, ready, needed in seeds.essential_dependencies("readiness")
        if needed > ready
    ]


# An essential reason says what the dependant cannot do; an enabling one what the prerequisite makes
# better. The words are those the review's template asks for ("cannot work without… because…",
# "makes it cheaper/better because…").
REASON_WORDS = {"essential": re.compile(r"\bcannot\b"), "enabling": re.compile(r"\bmakes?\b|\bwould make\b")}


@rule
def every_dependency_has_a_necessity_and_a_reason_in_its_sense(seeds: Seeds) -> list[str]:
    offenders = []
    for rel in seeds.relationships("DEPENDS_ON"):
        necessity, reason = rel.properties.get("necessity"), str(rel.properties.get("rationale") or "")
        if necessity not in NECESSITIES:
            offenders.append(f"{rel.source} -> {rel.target}: necessity {necessity!r}")
        elif not reason.strip():
            offenders.append(f"{rel.source} -> {rel.target}: no rationale")
        elif not REASON_WORDS[str(necessity)].search(reason) or "because" not in reason:
            offenders.append(
                f"{rel.source} -> {rel.target}: the rationale does not say why it is {necessity}"
            )
    return offenders


# --- names -------------------------------------------------------------------------------------------


def _mainland_terms(node: Node) -> list[str]:
    """name_zh_hans and the Chinese aliases written in Simplified characters (Traditional aliases
    are kept on purpose, so that users typing the copy's words find the node)."""
    aliases = [str(a) for a in node.properties.get("aliases") or []]  # type: ignore[union-attr]
    simplified = [a for a in aliases if re.search(r"[\u4e00-\u9fff]", a) and to_simplified_characters(a) == a]
    return [node.name_zh_hans, *simplified]


@rule
def mainland_names_use_no_taiwan_terms(seeds: Seeds) -> list[str]:
    return [
        f"{node.id}: {term!r} uses {word!r}"
        for node in seeds.nodes()
        for term in _mainland_terms(node)
        for word in TAIWAN_TERMS
        if word in term
    ]


@rule
def mainland_names_have_no_traditional_characters(seeds: Seeds) -> list[str]:
    return [
        f"{node.id}: {node.name_zh_hans!r} (simplified: {to_simplified_characters(node.name_zh_hans)!r})"
        for node in seeds.nodes()
        if to_simplified_characters(node.name_zh_hans) != node.name_zh_hans
    ]


# --- carbon classes ----------------------------------------------------------------------------------

# A technology that uses CO2 (oil recovery, conversion to products or fuels) names both CO2 and the use.
CO2 = re.compile(r"二氧化碳|\bCO2\b")
CO2_USE = re.compile(r"利用|驅油|轉化|utili[sz]ation|oil recovery|\bEOR\b|conversion", re.IGNORECASE)


def co2_use_technologies(seeds: Seeds) -> set[str]:
    """Technologies that use CO2, and every technology PART_OF one of them."""
    uses = {t.id for t in seeds.nodes("Technology") if CO2.search(_names(t)) and CO2_USE.search(_names(t))}
    part_of = nx.DiGraph((r.source, r.target) for r in seeds.relationships("PART_OF"))
    return uses | {child for use in uses if use in part_of for child in nx.ancestors(part_of, use)}


@rule
def no_removal_class_on_co2_use(seeds: Seeds) -> list[str]:
    """Used CO2 returns to the air (fuels, chemicals) or is at best abated fossil CO2 (EOR): no
    utilisation or EOR technology is a net removal (負碳)."""
    tech = seeds.technologies()
    return [
        f"{tid} ({tech[tid].name_en}) is classed 負碳"
        for tid in sorted(co2_use_technologies(seeds))
        if tech[tid].properties.get("carbon_class") == "負碳"
    ]


# --- readiness and horizons --------------------------------------------------------------------------


@rule
def commercial_technologies_are_ready_at_their_trl_year(seeds: Seeds) -> list[str]:
    offenders = []
    for tech in seeds.nodes("Technology"):
        trl, year, ready = _int(tech, "trl"), _int(tech, "trl_year"), _int(tech, "readiness")
        if trl is not None and trl >= COMMERCIAL_TRL and (ready is None or year is None or ready > year):
            offenders.append(f"{tech.id} (TRL {trl}, {year}) has readiness {ready}")
    return offenders


@rule
def readiness_is_never_later_than_horizon_unless_curated(seeds: Seeds) -> list[str]:
    offenders = []
    for tech in seeds.nodes("Technology"):
        ready, horizon = _int(tech, "readiness"), _int(tech, "horizon")
        basis = tech.properties.get("readiness_basis")
        if ready is None or basis not in ("trl", "horizon", "curated"):
            offenders.append(f"{tech.id}: readiness {ready!r} with basis {basis!r}")
        elif basis == "curated" and not str(tech.properties.get("readiness_rationale") or "").strip():
            offenders.append(f"{tech.id}: a curated readiness without its rationale")
        elif horizon is not None and ready > horizon and basis != "curated":
            offenders.append(f"{tech.id}: readiness {ready} after horizon {horizon} ({basis})")
    return offenders


@rule
def research_stage_technologies_are_not_deployable_within_six_years(seeds: Seeds) -> list[str]:
    """A technology at TRL <= 4 in trl_year needs pilot, demonstration and first commercial plants
    before deployment at scale; a readiness within six years is taken from the horizon by default,
    and then says something nobody claimed."""
    offenders = []
    for tech in seeds.nodes("Technology"):
        trl, year, ready = _int(tech, "trl"), _int(tech, "trl_year"), _int(tech, "readiness")
        if None not in (trl, year, ready) and trl <= 4 and ready - year <= 6:  # type: ignore[operator]
            offenders.append(f"{tech.id} (TRL {trl} in {year}) deployable at scale by {ready}")
    return offenders


@rule
def contributors_are_ready_or_due_by_the_milestone(seeds: Seeds) -> list[str]:
    """A technology that CONTRIBUTES_TO a milestone of year Y is deployable (readiness) or asked
    for by the plan (horizon) by Y."""
    milestones = {m.id: _int(m, "year") for m in seeds.nodes("Milestone")}
    tech = seeds.technologies()
    offenders = []
    for rel in seeds.relationships("CONTRIBUTES_TO"):
        if rel.source not in tech or milestones.get(rel.target) is None:
            continue
        year = milestones[rel.target]
        ready, horizon = _int(tech[rel.source], "readiness"), _int(tech[rel.source], "horizon")
        if not any(v is not None and v <= year for v in (ready, horizon)):  # type: ignore[operator]
            offenders.append(f"{rel.source} (readiness {ready}, horizon {horizon}) -> {rel.target} ({year})")
    return offenders


# --- hierarchy ---------------------------------------------------------------------------------------

# A parent whose English name states its route excludes children of another route. The route is
# written in the name in parentheses, e.g. "CO2 capture (point-source)", "Nuclear power (light-water
# reactors)"; the children it excludes are recognised by their names.
ROUTE_EXCLUSIONS: dict[str, re.Pattern[str]] = {
    "point-source": re.compile(r"\bair\b|空氣", re.IGNORECASE),
    "light-water": re.compile(r"fusion|generation iv|fast reactor|gas-cooled|聚變|四代堆", re.IGNORECASE),
}


def _descendants(seeds: Seeds) -> Iterable[tuple[str, str]]:
    """(parent, part) for every technology and each of its parts, transitively."""
    part_of = nx.DiGraph((r.source, r.target) for r in seeds.relationships("PART_OF"))
    tech = seeds.technologies()
    for parent in tech:
        if parent in part_of:
            yield from ((parent, child) for child in sorted(nx.ancestors(part_of, parent)) if child in tech)


@rule
def parts_keep_their_parents_route(seeds: Seeds) -> list[str]:
    tech = seeds.technologies()
    offenders = []
    for parent, child in _descendants(seeds):
        route = re.search(r"\(([^)]*)\)\s*$", tech[parent].name_en)
        for scope, other in ROUTE_EXCLUSIONS.items():
            if route and scope in route.group(1) and other.search(_names(tech[child])):
                offenders.append(
                    f"{child} ({tech[child].name_en}) is under {parent} ({tech[parent].name_en})"
                )
    return offenders


# --- targets -----------------------------------------------------------------------------------------


@rule
def every_target_of_the_text_has_a_milestone(seeds: Seeds) -> list[str]:
    labels = {n.id: n.label for n in seeds.nodes()}
    return [
        f"{key}: claimed by {node_id!r}"
        for key, node_id in sorted(seeds.targets.items())
        if node_id is None or labels.get(node_id) not in ("Milestone", "Goal")
    ]


@rule
def curated_milestone_years_say_why(seeds: Seeds) -> list[str]:
    """A milestone whose year the text does not give (a target without '到 YYYY 年') marks it."""
    offenders = []
    texts = {node_id: key for key, node_id in seeds.targets.items() if node_id}
    for milestone in seeds.nodes("Milestone"):
        key = texts.get(milestone.id, "")
        undated = bool(key) and not re.match(r"target\.\d{4}", key)
        props = milestone.properties
        marked = props.get("year_basis") == "curated" and bool(props.get("year_rationale"))
        if undated and props.get("year") is not None and not marked:
            offenders.append(f"{milestone.id}: year {props.get('year')} from {key} is not marked curated")
    return offenders


# --- the whole seed graph --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    report = check_seeds()
    assert report.errors == [] and report.data is not None and report.plan is not None
    targets = {e.key: report.covered.get(e.key) for e in report.plan.of_kind("target")}
    return Seeds(report.data, targets)


@pytest.mark.parametrize("name", sorted(RULES))
def test_the_seed_graph_keeps_the_rule(seeds: Seeds, name: str) -> None:
    offenders = RULES[name](seeds)
    assert offenders == [], f"{name}: {len(offenders)} offender(s):\n" + "\n".join(offenders)


# --- each rule can fail: tiny hand-made graphs ----------------------------------------------------


def _tech(tid: str, name_en: str = "", /, **props: PropertyValue) -> Node:
    props.setdefault("basis", "curated")
    return Node(tid, "Technology", f"技術{tid}", f"技术{tid}", name_en or tid, props)


def _rel(type_: str, source: str, target: str, **props: PropertyValue) -> Relationship:
    return Relationship(type_, source, target, {"basis": "curated", **props})


COMMERCIAL: dict[str, PropertyValue] = {
    "trl": 9,
    "trl_year": 2024,
    "readiness": 2024,
    "readiness_basis": "trl",
    "horizon": 2025,
}
PROTOTYPE: dict[str, PropertyValue] = {
    "trl": 5,
    "trl_year": 2024,
    "readiness": 2030,
    "readiness_basis": "horizon",
    "horizon": 2030,
}

BROKEN: dict[str, Seeds] = {
    "commercial_technologies_need_no_research_stage_prerequisite": Seeds(
        GraphData(
            (_tech("tech.a", **COMMERCIAL), _tech("tech.b", **PROTOTYPE)),
            (_rel("DEPENDS_ON", "tech.a", "tech.b", necessity="essential", rationale="It cannot, because."),),
        )
    ),
    "essential_prerequisites_are_ready_no_later_than_their_dependants": Seeds(
        GraphData(
            (_tech("tech.a", **COMMERCIAL), _tech("tech.b", **PROTOTYPE)),
            (_rel("DEPENDS_ON", "tech.a", "tech.b", necessity="essential", rationale="It cannot, because."),),
        )
    ),
    "every_dependency_has_a_necessity_and_a_reason_in_its_sense": Seeds(
        GraphData(
            (_tech("tech.a"), _tech("tech.b"), _tech("tech.c")),
            (
                _rel("DEPENDS_ON", "tech.a", "tech.b", rationale="It helps."),
                _rel("DEPENDS_ON", "tech.a", "tech.c", necessity="essential", rationale="It helps a lot."),
            ),
        )
    ),
    "mainland_names_use_no_taiwan_terms": Seeds(
        GraphData(
            (Node("tech.a", "Technology", "分散式能源", "分散式能源", "DER", {"aliases": ["网路"]}),), ()
        )
    ),
    "mainland_names_have_no_traditional_characters": Seeds(
        GraphData((Node("tech.a", "Technology", "儲能", "儲能", "Storage", {}),), ())
    ),
    "no_removal_class_on_co2_use": Seeds(
        GraphData(
            (
                _tech("tech.use", "CO2 utilisation", carbon_class="負碳"),
                _tech("tech.flood", "Flooding reservoirs", carbon_class="負碳"),
            ),
            (_rel("PART_OF", "tech.flood", "tech.use"),),
        )
    ),
    "commercial_technologies_are_ready_at_their_trl_year": Seeds(
        GraphData((_tech("tech.a", **{**COMMERCIAL, "readiness": 2030, "readiness_basis": "curated"}),), ())
    ),
    "readiness_is_never_later_than_horizon_unless_curated": Seeds(
        GraphData(
            (
                _tech("tech.a", **{**PROTOTYPE, "readiness": 2040}),
                _tech("tech.b", **{**PROTOTYPE, "readiness_basis": "curated"}),
            ),
            (),
        )
    ),
    "research_stage_technologies_are_not_deployable_within_six_years": Seeds(
        GraphData((_tech("tech.a", **{**PROTOTYPE, "trl": 3}),), ())
    ),
    "contributors_are_ready_or_due_by_the_milestone": Seeds(
        GraphData(
            (
                _tech("tech.a", **{**PROTOTYPE, "horizon": 2060, "readiness": 2060}),
                Node("milestone.m", "Milestone", "目標", "目标", "Target", {"year": 2030, "basis": "plan"}),
            ),
            (_rel("CONTRIBUTES_TO", "tech.a", "milestone.m"),),
        )
    ),
    "parts_keep_their_parents_route": Seeds(
        GraphData(
            (
                _tech("tech.capture", "CO2 capture (point-source)"),
                _tech("tech.dac", "Direct air capture"),
                _tech("tech.lwr", "Nuclear power (light-water reactors)"),
                _tech("tech.advanced", "Advanced nuclear power (Generation IV reactors and fusion)"),
                _tech("tech.fusion", "Fusion power reactors"),
            ),
            (
                _rel("PART_OF", "tech.dac", "tech.capture"),
                _rel("PART_OF", "tech.advanced", "tech.lwr"),
                _rel("PART_OF", "tech.fusion", "tech.advanced"),
            ),
        )
    ),
    "every_target_of_the_text_has_a_milestone": Seeds(
        GraphData((_tech("tech.a"),), ()), {"target.2030@plan#2": None, "target.2025/18%": "tech.a"}
    ),
    "curated_milestone_years_say_why": Seeds(
        GraphData(
            (Node("milestone.m", "Milestone", "目標", "目标", "Target", {"year": 2030, "basis": "plan"}),), ()
        ),
        {"target.500家": "milestone.m"},
    ),
}


def test_every_rule_has_a_broken_case() -> None:
    assert sorted(BROKEN) == sorted(RULES)


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_rule_can_fail(name: str) -> None:
    offenders = RULES[name](BROKEN[name])
    assert offenders, f"{name} found nothing wrong in its broken case"


def test_broken_cases_name_every_offender() -> None:
    """A rule lists all its offenders, not the first: the two-part cases report both parts."""
    assert (
        len(
            RULES["every_dependency_has_a_necessity_and_a_reason_in_its_sense"](
                BROKEN["every_dependency_has_a_necessity_and_a_reason_in_its_sense"]
            )
        )
        == 2
    )
    assert len(RULES["no_removal_class_on_co2_use"](BROKEN["no_removal_class_on_co2_use"])) == 2
    assert len(RULES["parts_keep_their_parents_route"](BROKEN["parts_keep_their_parents_route"])) == 3
    assert (
        len(
            RULES["readiness_is_never_later_than_horizon_unless_curated"](
                BROKEN["readiness_is_never_later_than_horizon_unless_curated"]
            )
        )
        == 2
    )


# --- rules over the analytics ---
