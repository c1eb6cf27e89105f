"""What FalkorDB's Bolt layer needs from a client, so that the same statements run on it.

FalkorDB 4.16 does not pass Bolt parameters to its query engine as values: it prints each RUN
as text, ``CYPHER k1=v1 k2=v2 … <statement>``, into a fixed buffer of ``BUFFER`` bytes, writing
strings between single quotes without escaping them, floats with six decimals and map keys
bare. Left alone, a string with an apostrophe is a syntax error (or rewrites the statement), a
float loses digits, and a RUN that prints longer than the buffer crashes the server.

So the FalkorDB dialect (``graph.dialects.FALKORDB``, which ``Neo4jStore`` uses on FalkorDB
only):

- sends strings escaped (``encode``), which FalkorDB's parser turns back into what was sent;
- keeps every RUN within ``BUDGET`` bytes as printed: loads are packed by printed size, a
  record too big for one statement is written in parts and a long text in appended pieces
  (``load_steps``); lists of ids are cut into chunks (``pack``);
- refuses with ``ValueError`` what would arrive wrong: a float six decimals can't carry, a map
  key that isn't a bare identifier, a NUL in a string, a value too long for the buffer that is
  not one of the texts that can be appended.

The Neo4j dialect sends the parameters untouched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from graph.cypher import (
    APPENDABLE_NODE_KEYS,
    APPENDABLE_RELATIONSHIP_KEYS,
    STATEMENTS,
    append_node_name,
    append_relationship_name,
)

__all__ = ["BUFFER", "BUDGET", "Step", "encode", "printed_size", "statement_size", "pack", "load_steps"]

BUFFER = 4096
BUDGET = BUFFER - 128  # a margin below the buffer, for the terminating NUL and any miscount

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
T = TypeVar("T")


def encode(value: Any) -> Any:
    """``value`` with every string escaped for FalkorDB's quoting (backslash, then quote)."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {k: encode(v) for k, v in value.items()}
    return value


def printed_size(value: Any) -> int:
    """Bytes FalkorDB prints for a (not yet encoded) value; ``ValueError`` for what it would
    print wrong."""
    if value is None or isinstance(value, bool):
        return 5  # NULL, true, false
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, float):
        printed = f"{value:f}"
        if not math.isfinite(value) or float(printed) != value:
            raise ValueError(f"FalkorDB's Bolt layer would send the float {value!r} as {printed}")
        return len(printed)
    if isinstance(value, str):
        if "\0" in value:
            raise ValueError("FalkorDB's Bolt layer cuts strings at a NUL character")
        return len(encode(value).encode("utf-8")) + 2
    if isinstance(value, list | tuple):
        return 2 + sum(printed_size(v) for v in value) + 2 * max(len(value) - 1, 0)
    if isinstance(value, Mapping):
        for key in value:
            if not _KEY.match(key):
                raise ValueError(f"FalkorDB's Bolt layer sends map keys bare; {key!r} is not an identifier")
        items = sum(len(k) + 2 + printed_size(v) for k, v in value.items())
        return 2 + items + 2 * max(len(value) - 1, 0)
    raise ValueError(f"cannot send a {type(value).__name__} to FalkorDB")


def statement_size(text: str, parameters: Mapping[str, Any]) -> int:
    """Bytes of the RUN as FalkorDB prints it, statement included."""
    printed = sum(len(k) + 2 + printed_size(v) for k, v in parameters.items())
    return len("CYPHER ") + printed + len(text.encode("utf-8"))


def pack(items: Iterable[T], room: int, size: Callable[[T], int] = printed_size) -> list[list[T]]:
    """Consecutive chunks of ``items`` whose printed list fits in ``room`` bytes."""
    chunks: list[list[T]] = []
    chunk: list[T] = []
    used = 2
    for item in items:
        needed = size(item)
        if 2 + needed > room:
            raise ValueError(f"an item of {needed} bytes does not fit FalkorDB's buffer ({room} bytes free)")
        if chunk and used + 2 + needed > room:
            chunks.append(chunk)
            chunk, used = [], 2
        used += needed + (2 if chunk else 0)
        chunk.append(item)
    if chunk:
        chunks.append(chunk)
    return chunks


Step = tuple[str, dict[str, Any], int]
"""A statement of a load, its parameters, and how many records it must write."""


def load_steps(name: str, rows: list[dict[str, Any]]) -> list[Step]:
    """An ``UNWIND $rows`` load statement's rows as steps that each fit FalkorDB's buffer.

    A row too big for one statement is split: its parts go to successive rounds, so that no
    step holds two parts of one record (the statements ``MERGE`` the record and ``SET +=`` its
    part); a text value too long for any statement goes in pieces, appended after the rows.
    """
    room = BUDGET - statement_size(STATEMENTS[name].text, {"rows": []})
    split = [_split(row, room) for row in rows]
    steps: list[Step] = []
    for round_ in range(max((len(parts) for parts, _ in split), default=0)):
        current = [parts[round_] for parts, _ in split if round_ < len(parts)]
        steps += [(name, {"rows": chunk}, len(chunk)) for chunk in pack(current, room)]
    return steps + [step for _, appends in split for step in appends]


def _split(row: Mapping[str, Any], room: int) -> tuple[list[dict[str, Any]], list[Step]]:
    """A row's ``properties`` spread over as few rows as fit, each with the row's other keys,
    and the appends that finish any text too long to fit at all."""
    base = {k: v for k, v in row.items() if k != "properties"}
    base_size = printed_size({**base, "properties": {}}) + 2
    parts: list[dict[str, Any]] = [{}]
    appends: list[Step] = []
    used = base_size
    for key, value in row["properties"].items():
        needed = len(key) + 4 + printed_size(value)
        if base_size + needed > room:
            value, rest = _pieces(base, key, value, room - base_size - len(key) - 4)
            appends += [_append(base, key, piece) for piece in rest]
            needed = len(key) + 4 + printed_size(value)
        if used + needed > room:
            parts.append({})
            used = base_size
        parts[-1][key] = value
        used += needed
    return [{**base, "properties": properties} for properties in parts], appends


def _append(base: Mapping[str, Any], key: str, piece: str) -> Step:
    if "id" in base:
        return append_node_name(key), {"id": base["id"], "chunk": piece}, 1
    ends = {"source": base["source"], "target": base["target"], "type": base["type"]}
    return append_relationship_name(key), {**ends, "chunk": piece}, 1


def _pieces(base: Mapping[str, Any], key: str, value: Any, room: int) -> tuple[str, list[str]]:
    """A long text as its first piece and the rest, each piece printing within ``room`` and
    within what its append statement leaves free."""
    appendable = APPENDABLE_NODE_KEYS if "id" in base else APPENDABLE_RELATIONSHIP_KEYS
    if not isinstance(value, str) or key not in appendable:
        raise ValueError(
            f"{base}: property {key!r} is too long for FalkorDB's Bolt layer ({room} bytes free)"
        )
    name, parameters, _ = _append(base, key, "")
    room = min(room, BUDGET - statement_size(STATEMENTS[name].text, parameters) + 2)
    pieces: list[str] = []
    piece: list[str] = []
    used = 2
    for char in value:
        size = len(encode(char).encode("utf-8"))
        if used + size > room:
            pieces.append("".join(piece))
            piece, used = [], 2
        piece.append(char)
        used += size
    pieces.append("".join(piece))
    return pieces[0], pieces[1:]
