"""Nothing reported as saved is lost when the process is killed at a random moment."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("durability_child.py")
KILLS = 12


def _run_and_kill(project_file: Path, run: int, rng: random.Random) -> list[str]:
    """Start the child, kill it with SIGKILL at a random moment, return what it reported."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(project_file), str(run)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # wait until it works, so the kill hits real writes
    assert first == "ready\n", first + child.stderr.read()
    time.sleep(rng.uniform(0.0, 0.4))
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    # Only whole lines count: a line cut by the kill was never fully reported.
    return [line for line in out.split("\n")[:-1] if line]


@pytest.mark.slow
def test_killed_writers_lose_nothing_they_reported(tmp_path):
    project_file = tmp_path / "durable.sqlite"
    rng = random.Random()
    reported: list[str] = []
    for run in range(KILLS):
        reported += _run_and_kill(project_file, run, rng)
        connection = sqlite3.connect(project_file)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
    assert sum(line.startswith("document") for line in reported) >= KILLS  # it really worked

    connection = sqlite3.connect(project_file)
    try:
        for line in reported:
            kind, object_id, *rest = line.split()
            if kind == "document":
                length = connection.execute(
                    "SELECT text_length FROM documents WHERE id = ?", (object_id,)
                ).fetchone()
                assert length == (int(rest[0]),), line
            elif kind == "span":
                row = connection.execute(
                    "SELECT document_id FROM entity_spans WHERE id = ?", (object_id,)
                ).fetchone()
                assert row == (int(rest[0]),), line
            else:
                label = connection.execute(
                    "SELECT l.name FROM entity_spans s JOIN entity_labels l ON l.id = s.label_id "
                    "WHERE s.id = ?",
                    (object_id,),
                ).fetchone()
                assert label == ("LOC",), line
    finally:
        connection.close()
