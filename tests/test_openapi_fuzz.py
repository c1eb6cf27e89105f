"""schemathesis holds the API to its own OpenAPI document: every operation, every check,
schema-valid and schema-violating requests, on each store in turn, over ASGI.

Run with ``-s`` to see how many cases each store was sent."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.app import create_app
from graph.memory import MemoryStore
from graph.store import GraphStore

CASES: Counter[str] = Counter()


# The document does not depend on the store; each case runs against the store under test.
APP = create_app(store=MemoryStore())
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _summary() -> Iterator[None]:
    yield
    print(f"\nschemathesis: {sum(CASES.values())} cases passed every check, {dict(sorted(CASES.items()))}")


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same cases on every run, so CI is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_openapi_contract(case: schemathesis.Case, store: GraphStore) -> None:
    APP.state.store = store
    case.call_and_validate()
    CASES[store.backend] += 1
