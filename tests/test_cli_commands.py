"""Every ``ckg`` command and flag the README documents is one the parser takes: the invocations
below use each of them, and the README may name none that they leave out."""

from __future__ import annotations

import re
import shlex

import pytest

from cli.main import parser
from tests.served import REPO

INVOCATIONS = [
    "load --check",
    "load --check --json --seeds seeds",
    "load --elements",
    "load --neo4j --uri bolt://127.0.0.1:7687 --user neo4j --password secret --database neo4j",
    "serve --host 0.0.0.0 --port 8001 --log-format json --cors-origin https://a.example --cors-origin https://b.example",
    "serve --neo4j",
    "show tech.dac --json",
    "query search 绿氢 --label Technology --limit 3 --json",
    "query path tech.dac goal.neutrality_2060 --max-hops 4 --types A,B --directed --limit 5 --json",
    "query deps tech.pedf --downstream --max-depth 2 --limit 5 --offset 1 --json",
    "gaps",
    "gaps timeline_conflict --include-enabling --json",
    "impact tech.green_hydrogen --include-enabling --limit 2 --offset 1 --json",
    "critical --metric betweenness --limit 3 --include-enabling --json",
    "chains milestone.capture_energy_2025 --include-enabling --json",
    "report coverage --json",
    "report gaps --format html --output gaps.html --no-reserve --horizon-max 2025 --trl-2025 8 --trl-2030 7",
    "report review --format csv --output review.csv",
    "export --format graphml --output graph.graphml",
]  # fmt: skip
BACKEND = "--neo4j --uri bolt://127.0.0.1:7687 --user neo4j --password secret --database neo4j --seeds seeds"


def _command(words: list[str]) -> tuple[str, ...]:
    """The command's own words: ``query path`` of ``query path SOURCE TARGET --directed``."""
    command: list[str] = []
    for word in words:
        if not re.fullmatch(r"[a-z]+", word):
            break
        command.append(word)
    return tuple(command)


def _readme_invocations() -> list[str]:
    """Every ``ckg …`` the README shows, in a code span or as a line of a code block."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    spans = re.findall(r"`(?:\.venv/bin/)?ckg ([^`]*)`", text)
    lines = re.findall(r"^(?:\.venv/bin/)?ckg (.*)$", text, re.M)
    return spans + lines


@pytest.mark.parametrize("line", INVOCATIONS)
def test_each_invocation_parses_to_a_command(line: str) -> None:
    args = parser().parse_args(shlex.split(line))
    assert callable(args.run)


@pytest.mark.parametrize("line", INVOCATIONS)
def test_every_command_takes_the_backend_flags(line: str) -> None:
    args = parser().parse_args([*shlex.split(line), *BACKEND.split()])
    assert (args.neo4j, args.uri, args.user, args.database) == (
        True,
        "bolt://127.0.0.1:7687",
        "neo4j",
        "neo4j",
    )


def test_the_readme_names_no_command_or_flag_left_out_here() -> None:
    covered = {(_command(line.split()), flag) for line in INVOCATIONS for flag in [None, *line.split()]}
    documented = _readme_invocations()
    assert len(documented) > 20
    missing = []
    for line in documented:
        command = _command(line.split())
        if not command:  # ``ckg … | head``
            continue
        for flag in [None, *re.findall(r"--[a-z][a-z0-9-]*", line)]:
            if (command, flag) not in covered:
                missing.append(f"ckg {' '.join(command)} {flag or ''}: {line}")
    assert not missing, missing


def test_an_unknown_flag_is_refused() -> None:
    with pytest.raises(SystemExit) as refused:
        parser().parse_args(["load", "--chek"])
    assert refused.value.code == 2
