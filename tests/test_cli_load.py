"""``ckg load --check`` as a real subprocess (``python -m cli``), on the shipped seeds, on a
valid copy given with ``--seeds``, and on a broken copy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from graph.model import GraphData
from loaders import check_seeds, load_seeds
from loaders.build import PLAN_FILE
from tests.served import ckg

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

BROKEN = "zz-broken.yaml"
BROKEN_BODY = textwrap.dedent(
    """\
    # a Technology without its English name
    nodes:
      - id: tech.zz_broken
        label: Technology
        name_zh: 壞掉的技術
        basis: curated
        rationale: Written by the test.
    """
)
BROKEN_LINE = 3  # the line of "- id: tech.zz_broken" above


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A small valid seeds directory: the real plan text and the real 00-structure.yaml."""
    seeds = tmp_path / "valid-seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / PLAN_FILE, seeds / PLAN_FILE)
    shutil.copy(SEEDS / "00-structure.yaml", seeds / "00-structure.yaml")
    return seeds


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    """The real seeds with one broken file added."""
    seeds = tmp_path / "broken-seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / PLAN_FILE, seeds / PLAN_FILE)
    for path in SEEDS.glob("*.yaml"):
        shutil.copy(path, seeds / path.name)
    (seeds / BROKEN).write_text(BROKEN_BODY, encoding="utf-8")
    assert BROKEN_BODY.splitlines()[BROKEN_LINE - 1].strip() == "- id: tech.zz_broken"
    return seeds


def _assert_text_summary(result: subprocess.CompletedProcess[str], data: GraphData) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    first = out.splitlines()[0]
    assert first == (f"seeds OK: {len(data.nodes)} nodes, {len(data.relationships)} relationships, 0 errors")
    labels = Counter(n.label for n in data.nodes)
    types = Counter(r.type for r in data.relationships)
    assert labels and types
    for name, count in [*labels.items(), *types.items()]:
        assert re.search(rf"^{re.escape(name)}\s+{count}$", out, re.M), f"no row '{name} {count}' in:\n{out}"
    # nothing but these rows in the two tables
    rows = re.findall(r"^([A-Z][A-Za-z_]*)\s+(\d+)$", out, re.M)
    assert sorted((name, int(n)) for name, n in rows) == sorted([*labels.items(), *types.items()])


def _assert_json_summary(result: subprocess.CompletedProcess[str], seeds: Path) -> None:
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    data = load_seeds(seeds)
    assert summary["nodes"] == len(data.nodes)
    assert summary["relationships"] == len(data.relationships)
    assert summary["labels"] == dict(Counter(n.label for n in data.nodes))
    assert summary["relationship_types"] == dict(Counter(r.type for r in data.relationships))
    assert sum(summary["labels"].values()) == summary["nodes"]
    assert sum(summary["relationship_types"].values()) == summary["relationships"]
    assert summary["uncovered_text_elements"] == [e.key for e in check_seeds(seeds).uncovered]


# --- the shipped seeds ---------------------------------------------------------------------------


def test_check_on_shipped_seeds_prints_counts() -> None:
    result = ckg("load", "--check")
    assert result.returncode == 0, result.stderr
    _assert_text_summary(result, load_seeds(SEEDS))
    assert "0 errors" in result.stdout


def test_check_json_on_shipped_seeds() -> None:
    _assert_json_summary(ckg("load", "--check", "--json"), SEEDS)


# --- a valid copy given with --seeds -------------------------------------------------------------


def test_check_on_a_valid_copy(valid_copy: Path) -> None:
    result = ckg("load", "--check", "--seeds", str(valid_copy))
    assert result.returncode == 0, result.stderr
    data = load_seeds(valid_copy)
    _assert_text_summary(result, data)
    # the structure file alone: the plan, ten actions, columns 3 to 10, the two goals
    labels = Counter(n.label for n in data.nodes)
    assert labels["Action"] == 10 and labels["Column"] == 8 and labels["Plan"] == 1
    assert re.search(r"^Action\s+10$", result.stdout, re.M)
    assert re.search(r"^Column\s+8$", result.stdout, re.M)
    # text elements no node claims yet are listed after the counts
    assert "not yet covered by a node" in result.stdout
    assert "item.5.7" in result.stdout


def test_check_json_on_a_valid_copy(valid_copy: Path) -> None:
    result = ckg("load", "--check", "--json", "--seeds", str(valid_copy))
    _assert_json_summary(result, valid_copy)
    summary = json.loads(result.stdout)
    assert summary["labels"]["Action"] == 10
    assert summary["relationship_types"]["PART_OF"] == 18  # 10 actions + 8 columns
    assert "item.5.7" in summary["uncovered_text_elements"]


def test_seeds_from_the_environment(valid_copy: Path) -> None:
    result = ckg("load", "--check", "--json", env={"CKG_SEEDS": str(valid_copy)})
    _assert_json_summary(result, valid_copy)


# --- a broken copy -------------------------------------------------------------------------------


def _assert_broken(result: subprocess.CompletedProcess[str], seeds: Path) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    expected = f"seeds/{BROKEN}:{BROKEN_LINE}: tech.zz_broken: missing required property: name_en"
    assert expected in result.stderr.splitlines(), result.stderr
    errors = check_seeds(seeds).errors
    assert f"{len(errors)} error(s); nothing loaded" in result.stderr
    assert [line for line in result.stderr.splitlines() if not line.endswith("nothing loaded")] == [
        str(e) for e in errors
    ]
    # no counts: nothing was loaded
    assert result.stdout == ""
    assert "seeds OK" not in result.stderr


def test_check_on_a_broken_copy(broken_copy: Path) -> None:
    _assert_broken(ckg("load", "--check", "--seeds", str(broken_copy)), broken_copy)


def test_check_json_on_a_broken_copy(broken_copy: Path) -> None:
    _assert_broken(ckg("load", "--check", "--json", "--seeds", str(broken_copy)), broken_copy)


def test_broken_copy_from_the_environment(broken_copy: Path) -> None:
    _assert_broken(ckg("load", "--check", env={"CKG_SEEDS": str(broken_copy)}), broken_copy)


def test_missing_plan_text(tmp_path: Path) -> None:
    seeds = tmp_path / "no-plan"
    seeds.mkdir()
    shutil.copy(SEEDS / "00-structure.yaml", seeds / "00-structure.yaml")
    result = ckg("load", "--check", "--seeds", str(seeds))
    assert result.returncode == 1
    assert "the plan text is missing" in result.stderr
    assert PLAN_FILE in result.stderr
    assert result.stdout == ""
