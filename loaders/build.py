"""Build the graph from the seeds: parse the plan, read the overlay, merge, validate.

``load_seeds`` returns a complete, valid ``GraphData`` or raises ``SeedError`` with every problem
found; nothing half-built ever leaves this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import GraphData, Node, PropertyValue, Relationship, Source
from graph.schema import (
    COMMERCIAL_TRL,
    COMMON_PROPERTIES,
    COMPUTED_PROPERTIES,
    LABEL_PROPERTIES,
    OPTIONAL_LABEL_PROPERTIES,
    RELATIONSHIP_PROPERTIES,
)
from graph.text import to_simplified
from loaders.coverage import CoverageRow, coverage
from loaders.overlay import Entry, LoadError, Origin, describe, read_overlay
from loaders.plan_text import PlanParseError, PlanText, TextElement, parse_plan
from loaders.sources import CitationError, resolve_source
from loaders.validate import validate

__all__ = [
    "PLAN_FILE",
    "SeedError",
    "SeedReport",
    "default_seeds_dir",
    "load_seeds",
    "check_seeds",
    "readiness",
]

PLAN_FILE = "plan-2022-2030.zh-Hant.txt"
NAME_KEYS = ("id", "label", "text", "name_zh", "name_zh_hans", "name_en", "sources")
RELATIONSHIP_KEYS = ("type", "source", "target", "basis", "rationale", "sources")
# Which relationship an element's place in the text implies, and to which element.
STRUCTURE = {"action": ("PART_OF", "plan"), "column": ("PART_OF", "action"), "item": ("LISTED_IN", "column")}
LISTABLE = ("Technology", "Initiative", "DemonstrationProject")


class SeedError(Exception):
    """The seeds are broken; ``errors`` lists every problem with its file, line and id."""

    def __init__(self, errors: list[LoadError]) -> None:
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{len(errors)} error(s) in the seeds, nothing loaded:\n{lines}")


@dataclass
class SeedReport:
    """Everything a check finds: the graph (if valid), the errors, and text left uncovered."""

    data: GraphData | None
    errors: list[LoadError]
    plan: PlanText | None
    covered: dict[str, str] = field(default_factory=dict)  # element key -> node id
    uncovered: list[CoverageRow] = field(default_factory=list)


def default_seeds_dir() -> Path:
    """``$CKG_SEEDS`` or the repository's ``seeds/``."""
    return Path(os.environ.get("CKG_SEEDS") or Path(__file__).resolve().parent.parent / "seeds")


def load_seeds(seeds_dir: Path | None = None) -> GraphData:
    report = check_seeds(seeds_dir)
    if report.errors or report.data is None:
        raise SeedError(report.errors)
    return report.data


def check_seeds(seeds_dir: Path | None = None) -> SeedReport:
    seeds_dir = seeds_dir or default_seeds_dir()
    plan_path = seeds_dir / PLAN_FILE
    if not plan_path.is_file():
        return SeedReport(None, [LoadError(Origin(str(plan_path), 0), "", "the plan text is missing")], None)
    entries, errors = _read_entries(seeds_dir)
    text = plan_path.read_text(encoding="utf-8")
    try:
        plan = parse_plan(text, _column_titles(entries))
    except PlanParseError as error:
        return SeedReport(None, [*errors, LoadError(Origin(PLAN_FILE, 0), "", str(error))], None)
    builder = _Builder(plan)
    for entry in entries:
        builder.add(entry)
    builder.add_structure()
    errors += builder.errors
    errors += validate(builder.nodes, builder.relationships, builder.origins, plan, builder.badly_cited)
    data = None if errors else GraphData(tuple(builder.nodes), tuple(builder.relationships))
    rows = coverage(plan, builder.nodes, builder.claimed)
    return SeedReport(data, errors, plan, builder.claimed, [row for row in rows if not row.covered])


def _column_titles(entries: list[Entry]) -> dict[int, str]:
    """The overlay's title for each column, from the first node that claims the column (a second
    claim is reported by the builder, not here)."""
    titles: dict[int, str] = {}
    for entry in entries:
        kind, _, number = str(entry.data.get("text", "")).partition(".")
        if entry.kind == "node" and kind == "column" and number.isdigit():
            titles.setdefault(int(number), str(entry.data.get("name_zh") or ""))
    return titles


def _read_entries(seeds_dir: Path) -> tuple[list[Entry], list[LoadError]]:
    entries: list[Entry] = []
    errors: list[LoadError] = []
    for path in sorted(seeds_dir.glob("*.yaml")):
        found, problems = read_overlay(path, f"seeds/{path.name}")
        entries += found
        errors += problems
    return entries, errors


