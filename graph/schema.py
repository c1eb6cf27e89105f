"""The closed schema: which node labels and relationship types may exist, and what they need.

This is the metagraph. Loaders check every record against it before anything is stored,
backends take labels and relationship types only from it, and ``GET /v1/schema`` is computed
from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "LABELS",
    "RELATIONSHIP_TYPES",
    "RelationshipSpec",
    "REQUIRED_NODE_PROPERTIES",
    "COMMON_PROPERTIES",
    "LABEL_PROPERTIES",
    "OPTIONAL_LABEL_PROPERTIES",
    "HORIZONS",
    "allowed_ends",
    "BASES",
    "CARBON_CLASSES",
    "TRL_SCALE",
    "TRL_MAX",
    "ID_PATTERN",
    "COMMERCIAL_TRL",
    "NECESSITIES",
    "READINESS_BASES",
    "YEAR_BASES",
    "RELATIONSHIP_PROPERTIES",
    "COMPUTED_PROPERTIES",
    "PROPERTY_DEFINITIONS",
]

# Every node id: lower case, dots between parts (``tech.ccus``, ``item.5.4``).
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*$")

LABELS: tuple[str, ...] = (
    "Plan",
    "Action",
    "Column",
    "Technology",
    "Sector",
    "DemonstrationProject",
    "Milestone",
    "Goal",
    "Initiative",
    "Organization",
)


@dataclass(frozen=True)
class RelationshipSpec:
    """A relationship type and the labels allowed at each end (several specs may share a type)."""

    type: str
    sources: frozenset[str]
    targets: frozenset[str]
    description: str


def _spec(type_: str, sources: str, targets: str, description: str) -> RelationshipSpec:
    return RelationshipSpec(type_, frozenset(sources.split("|")), frozenset(targets.split("|")), description)


RELATIONSHIP_SPECS: tuple[RelationshipSpec, ...] = (
    _spec("PART_OF", "Action", "Plan", "an action of the plan"),
    _spec("PART_OF", "Column", "Action", "the column (專欄) of an action"),
    _spec("PART_OF", "Technology", "Technology", "a sub-technology of its parent"),
    _spec("LISTED_IN", "Technology|Initiative|DemonstrationProject", "Column", "an item of a column"),
    _spec("DEPENDS_ON", "Technology", "Technology", "needs the target as a prerequisite"),
    _spec("APPLIES_TO", "Technology", "Sector", "is used in the sector"),
    _spec("DEMONSTRATES", "DemonstrationProject", "Technology", "a demonstration of the technology"),
    _spec("IN_SECTOR", "DemonstrationProject", "Sector", "the sector a demonstration sits in"),
    _spec(
        "CONTRIBUTES_TO",
        "Technology|DemonstrationProject|Initiative",
        "Milestone",
        "helps reach the milestone",
    ),
    _spec("ADVANCES", "Milestone", "Goal", "a milestone on the way to a goal"),
    _spec("SET_BY", "Milestone", "Plan|Action|Column", "the part of the plan that sets the milestone"),
    _spec("SUPPORTS", "Initiative", "Technology|Sector", "a non-technology measure backing it"),
    _spec("ISSUED", "Organization", "Plan", "a department that issued the plan"),
)

RELATIONSHIP_TYPES: tuple[str, ...] = tuple(dict.fromkeys(spec.type for spec in RELATIONSHIP_SPECS))

REQUIRED_NODE_PROPERTIES: tuple[str, ...] = ("id", "label", "name_zh", "name_zh_hans", "name_en")

# Properties every node may carry beyond its names.
COMMON_PROPERTIES: tuple[str, ...] = ("aliases", "description_zh", "description_en", "basis", "rationale")

# Properties a label must carry beyond the common ones, and those it may carry.
LABEL_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Action": ("number",),
    "Column": ("number", "inferred"),
    "Milestone": ("year", "metric"),
    "Goal": ("year",),
}
OPTIONAL_LABEL_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Plan": ("issued",),
    "Technology": (
        "carbon_class",
        "trl",
        "trl_year",
        "trl_basis",
        "horizon",
        "readiness",
        "readiness_rationale",
        "readiness_basis",
    ),
    "Milestone": (
        "value",
        "unit",
        "baseline_year",
        "comparator",
        "direction",
        "quantified",
        "year_basis",
        "year_rationale",
    ),
}
# Properties the loader computes; the overlay may not write them.
COMPUTED_PROPERTIES: dict[str, tuple[str, ...]] = {"Technology": ("readiness_basis",)}

# Properties a relationship type carries beyond basis, rationale and sources (all required).
RELATIONSHIP_PROPERTIES: dict[str, tuple[str, ...]] = {"DEPENDS_ON": ("necessity",)}

# How much a dependant needs its prerequisite (the ``necessity`` of a DEPENDS_ON).
NECESSITIES: tuple[str, ...] = ("essential", "enabling")

# Where a technology's readiness year comes from.
READINESS_BASES: tuple[str, ...] = ("trl", "horizon", "curated")

# Where a milestone's year comes from: the plan's text, or our reading of it.
YEAR_BASES: tuple[str, ...] = ("plan", "curated")
HORIZONS: tuple[int, ...] = (2025, 2030, 2060)

BASES: tuple[str, ...] = ("plan", "curated")

# The plan's classes of technology, used as physical classes: 低碳 (low-carbon), 零碳 (zero-carbon),
# 負碳 (negative-carbon: net removal from the atmosphere).
CARBON_CLASSES: tuple[str, ...] = ("低碳", "零碳", "負碳")

# IEA's extended Technology Readiness Level scale (ETP Clean Energy Technology Guide).
TRL_MAX = 11
# From this TRL on a technology is commercial ("commercial operation in relevant environment").
COMMERCIAL_TRL = 9
TRL_SCALE: dict[int, str] = {
    1: "Initial idea: basic principles defined",
    2: "Application formulated: concept and application of solution formulated",
    3: "Concept needs validation: solution needs to be prototyped and applied",
    4: "Early prototype: prototype proven in test conditions",
    5: "Large prototype: components proven in conditions to be deployed",
    6: "Full prototype at scale: prototype proven at scale in conditions to be deployed",
    7: "Pre-commercial demonstration: solution working in expected conditions",
    8: "First-of-a-kind commercial: commercial demonstration, full-scale deployment in final form",
    9: "Commercial operation in relevant environment: solution commercially available, needs "
    "evolutionary improvement to stay competitive",
    10: "Integration needed at scale: solution commercial and competitive but needs further "
    "integration efforts",
    11: "Proof of stability reached: predictable growth",
}


# One sentence for each property a reader must not misread (served by GET /v1/schema).
PROPERTY_DEFINITIONS: dict[str, str] = {
    "trl": "Estimated Technology Readiness Level on the IEA's extended 1-11 scale as of trl_year, for the "
    "state of the art worldwide unless trl_basis says it rates China's.",
    "trl_year": "The year the trl estimate describes.",
    "horizon": "The year by which the plan asks for the advance it names (2025, 2030, or 2060 for the "
    "research reserve for neutrality); it is not the year the technology becomes available.",
    "readiness": "The year the technology can be deployed at scale: its trl_year when trl is 9 or more, "
    "otherwise a curated year with its reason, otherwise its horizon.",
    "readiness_basis": "Where readiness comes from: trl (commercial now, trl 9 or more), curated (a "
    "reasoned estimate in readiness_rationale) or horizon (the plan's year, for lack of better).",
    "carbon_class": "The physical class of the technology: 低碳 (abates emissions), 零碳 (emits no CO2 in "
    "use) or 負碳 (removes CO2 from the atmosphere on net); monitoring and accounting take the class "
    "of what they measure, and the plan's own grouping is where the node sits (LISTED_IN, PART_OF).",
    "necessity": "How a DEPENDS_ON prerequisite is needed: essential (the dependant cannot work without "
    "it) or enabling (it makes the dependant cheaper, better or scalable).",
    "basis": "Where a node or relationship comes from: plan (the quoted text says it) or curated "
    "(domain knowledge added in the seeds, with a rationale).",
    "year_basis": "Where a milestone's year comes from: plan (the text dates it) or curated (the text "
    "gives no year; year_rationale says why this one).",
}


def allowed_ends(type_: str) -> list[RelationshipSpec]:
    """The specs of a relationship type (empty for a type outside the closed set)."""
    return [spec for spec in RELATIONSHIP_SPECS if spec.type == type_]
