"""Settings, all from the environment (or flags of the ``ckg`` command, which set the same fields)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from queries.limits import PATH_WORK

__all__ = ["Settings"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    # memory: the embedded NetworkX store built from the seeds; neo4j: a Neo4j (or Bolt) server.
    # Unset: neo4j when NEO4J_URI is set, memory otherwise.
    ckg_backend: Literal["memory", "neo4j"] | None = None
    ckg_seeds: Path | None = None
    neo4j_uri: str | None = None
    neo4j_username: str = "neo4j"
    neo4j_password: str = Field(default="", repr=False)
    neo4j_database: str = "neo4j"
    # Seconds to wait for the database before answering 503.
    neo4j_timeout: float = 5.0
    # How many expensive requests (simple paths, planner analytics, exports) may run at once, and
    # how many seconds one more may wait for a slot before it is refused with 503 and Retry-After.
    ckg_expensive_slots: int = Field(default=2, ge=1)
    ckg_expensive_wait: float = Field(default=1.0, ge=0)
    # Units of work (nodes expanded, paths built) one path request may spend before it is
    # refused as too broad (422).
    ckg_path_work: int = Field(default=PATH_WORK, ge=1)
    # Origins whose pages may call the API from a browser (CORS), comma-separated; none by default.
    ckg_cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("ckg_cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def backend(self) -> Literal["memory", "neo4j"]:
        if self.ckg_backend:
            return self.ckg_backend
        return "neo4j" if self.neo4j_uri else "memory"
