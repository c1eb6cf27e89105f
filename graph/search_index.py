"""An inverted index of character n-grams, so that a search looks only at the nodes that can match.

Chinese has no spaces to split words at, so the index keeps, for every character and every pair of
adjacent characters of a node's normalised names and text, the nodes that contain it. A needle of
two or more characters can only be inside a node that holds each of its pairs; a one-character
needle, inside a node that holds that character. The candidates are then checked in full, so the
index never changes an answer, only how many nodes are looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["GramIndex"]


def _grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def _needle_grams(needle: str) -> set[str]:
    return {needle[i : i + 2] for i in range(len(needle) - 1)} if len(needle) > 1 else {needle}


class GramIndex:
    """Node ids by the characters and character pairs of their normalised names and text."""

    def __init__(self, entries: Mapping[str, tuple[list[str], str]]) -> None:
        """``entries``: for each node id, its normalised names and its normalised text."""
        postings: dict[str, set[str]] = {}
        for node_id, (names, text) in entries.items():
            for gram in set().union(*(_grams(piece) for piece in (*names, text))):
                postings.setdefault(gram, set()).add(node_id)
        self._postings = {gram: frozenset(ids) for gram, ids in postings.items()}

    def candidates(self, needle: str) -> Iterable[str]:
        """Ids of the nodes whose names or text may contain ``needle`` (a superset of those that
        do), in no particular order."""
        lists = sorted((self._postings.get(gram, frozenset()) for gram in _needle_grams(needle)), key=len)
        if not lists:
            return ()
        found = set(lists[0])
        for ids in lists[1:]:
            found &= ids
            if not found:
                break
        return found
