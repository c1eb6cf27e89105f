"""The n-gram index never changes an answer: on the plan graph, every search and listing through
it finds exactly what a scan of every node finds, and it looks at far fewer nodes."""

from __future__ import annotations

import random

import pytest

from graph.memory import MemoryStore
from graph.model import GraphData
from graph.search_index import GramIndex
from graph.store import SCORE_EXACT, SCORE_NAME, SCORE_PREFIX, SCORE_TEXT
from graph.text import normalize, search_names, search_text


def _needles(data: GraphData, count: int) -> list[str]:
    rng = random.Random(2060)  # fixed, so a failure can be replayed
    nodes = sorted(data.nodes, key=lambda n: n.id)
    found = ["氢", "ccus", "碳", "zzz", "h2", "光储直柔", "应用"]
    while len(found) < count:
        name = normalize(rng.choice([n.name_zh, n.name_en, n.id]) if (n := rng.choice(nodes)) else "")
        start = rng.randrange(max(len(name) - 1, 1))
        found.append(name[start : start + rng.choice([1, 2, 3, 5])])
    return [needle for needle in found if needle]


Entries = dict[str, tuple[list[str], str]]


@pytest.fixture(scope="module")
def entries(seed_data: GraphData) -> Entries:
    """Each node's normalised names and text, as the store indexes them."""
    return {node.id: (search_names(node), search_text(node)) for node in seed_data.nodes}


@pytest.fixture(scope="module")
def needles(seed_data: GraphData) -> list[str]:
    return _needles(seed_data, 300)


def test_candidates_hold_every_match_and_little_else(entries: Entries, needles: list[str]) -> None:
    index = GramIndex(entries)
    looked_at, longer = 0, 0
    for needle in needles:
        matching = {i for i, (names, text) in entries.items() if any(needle in s for s in (*names, text))}
        candidates = set(index.candidates(needle))
        assert matching <= candidates, needle
        if len(needle) > 1:  # one character is in most texts: there the index cannot spare much
            looked_at, longer = looked_at + len(candidates), longer + 1
    assert looked_at < longer * len(entries) / 4, "the index should spare most of the scan"


def _scan_score(names: list[str], text: str, needle: str) -> int:
    """The score ``GraphStore.search`` documents, computed the slow way."""
    if needle in names:
        return SCORE_EXACT
    if any(name.startswith(needle) for name in names):
        return SCORE_PREFIX
    if any(needle in name for name in names):
        return SCORE_NAME
    return SCORE_TEXT if needle in text else 0


def test_search_and_listing_through_the_index_answer_as_a_scan_would(
    memory_store: MemoryStore, seed_data: GraphData, entries: Entries, needles: list[str]
) -> None:
    labels = {node.id: node.label for node in seed_data.nodes}
    for needle in needles[:150]:
        scored = sorted(
            (
                (-score, i)
                for i, (names, text) in entries.items()
                if (score := _scan_score(names, text, needle))
            ),
        )
        for label, limit in ((None, 500), (None, 3), (None, 20), ("Technology", 5), ("Sector", 2)):
            expected = [(i, -minus) for minus, i in scored if label is None or labels[i] == label][:limit]
            hits = memory_store.search(needle, label, limit)
            assert [(h.node.id, h.score) for h in hits] == expected, (needle, label, limit)
        listed, total = memory_store.list_nodes(None, needle, 500, 0)
        named = sorted(i for i, (names, _) in entries.items() if any(needle in s for s in names))
        assert [n.id for n in listed] == named and total == len(named), needle
