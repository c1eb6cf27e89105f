"""Neo4j's own Cypher front end, for the tests: ``tools/cypher-lint`` runs
``@neo4j-cypher/language-support`` under Node (``make test`` installs it first, with ``npm ci``)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from graph.cypher import NODE_LABEL
from graph.schema import LABELS, RELATIONSHIP_TYPES

__all__ = ["lint", "errors"]

LINTER = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
INSTALL = "make tools/cypher-lint/node_modules/.installed"
# A statement to lint: its name, its text, and an example value for each parameter it takes.
Statement = tuple[str, str, Mapping[str, object]]


def lint(
    statements: Iterable[Statement],
    labels: Sequence[str] = (*LABELS, NODE_LABEL),
    types: Sequence[str] = RELATIONSHIP_TYPES,
) -> list[dict[str, Any]]:
    """What the linter says of each statement in each Cypher version it knows: ``{name,
    cypherVersion, diagnostics: [{severity, message, line, character}]}``; severity 1 is an
    error, 2 a warning (such as a label or relationship type not among ``labels`` or ``types``)."""
    node = shutil.which("node")
    assert node, "node is needed to lint Cypher (Node 20 or later)"
    assert (LINTER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(), f"run `{INSTALL}` first"
    payload = {
        "labels": list(labels),
        "relationshipTypes": list(types),
        "statements": [
            {"name": name, "statement": text, "parameters": dict(parameters)}
            for name, text, parameters in statements
        ],
    }
    done = subprocess.run(
        [node, str(LINTER / "lint.mjs")],
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def errors(results: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[str]:
    """Every error in ``results``, each with where it is and the text of its statement (by name)."""
    return [
        f"{r['name']} ({r['cypherVersion']}, {d['line']}:{d['character']}): {d['message']}\n"
        f"    {texts[r['name']][:300]}"
        for r in results
        for d in r["diagnostics"]
        if d["severity"] == 1
    ]
