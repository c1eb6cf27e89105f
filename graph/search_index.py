"""A search index built at load time, so that a search looks at the nodes that can match, best
first, and stops once its answer is certain.

Chinese has no spaces to split words at, so the index keeps, for every character and every pair of
adjacent characters, the nodes whose normalised names (and, apart, whose text) hold it. A needle
of two or more characters can only be inside a node that holds each of its pairs; a one-character
needle, inside a node that holds that character. The candidates are then checked in full, so the
index never changes an answer, only how many nodes are looked at.

The answer's order is score first, then id; the index keeps each list of candidates in id order,
and the names sorted, so each score class (an exact name, a name's prefix, inside a name, inside
the text) is walked in id order and left as soon as the answer has ``limit`` hits.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = ["GramIndex"]


def _grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def _needle_grams(needle: str) -> set[str]:
    return {needle[i : i + 2] for i in range(len(needle) - 1)} if len(needle) > 1 else {needle}


class _Postings:
    """Ids by gram, each list in id order (and as a set, to test membership)."""

    def __init__(self, pieces: Mapping[str, Iterable[str]]) -> None:
        found: dict[str, set[str]] = {}
        for node_id, texts in pieces.items():
            for gram in set().union(*(_grams(text) for text in texts)):
                found.setdefault(gram, set()).add(node_id)
        self._ordered: dict[str, tuple[str, ...]] = {}
        self._sets: dict[str, frozenset[str]] = {}
        while found:  # each growing set let go once copied, so that they are never all held twice
            gram, ids = found.popitem()
            self._ordered[gram], self._sets[gram] = tuple(sorted(ids)), frozenset(ids)

    def candidates(self, needle: str) -> Iterator[str]:
        """Ids that hold every gram of ``needle``, in id order (a superset of those that hold it)."""
        grams = sorted(_needle_grams(needle), key=lambda g: len(self._ordered.get(g, ())))
        if not grams or grams[0] not in self._ordered:
            return iter(())
        others = [self._sets[g] for g in grams[1:] if g in self._sets]
        if len(others) < len(grams) - 1:
            return iter(())
        return (i for i in self._ordered[grams[0]] if all(i in ids for ids in others))


class GramIndex:
    """Node ids by their normalised names and text: exact names, sorted names, and n-grams."""

    def __init__(self, entries: Mapping[str, tuple[list[str], str]]) -> None:
        """``entries``: for each node id, its normalised names and its normalised text."""
        self._entries = entries
        self._exact: dict[str, list[str]] = {}
        for node_id, (names, _) in sorted(entries.items()):
            for name in set(names):
                self._exact.setdefault(name, []).append(node_id)
        self._names = sorted(
            (name, node_id) for node_id, (names, _) in entries.items() for name in set(names)
        )
        self._in_names = _Postings({node_id: names for node_id, (names, _) in entries.items()})
        self._in_text = _Postings({node_id: [text] for node_id, (_, text) in entries.items()})

    def candidates(self, needle: str) -> Iterable[str]:
        """Ids of the nodes whose names or text may contain ``needle`` (a superset of those that
        do), in no particular order."""
        return set(self._in_names.candidates(needle)) | set(self._in_text.candidates(needle))

    def named(self, needle: str) -> Iterator[str]:
        """Ids of the nodes a name of which holds ``needle``, in id order."""
        entries = self._entries
        return (i for i in self._in_names.candidates(needle) if any(needle in n for n in entries[i][0]))

    def ranked(
        self, needle: str, scores: tuple[int, int, int, int], keep: Callable[[str], bool], limit: int
    ) -> list[tuple[str, int]]:
        """The first ``limit`` (id, score) pairs among the nodes ``keep`` accepts, by score then id.
        ``scores`` are those of an exact name, a name's prefix, a name holding the needle, and
        the text alone holding it."""
        exact, prefix, inside, text = scores
        found: list[tuple[str, int]] = []
        ranked: set[str] = set()

        def take(ids: Iterable[str], score: int) -> bool:
            for node_id in ids:
                if node_id not in ranked and keep(node_id):
                    ranked.add(node_id)
                    found.append((node_id, score))
                    if len(found) == limit:
                        return True
            return False

        names, prefixed = self._names, []
        at = bisect_left(names, (needle, ""))
        while at < len(names) and names[at][0].startswith(needle):
            prefixed.append(names[at][1])
            at += 1
        if take(self._exact.get(needle, ()), exact):
            return found
        if take(sorted(set(prefixed)), prefix):
            return found
        if take(self.named(needle), inside):
            return found
        # Every node a name of which holds the needle is ranked by now, or not kept.
        take((i for i in self._in_text.candidates(needle) if needle in self._entries[i][1]), text)
        return found
