"""Plain-text tables for the terminal that line up Chinese (double-width) characters."""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Sequence

from pydantic import BaseModel

__all__ = ["render_table", "display_width", "emit"]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text + " " * (width - display_width(text))
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out, used = out + ch, used + w
    return out + "…" + " " * (width - used - 1)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 48) -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [
        min(max_width, max([display_width(h)] + [display_width(r[i]) for r in cells]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def emit(args: argparse.Namespace, model: BaseModel, table: str) -> None:
    """The API's JSON with ``--json``, the table otherwise."""
    print(model.model_dump_json(indent=2) if args.json else table)
