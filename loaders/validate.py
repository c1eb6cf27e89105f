"""Check a merged graph against the closed schema before anything is stored."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from graph.model import Node, Relationship, Source
from graph.schema import (
    BASES,
    CARBON_CLASSES,
    COMMERCIAL_TRL,
    HORIZONS,
    ID_PATTERN,
    LABEL_PROPERTIES,
    LABELS,
    NECESSITIES,
    RELATIONSHIP_PROPERTIES,
    REQUIRED_NODE_PROPERTIES,
    TRL_MAX,
    YEAR_BASES,
    allowed_ends,
)
from loaders.overlay import LoadError, Origin, describe
from loaders.plan_text import PlanText
from loaders.sources import CitationError, check_source

__all__ = ["validate", "ID_PATTERN"]


def validate(
    nodes: list[Node],
    relationships: list[Relationship],
    origins: Mapping[object, Origin],
    plan: PlanText,
    badly_cited: Collection[object] = (),
) -> list[LoadError]:
    """Every problem found, each naming the file and line it was written at and the id.

    ``badly_cited`` records had a citation rejected already; their missing sources are not
    reported twice."""
    errors: list[LoadError] = []
    labels = {node.id: node.label for node in nodes}

    def fail(key: object, message: str) -> None:
        errors.append(LoadError(origins.get(key, Origin("?", 0)), describe(key), message))

    for node in nodes:
        for problem in _node_problems(node):
            fail(node.id, problem)
        for problem in _provenance_problems(node.properties, node.sources, plan, node.id in badly_cited):
            fail(node.id, problem)
    for rel in relationships:
        for problem in _relationship_problems(rel, labels):
            fail(rel.key, problem)
        for problem in _provenance_problems(rel.properties, rel.sources, plan, rel.key in badly_cited):
            fail(rel.key, problem)
    return errors


def _node_problems(node: Node) -> list[str]:
    problems = []
    if not ID_PATTERN.match(node.id):
        problems.append("id must be lower case words joined by dots, like tech.green_hydrogen")
    if node.label not in LABELS:
        return [*problems, f"unknown label {node.label!r} (one of {', '.join(LABELS)})"]
    values = {
        "id": node.id,
        "label": node.label,
        "name_zh": node.name_zh,
        "name_zh_hans": node.name_zh_hans,
        "name_en": node.name_en,
    }
    missing = [p for p in REQUIRED_NODE_PROPERTIES if not values[p]]
    missing += [p for p in LABEL_PROPERTIES.get(node.label, ()) if node.properties.get(p) is None]
    if missing:
        problems.append(
            f"missing required propert{'y' if len(missing) == 1 else 'ies'}: {', '.join(missing)}"
        )
    if node.label == "Technology":
        problems += _technology_problems(node)
    if node.label == "Milestone":
        problems += _milestone_problems(node)
    return problems


def _technology_problems(node: Node) -> list[str]:
    props, problems = node.properties, []
    if props.get("carbon_class") not in (None, *CARBON_CLASSES):
        problems.append(f"carbon_class must be one of {', '.join(CARBON_CLASSES)}")
    trl = props.get("trl")
    if trl is not None:
        if not isinstance(trl, int) or isinstance(trl, bool) or not 1 <= trl <= TRL_MAX:
            problems.append(f"trl must be an integer from 1 to {TRL_MAX} (IEA's scale), got {trl!r}")
        if props.get("trl_year") is None or not props.get("trl_basis"):
            problems.append("a trl needs trl_year and trl_basis: when and on what it was estimated")
    if props.get("horizon") not in (None, *HORIZONS):
        problems.append(f"horizon must be one of {', '.join(map(str, HORIZONS))}")
    return problems + _readiness_problems(props)


# Readiness is a calendar year of deployment at scale, not later than the neutrality goal.
READINESS_YEARS = range(2000, 2061)


def _readiness_problems(props: Mapping[str, object]) -> list[str]:
    if props.get("readiness_basis") != "curated":
        if props.get("readiness_rationale"):
            return ["readiness_rationale without a curated readiness: give readiness: YEAR or remove it"]
        return []
    year, trl, problems = props.get("readiness"), props.get("trl"), []
    if not isinstance(year, int) or isinstance(year, bool) or year not in READINESS_YEARS:
        problems.append(
            f"readiness must be a year from {READINESS_YEARS[0]} to {READINESS_YEARS[-1]}, got {year!r}"
        )
    if isinstance(trl, int) and trl >= COMMERCIAL_TRL:
        problems.append(
            f"a curated readiness on a technology at trl {trl} (commercial): its readiness is its trl_year"
        )
    if not props.get("readiness_rationale"):
        problems.append("a curated readiness needs readiness_rationale: why it is deployable then")
    return problems


def _milestone_problems(node: Node) -> list[str]:
    basis, reason = node.properties.get("year_basis"), node.properties.get("year_rationale")
    if basis not in (None, *YEAR_BASES):
        return [f"year_basis must be one of {', '.join(YEAR_BASES)}, got {basis!r}"]
    if basis == "curated" and not reason:
        return ["year_basis: curated needs year_rationale: why this year, since the text gives none"]
    if reason and basis != "curated":
        return ["year_rationale belongs to a curated year: add year_basis: curated or remove it"]
    return []


def _relationship_problems(rel: Relationship, labels: Mapping[str, str]) -> list[str]:
    specs = allowed_ends(rel.type)
    if not specs:
        return [f"unknown relationship type {rel.type!r}"]
    missing = [end for end in (rel.source, rel.target) if end not in labels]
    if missing:
        return [f"no node with id {', '.join(map(repr, missing))}"]
    ends = (labels[rel.source], labels[rel.target])
    if not any(ends[0] in s.sources and ends[1] in s.targets for s in specs):
        fits = "; ".join(f"{'|'.join(sorted(s.sources))} -> {'|'.join(sorted(s.targets))}" for s in specs)
        return [f"{rel.type} cannot join {ends[0]} -> {ends[1]} (allowed: {fits})"]
    if rel.source == rel.target:
        return ["a relationship cannot join a node to itself"]
    if "necessity" in RELATIONSHIP_PROPERTIES.get(rel.type, ()):
        necessity = rel.properties.get("necessity")
        if necessity is None:
            return [f"{rel.type} needs necessity: {' or '.join(NECESSITIES)}"]
        if necessity not in NECESSITIES:
            return [f"necessity must be {' or '.join(NECESSITIES)}, got {necessity!r}"]
    return []


def _provenance_problems(
    properties: Mapping[str, object], sources: tuple[Source, ...], plan: PlanText, badly_cited: bool
) -> list[str]:
    basis = properties.get("basis")
    problems = []
    if basis not in BASES:
        problems.append(f"basis must be one of {', '.join(BASES)}, got {basis!r}")
    elif basis == "plan" and not sources and not badly_cited:
        problems.append("basis: plan needs sources quoting the passage that says so")
    elif basis == "curated" and not properties.get("rationale"):
        problems.append("basis: curated needs a rationale")
    for source in sources:
        try:
            check_source(plan.text, plan.bounds, source)
        except CitationError as error:
            problems.append(str(error))
    return problems
