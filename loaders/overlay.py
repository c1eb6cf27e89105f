"""Read the curated overlay (``seeds/*.yaml``) into entries that remember their file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Origin", "Entry", "LoadError", "read_overlay", "describe"]


@dataclass(frozen=True)
class Origin:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class LoadError:
    """One problem with the seeds, pointing at the file, the line and the id involved."""

    origin: Origin
    id: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.id or '-'}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """A node or relationship as the overlay writes it."""

    kind: str  # "node" or "relationship"
    origin: Origin
    data: dict[str, Any]

    @property
    def key(self) -> object:
        """The node id, or the relationship's (source, type, target)."""
        if self.kind == "node":
            return str(self.data.get("id", ""))
        return (self.data.get("source"), self.data.get("type"), self.data.get("target"))

    @property
    def id(self) -> str:
        return describe(self.key)


def describe(key: object) -> str:
    """How errors name a node id or a relationship key ``(source, type, target)``."""
    if isinstance(key, tuple) and len(key) == 3:
        return f"({key[0]})-[:{key[1]}]->({key[2]})"
    return str(key)


SECTIONS = {"nodes": "node", "relationships": "relationship"}


def read_overlay(path: Path, name: str) -> tuple[list[Entry], list[LoadError]]:
    """Entries of one YAML file (``name`` is how errors refer to it), or the errors reading it."""
    loader = yaml.SafeLoader(path.read_text(encoding="utf-8"))
    try:
        root = loader.get_single_node()
        if root is None:
            return [], []
        if not isinstance(root, yaml.MappingNode):
            return [], [
                LoadError(
                    Origin(name, root.start_mark.line + 1),
                    "",
                    "expected a mapping with nodes:/relationships:",
                )
            ]
        entries: list[Entry] = []
        errors: list[LoadError] = []
        for key_node, value_node in root.value:
            section = key_node.value
            origin = Origin(name, key_node.start_mark.line + 1)
            if section not in SECTIONS:
                errors.append(
                    LoadError(origin, "", f"unknown section {section!r} (expected nodes or relationships)")
                )
                continue
            if not isinstance(value_node, yaml.SequenceNode):
                errors.append(LoadError(origin, "", f"{section} must be a list"))
                continue
            for item in value_node.value:
                item_origin = Origin(name, item.start_mark.line + 1)
                data: Any = loader.construct_document(item)
                if not isinstance(data, dict):
                    errors.append(LoadError(item_origin, "", f"each entry of {section} must be a mapping"))
                    continue
                entries.append(Entry(SECTIONS[section], item_origin, data))
        return entries, errors
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        return [], [LoadError(Origin(name, line), "", f"invalid YAML: {error.problem or error}")]
    finally:
        loader.dispose()
