"""Terminal output: Rich tables (which measure Chinese characters as two cells), or the API's JSON.

A table is plain text, with no colour or escape codes anywhere. On a terminal it fits the
terminal's width by wrapping only the columns of running text, never an id; off a terminal (a
pipe, a file, a test's capture) every row is one line, whatever its length.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Collection, Sequence

from pydantic import BaseModel
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Column, Table
from rich.text import Text

__all__ = ["NAMES", "table", "page", "emit"]

NAMES = ("name_zh", "name_en")  # a node's names: columns of running text, which may wrap
UNBOUNDED = 1_000_000  # wider than any table: the width a table may take off a terminal


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], wrap: Collection[str] = ()) -> str:
    """The rows under their headers and a rule, the columns three spaces apart.

    Parameters
    ----------
    headers : the column names.
    rows : one sequence of cells per row; a cell is shown as ``str(cell)``, as is (no markup).
    wrap : the columns of running text (names, descriptions, chains) that may wrap on a narrow
        terminal; every other column keeps each cell on one line.
    """
    grid = Table(
        *(Column(Text(h), no_wrap=h not in wrap, overflow="fold") for h in headers),
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        header_style=None,
    )
    for row in rows:
        grid.add_row(*(Text(str(cell)) for cell in row))
    out = io.StringIO()
    Console(file=out, width=_width(grid), color_system=None).print(grid)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines())


def _width(grid: Table) -> int:
    """The terminal's width, or the table's narrowest when even that is wider (the terminal then
    wraps the lines: Rich would cut cells); off a terminal the table's natural width."""
    terminal = Console(file=sys.stdout)
    needed = Measurement.get(terminal, terminal.options.update_width(UNBOUNDED), grid)
    return max(terminal.width, needed.minimum) if sys.stdout.isatty() else needed.maximum


def page(offset: int, shown: int, total: int) -> str:
    """Which rows of how many a page shows: ``3–4 of 12``, or ``none``."""
    return f"{offset + 1}–{offset + shown} of {total}" if shown else "none"


def emit(args: argparse.Namespace, model: BaseModel, text: str) -> None:
    """The API's JSON with ``--json``, the text (tables) otherwise."""
    print(model.model_dump_json(indent=2) if args.json else text)