class _Builder:
    def __init__(self, plan: PlanText) -> None:
        self.plan = plan
        self.nodes: list[Node] = []
        self.relationships: list[Relationship] = []
        self.origins: dict[object, Origin] = {}  # node id or relationship key -> where it was written
        self.claimed: dict[str, str] = {}  # element key -> node id
        self.errors: list[LoadError] = []
        self.badly_cited: set[object] = set()  # records whose sources were reported already

    def add(self, entry: Entry) -> None:
        try:
            if entry.kind == "node":
                node = self._node(entry)
                self._remember(node.id, entry.origin, "node id")
                self.nodes.append(node)
            else:
                rel = self._relationship(entry)
                self._remember(rel.key, entry.origin, "relationship")
                self.relationships.append(rel)
        except (CitationError, ValueError) as error:
            self.errors.append(LoadError(entry.origin, entry.id, str(error)))

    def _remember(self, key: object, origin: Origin, what: str) -> None:
        if key in self.origins:
            raise ValueError(f"duplicate {what}: first written at {self.origins[key]}")
        self.origins[key] = origin

    def _sources(self, raw: Any, entry: Entry) -> tuple[Source, ...]:
        """The resolved sources; a bad one is reported and left out, so the rest of the record
        is still checked."""
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise ValueError("sources must be a list of {quote, start}")
        resolved = []
        for item in raw:
            try:
                resolved.append(resolve_source(self.plan.text, self.plan.bounds, item))
            except CitationError as error:
                self.errors.append(LoadError(entry.origin, entry.id, str(error)))
                self.badly_cited.add(entry.key)
        return tuple(resolved)

    def _node(self, entry: Entry) -> Node:
        data = dict(entry.data)
        node_id, label = str(data.get("id") or ""), str(data.get("label") or "")
        allowed = {
            *NAME_KEYS,
            *COMMON_PROPERTIES,
            *LABEL_PROPERTIES.get(label, ()),
            *OPTIONAL_LABEL_PROPERTIES.get(label, ()),
        }
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ValueError(f"unknown field(s) for a {label or 'node'}: {', '.join(unknown)}")
        computed = sorted(set(data) & set(COMPUTED_PROPERTIES.get(label, ())))
        if computed:
            raise ValueError(f"{', '.join(computed)} is computed by the loader; remove it")
        sources = self._sources(data.pop("sources", None), entry)
        key = data.pop("text", None)
        if key is not None:
            element = self.plan.elements.get(str(key))
            if element is None:
                raise ValueError(f"text: {key!r} is not an element of the plan (see `ckg load --elements`)")
            if key in self.claimed:
                raise ValueError(f"text: {key!r} is already the node {self.claimed[key]!r}")
            self.claimed[str(key)] = node_id
            data = {**_element_properties(element, allowed), **data}
            sources = (element.source, *sources)
        name_zh = str(data.pop("name_zh", "") or "")
        properties: dict[str, PropertyValue] = {
            k: _flat(v)
            for k, v in data.items()
            if k not in ("id", "label", "name_zh_hans", "name_en") and v is not None
        }
        if label == "Technology":
            properties.update(readiness(properties))
        return Node(
            id=node_id,
            label=label,
            name_zh=name_zh,
            name_zh_hans=str(data.get("name_zh_hans") or to_simplified(name_zh)),
            name_en=str(data.get("name_en") or ""),
            properties=properties,
            sources=sources,
        )

    def _relationship(self, entry: Entry) -> Relationship:
        data = entry.data
        extra = RELATIONSHIP_PROPERTIES.get(str(data.get("type")), ())
        unknown = sorted(set(data) - {*RELATIONSHIP_KEYS, *extra})
        if unknown:
            raise ValueError(
                f"unknown field(s) for a {data.get('type') or 'relationship'}: {', '.join(unknown)}"
            )
        properties = {k: _flat(data[k]) for k in ("basis", "rationale", *extra) if data.get(k) is not None}
        return Relationship(
            type=str(data.get("type") or ""),
            source=str(data.get("source") or ""),
            target=str(data.get("target") or ""),
            properties=properties,
            sources=self._sources(data.get("sources"), entry),
        )

    def add_structure(self) -> None:
        """The relationships that follow from where a claimed element sits in the text."""
        labels = {node.id: node.label for node in self.nodes}
        for key, node_id in self.claimed.items():
            element = self.plan.elements[key]
            if element.kind == "target" and labels.get(node_id) == "Milestone":
                rel_type, parent_key = "SET_BY", element.section
            elif element.kind in STRUCTURE:
                rel_type, parent_kind = STRUCTURE[element.kind]
                parent_key = (
                    element.section if parent_kind != "action" else f"action.{element.fields['number']}"
                )
                if element.kind == "item" and labels.get(node_id) not in LISTABLE:
                    continue
            else:
                continue
            parent = self.claimed.get(parent_key)
            if parent is None:
                self.errors.append(
                    LoadError(
                        self.origins[node_id],
                        node_id,
                        f"{key} sits in {parent_key}, which no node claims with text:",
                    )
                )
                continue
            rel = Relationship(rel_type, node_id, parent, {"basis": "plan"}, (element.source,))
            if rel.key in self.origins:  # the overlay wrote it too: keep the one from the text
                self.errors.append(
                    LoadError(
                        self.origins[rel.key],
                        describe(rel.key),
                        "this relationship follows from text: already; remove it",
                    )
                )
                continue
            self.origins[rel.key] = self.origins[node_id]
            self.relationships.append(rel)


def readiness(properties: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    """A technology's ``readiness`` and ``readiness_basis``: its trl_year when commercial (TRL 9 or
    more), else the curated year the overlay gives, else its horizon. A curated year on a commercial
    technology keeps basis ``curated`` so that validation reports it."""
    trl, curated = properties.get("trl"), properties.get("readiness")
    if curated is not None:
        return {"readiness": curated, "readiness_basis": "curated"}
    if isinstance(trl, int) and trl >= COMMERCIAL_TRL and properties.get("trl_year") is not None:
        return {"readiness": properties["trl_year"], "readiness_basis": "trl"}
    if properties.get("horizon") is not None:
        return {"readiness": properties["horizon"], "readiness_basis": "horizon"}
    return {}


def _element_properties(element: TextElement, allowed: set[str]) -> dict[str, Any]:
    """What a text element gives the node that claims it (only fields its label may carry)."""
    properties: dict[str, Any] = {
        "basis": "plan",
        **{k: v for k, v in element.fields.items() if v is not None and k in allowed},
    }
    if element.name:
        properties["name_zh"] = element.name
    if element.description:
        properties["description_zh"] = element.description
    return properties


def _flat(value: Any) -> PropertyValue:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    if isinstance(value, str | int | float | bool):
        return value
    raise ValueError(f"a property must be a string, number, boolean or list of strings, got {value!r}")
