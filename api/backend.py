"""Open the store the settings ask for: the one place that knows which backends exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.settings import Settings
from graph.memory import MemoryStore
from graph.store import GraphStore
from loaders import load_seeds

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jStore

__all__ = ["open_store", "connect_neo4j"]


def open_store(settings: Settings) -> GraphStore:
    """A ready store. The memory store is built from the seeds; a Neo4j store serves what
    ``ckg load --neo4j`` wrote, and is checked to answer."""
    if settings.backend == "memory":
        store = MemoryStore()
        store.replace_all(load_seeds(settings.ckg_seeds))
        return store
    neo4j_store = connect_neo4j(settings)
    neo4j_store.ping()
    return neo4j_store


def connect_neo4j(settings: Settings) -> Neo4jStore:
    """A store with a driver of its own on the database the settings name."""
    from graph.neo4j_store import Neo4jStore

    if not settings.neo4j_uri:
        raise ValueError("the neo4j backend needs NEO4J_URI (or --uri)")
    return Neo4jStore.connect(
        settings.neo4j_uri,
        settings.neo4j_username,
        settings.neo4j_password,
        settings.neo4j_database,
        timeout=settings.neo4j_timeout,
        dialect=settings.neo4j_dialect,
    )
