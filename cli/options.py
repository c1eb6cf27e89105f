"""What every command shares: the backend flags, the settings they make, and opening the store."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from api.backend import open_store
from api.settings import Settings
from graph.store import GraphStore

__all__ = ["Command", "add_backend_flags", "add_json_flag", "settings", "on_store"]

Command = Callable[[argparse.Namespace], int]
"""A command: its parsed arguments in, its exit status out."""


def add_backend_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("backend (default: the embedded store; NEO4J_* variables apply too)")
    group.add_argument("--neo4j", action="store_true", help="use Neo4j at NEO4J_URI (or --uri)")
    group.add_argument("--uri", help="Bolt or Neo4j URI, e.g. bolt://127.0.0.1:7687 or neo4j+s://…")
    group.add_argument("--user", help="user name (NEO4J_USERNAME)")
    group.add_argument("--password", help="password (NEO4J_PASSWORD)")
    group.add_argument("--database", help="database name (NEO4J_DATABASE)")
    group.add_argument("--seeds", help="seeds directory (CKG_SEEDS; default: the repository's seeds/)")


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the API's JSON")


def settings(args: argparse.Namespace, **more: Any) -> Settings:
    """The environment's settings with the backend flags given (and ``more``) over them."""
    overrides = {
        "ckg_backend": "neo4j" if args.neo4j else None,
        "neo4j_uri": args.uri,
        "neo4j_username": args.user,
        "neo4j_password": args.password,
        "neo4j_database": args.database,
        "ckg_seeds": args.seeds,
        **more,
    }
    return Settings.model_validate({k: v for k, v in overrides.items() if v is not None})


def on_store(command: Callable[[GraphStore, argparse.Namespace], int]) -> Command:
    """A command that asks the graph: the store the flags name is opened for it and closed after."""

    def run(args: argparse.Namespace) -> int:
        store = open_store(settings(args))
        try:
            return command(store, args)
        finally:
            store.close()

    return run
