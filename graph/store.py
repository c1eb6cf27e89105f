"""The GraphStore protocol: everything ``queries/`` needs from a backend, and nothing more.

Both backends must give identical answers, order included; the contract suite in
``tests/test_contract.py`` runs against each. The orderings every backend must honour are
stated on each method.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from graph.model import GraphData, Node, Relationship

__all__ = [
    "Direction",
    "Progress",
    "Pair",
    "Neighbor",
    "SearchHit",
    "Path",
    "Dependency",
    "GraphStore",
    "path_sort_key",
    "SCORE_EXACT",
    "SCORE_PREFIX",
    "SCORE_NAME",
    "SCORE_TEXT",
]

Direction = Literal["out", "in", "both"]
Progress = Callable[[int, int], None]
Pair = tuple[str, str]

# Search scores: a normalised query equal to a name or alias, a prefix of one, inside one,
# or only inside a description.
SCORE_EXACT = 100
SCORE_PREFIX = 80
SCORE_NAME = 60
SCORE_TEXT = 20


@dataclass(frozen=True)
class Neighbor:
    relationship: Relationship
    node: Node


@dataclass(frozen=True)
class SearchHit:
    node: Node
    score: int


@dataclass(frozen=True)
class Path:
    """Nodes in walking order; ``relationships[i]`` joins ``nodes[i]`` and ``nodes[i + 1]``,
    in whichever direction it points in the graph."""

    nodes: tuple[Node, ...]
    relationships: tuple[Relationship, ...]

    @property
    def length(self) -> int:
        return len(self.relationships)


@dataclass(frozen=True)
class Dependency:
    node: Node
    depth: int


def path_sort_key(path: Path) -> tuple[int, tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    """The one order of paths: shorter first, then by node ids, then by relationship keys."""
    return (path.length, tuple(n.id for n in path.nodes), tuple(r.key for r in path.relationships))


class GraphStore(Protocol):
    """A read/write graph backend. Ids are the nodes' ``id`` property, never database ids.

    Arguments arrive validated by ``queries/`` (ids exist, limits within caps, types and labels
    from the closed schema, search text already normalised by ``graph.text.normalize``).
    """

    backend: str

    def replace_all(self, data: GraphData, progress: Progress | None = None) -> None:
        """Replace the whole graph with ``data``; on failure the previous graph stays intact.

        ``progress`` is called with (records written, records in all) as the load goes on.
        Raises ``ValueError`` for data the schema does not allow (checked before any write)."""

    def close(self) -> None: ...

    def ping(self) -> None:
        """Raise ``graph.errors.BackendUnavailable`` if the backend cannot answer."""

    def counts(self) -> tuple[int, int]:
        """(number of nodes, number of relationships)."""

    def version(self) -> str:
        """``graph.version.graph_version`` of the graph the store holds now (a store may cache it
        for a few seconds, as reading a whole database is not free)."""

    def version_at_hand(self) -> str | None:
        """The version if the store can give it without waiting on anything (no I/O, no
        computation), else None; callers on an event loop then ask ``version`` on a thread."""

    def label_counts(self) -> dict[str, int]:
        """Nodes per label, for labels that have any."""

    def type_counts(self) -> dict[str, int]:
        """Relationships per type, for types that have any."""

    def get_node(self, node_id: str) -> Node | None: ...

    def list_nodes(
        self, label: str | None, needle: str | None, limit: int, offset: int
    ) -> tuple[list[Node], int]:
        """A page of nodes ordered by id, and the total that match.

        ``needle`` (normalised) filters to nodes whose names, aliases or id contain it.
        """

    def neighbors(self, node_id: str, direction: Direction, types: list[str] | None) -> list[Neighbor]:
        """Relationships at a node, ordered by (type, other node's id, source id)."""

    def search(self, needle: str, label: str | None, limit: int) -> list[SearchHit]:
        """Nodes matching a normalised needle, best first: score descending, then id.

        Score: ``SCORE_EXACT`` when a name, alias or the id equals the needle, ``SCORE_PREFIX``
        when one starts with it, ``SCORE_NAME`` when one contains it, ``SCORE_TEXT`` when only a
        description does. All compared in normalised form.
        """

    def nodes_by_id(self, ids: Sequence[str]) -> dict[str, Node]:
        """The nodes with these ids, by id (ids with no node are left out)."""

    def expand(
        self, frontier: Sequence[str], types: Sequence[str] | None, direction: Direction
    ) -> list[Pair]:
        """One breadth-first step: a (near, far) pair for each node ``far`` joined to a frontier
        node ``near`` by a relationship of the given types (any type when None), walked
        ``out`` (near is its source), ``in`` (near is its target) or ``both``; each pair once,
        sorted. The primitive ``queries.path_search`` finds every path with."""

    def relationships_between(
        self, pairs: Sequence[Pair], types: Sequence[str] | None, directed: bool
    ) -> list[Relationship]:
        """Every relationship of the given types from ``a`` to ``b`` for each (a, b) pair (or
        either way, unless ``directed``), each once, ordered by key."""

    def dependencies(self, node_id: str, upstream: bool, max_depth: int) -> list[tuple[str, int]]:
        """Ids of the technologies reached over ``DEPENDS_ON`` (upstream: what it needs;
        downstream: what needs it), each with its shortest depth (1 = direct), within
        ``max_depth``; ordered by (depth, id). The start node is not included."""

    def export(self) -> GraphData:
        """The whole graph, nodes ordered by id and relationships by key."""

    def subgraph(self, types: list[str]) -> GraphData:
        """Every node, and the relationships of the given types: the projection the planner
        analytics (``queries/analytics``) compute over. Ordered as ``export``."""
