"""``ckg query`` and ``ckg show`` as a user runs them: tables by default, the API's JSON with --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.served import REPO, ckg


def test_search_prints_a_table_or_the_api_json() -> None:
    table = ckg("query", "search", "绿氢", "--limit", "3")
    assert table.returncode == 0 and table.stdout.splitlines()[2].split()[1] == "tech.green_hydrogen"
    found = json.loads(ckg("query", "search", "绿氢", "--json").stdout)
    assert found["items"][0]["node"]["id"] == "tech.green_hydrogen"


def test_path_prints_each_shortest_path_with_its_directions() -> None:
    result = ckg("query", "path", "tech.hydrogen_metallurgy", "sector.steel")
    assert result.returncode == 0
    assert "tech.hydrogen_metallurgy-[:APPLIES_TO]->sector.steel" in result.stdout
    backwards = ckg("query", "path", "sector.steel", "tech.hydrogen_metallurgy", "--json")
    path = json.loads(backwards.stdout)["paths"][0]
    assert [n["id"] for n in path["nodes"]] == ["sector.steel", "tech.hydrogen_metallurgy"]


def test_deps_upstream_and_downstream() -> None:
    up = json.loads(ckg("query", "deps", "tech.pedf", "--json").stdout)
    assert "tech.energy_storage" in {i["node"]["id"] for i in up["items"]}
    down = ckg("query", "deps", "tech.green_hydrogen", "--downstream")
    assert down.returncode == 0 and "tech.hydrogen_metallurgy" in down.stdout


def test_an_unknown_id_is_one_line_and_exit_2() -> None:
    result = ckg("show", "tech.nope")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["ckg: id: no node with id 'tech.nope'"]


def test_deps_come_a_page_at_a_time() -> None:
    page = json.loads(
        ckg(
            "query", "deps", "tech.green_hydrogen", "--downstream", "--limit", "2", "--offset", "1", "--json"
        ).stdout
    )
    assert (len(page["items"]), page["limit"], page["offset"]) == (2, 2, 1) and page["total"] > 3
    table = ckg("query", "deps", "tech.green_hydrogen", "--downstream", "--limit", "2", "--offset", "1")
    assert f"(2–3 of {page['total']})" in table.stdout


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    """``ckg … | head``: the reader is gone before ckg writes, as ``true`` leaves at once."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    result = subprocess.run(
        f"{sys.executable} -m cli impact tech.green_hydrogen | true; echo $" + "{PIPESTATUS[0]}",
        shell=True,
        executable="/bin/bash",
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stderr == ""
    assert result.stdout.strip() == "141"


def test_ctrl_c_ends_a_load_with_one_line() -> None:
    """A real SIGINT, sent by the process to itself once the load is under way."""
    script = (
        "import os, signal, threading, sys\n"
        "from cli.main import main\n"
        "threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT)).start()\n"
        "sys.exit(main(['load', '--check']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (130, "ckg: interrupted\n")
