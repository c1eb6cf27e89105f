"""The errors a query raises; the API maps each to one HTTP status in one place."""

from __future__ import annotations

__all__ = ["QueryError", "NotFound", "NodeNotFound", "InvalidParameter", "LimitExceeded", "QueryTooBroad"]


class QueryError(ValueError):
    """Base class: something about the request cannot be answered."""


class NotFound(QueryError):
    """What the request names does not exist (the API answers 404). ``kind`` and ``title`` name
    the problem; ``parameter`` is the one that names the missing thing."""

    kind = "not-found"
    title = "Not found"

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class NodeNotFound(NotFound):
    kind = "node-not-found"
    title = "Node not found"

    def __init__(self, node_id: str, parameter: str = "id") -> None:
        self.node_id = node_id
        super().__init__(parameter, f"no node with id {node_id!r}")


class InvalidParameter(QueryError):
    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class LimitExceeded(InvalidParameter):
    def __init__(self, parameter: str, value: int, cap: int) -> None:
        self.value = value
        self.cap = cap
        super().__init__(parameter, f"{value} is above the cap of {cap}")


class QueryTooBroad(QueryError):
    """The request is valid but would take more work than one request may spend; a narrower
    value of ``parameter`` answers it."""

    def __init__(self, parameter: str, budget: int) -> None:
        self.parameter = parameter
        self.budget = budget
        super().__init__(
            f"the query needs more than {budget} units of work (nodes expanded and paths built), "
            f"the most one request may spend; narrow it with a smaller {parameter}"
        )
