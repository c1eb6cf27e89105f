"""``ckg``'s tables on a real (pseudo-)terminal of a given width and through a pipe: plain text
with no escape codes, every id whole, nothing cut; a terminal's width wraps names, a pipe never."""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import termios

from tests.served import REPO, ckg

COMMAND = ("query", "deps", "tech.pedf", "--max-depth", "1")


def _on_terminal(columns: int, *args: str) -> str:
    """What ``python -m cli ARGS`` shows on a terminal ``columns`` wide (stdin, stdout and stderr)."""
    master, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKG_", "NEO4J_", "COLUMNS", "LINES"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    try:
        while chunk := os.read(master, 65536):
            shown += chunk
    except OSError:  # EIO: the command has closed the terminal
        pass
    finally:
        os.close(master)
    assert process.wait(timeout=300) == 0, shown
    return shown.decode("utf-8").replace("\r\n", "\n")


def _expected() -> list[dict[str, str]]:
    answer = json.loads(ckg(*COMMAND, "--json").stdout)
    assert len(answer["items"]) >= 3
    return [item["node"] for item in answer["items"]]


def test_a_narrow_terminal_wraps_names_but_keeps_every_id_and_word() -> None:
    shown = _on_terminal(40, *COMMAND)
    assert "\x1b" not in shown
    words = shown.split()
    for node in _expected():
        assert node["id"] in words
        assert set(node["name_en"].split()) <= set(words), node["name_en"]
    assert any(line.startswith(" " * 20) for line in shown.splitlines())  # a name went on a line of its own


def test_a_wide_terminal_and_a_pipe_show_each_row_on_one_line() -> None:
    piped = ckg(*COMMAND)
    assert piped.returncode == 0, piped.stderr
    expected = _expected()
    for shown in (_on_terminal(250, *COMMAND), piped.stdout):
        assert "\x1b" not in shown
        for node in expected:
            row = next(line for line in shown.splitlines() if node["id"] in line.split())
            assert node["name_zh"] in row and row.endswith(node["name_en"]), row
