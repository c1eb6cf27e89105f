"""Resolve and check citations: every quote must be the plan text at its offsets."""

from __future__ import annotations

from typing import Any

from graph.model import Source

__all__ = ["CitationError", "resolve_source", "check_source"]


class CitationError(ValueError):
    pass


def resolve_source(text: str, bounds: tuple[int, int], raw: Any) -> Source:
    """A ``{quote, start?}`` mapping from the overlay as a Source with exact offsets.

    Without ``start`` the quote must occur exactly once in the plan proper.
    """
    if isinstance(raw, str):
        raw = {"quote": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("quote"), str) or not raw["quote"]:
        raise CitationError(f"a source must be a mapping with a non-empty quote, got {raw!r}")
    unknown = sorted(set(raw) - {"quote", "start", "end"})
    if unknown:
        raise CitationError(f"unknown field(s) in a source: {', '.join(unknown)} (quote, start, end)")
    quote: str = raw["quote"]
    start = raw.get("start")
    if start is None:
        found = _occurrences(text, quote, bounds)
        if not found and quote in text:
            raise CitationError(f"quote lies outside the plan proper (page furniture): {quote!r}")
        if not found:
            raise CitationError(f"quote not found in the plan text: {quote!r}")
        if len(found) > 1:
            raise CitationError(f"quote occurs {len(found)} times (at {found}); give its start: {quote!r}")
        start = found[0]
    if not isinstance(start, int):
        raise CitationError(f"start must be an integer offset, got {start!r}")
    source = Source(quote, start, start + len(quote))
    if raw.get("end") not in (None, source.end):
        raise CitationError(f"end must be start + the quote's length ({source.end}), got {raw['end']!r}")
    check_source(text, bounds, source)
    return source


def check_source(text: str, bounds: tuple[int, int], source: Source) -> None:
    if text[source.start : source.end] != source.quote or source.end - source.start != len(source.quote):
        raise CitationError(
            f"quote is not the plan text at {source.start}–{source.end}: {source.quote!r} "
            f"(the text there is {text[source.start : source.end]!r})"
        )
    if source.start < bounds[0] or source.end > bounds[1]:
        raise CitationError(f"quote lies outside the plan proper (page furniture): {source.quote!r}")


def _occurrences(text: str, quote: str, bounds: tuple[int, int]) -> list[int]:
    found, position = [], text.find(quote, bounds[0], bounds[1])
    while position >= 0:
        found.append(position)
        position = text.find(quote, position + 1, bounds[1])
    return found
