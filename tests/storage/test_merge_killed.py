"""A merge killed (SIGKILL) at a random moment leaves the project as it was, or fully merged:
never half."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.offline_teams import merge_into
from storage.project import open_project
from tests.team_factories import (
    anna_works,
    ben_works,
    describe,
    hand_out_to_anna_and_ben,
    make_coordinator,
)

CHILD = Path(__file__).with_name("merge_child.py")
KILLS = 4


def _merge(project: Path, sources: list[Path], kill_after: float) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(project), *map(str, sources)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    # "merged 1": the first file is in, inside the transaction: kill from here on.
    lines = [child.stdout.readline(), child.stdout.readline()]
    assert lines == ["merged 0\n", "merged 1\n"], "".join(lines) + child.stderr.read()
    time.sleep(kill_after)
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=120)
    return lines + out.splitlines()


@pytest.mark.slow
def test_a_killed_merge_leaves_the_project_as_it_was_or_merged(tmp_path: Path) -> None:
    coordinator = tmp_path / "coordinator.sqlite"
    ids = make_coordinator(coordinator)
    out = tmp_path / "out"
    hand_out_to_anna_and_ben(coordinator, out)
    anna_works(out / "anna.sqlite", ids)
    ben_works(out / "ben.sqlite", ids)
    # ben before anna, so the kill window covers anna's larger file.
    sources = [out / "ben.sqlite", out / "anna.sqlite", out / "ben.sqlite"]
    as_it_was = describe(coordinator)
    reference = tmp_path / "reference.sqlite"
    shutil.copy(coordinator, reference)
    with open_project(reference) as project:  # the whole merge, not killed
        merge_into(project, sources)
    merged = describe(reference)
    assert merged != as_it_was

    rng = random.Random()
    outcomes = []
    for run in range(KILLS):
        project = tmp_path / f"killed-{run}.sqlite"
        shutil.copy(coordinator, project)
        # The first kill comes at once (inside the transaction), the others at random.
        lines = _merge(project, sources, rng.uniform(0.0, 0.15) if run else 0.0)
        connection = sqlite3.connect(project)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
        state = describe(project)
        assert state in (as_it_was, merged), f"half merged after {lines}"
        # What the child said it committed is there.
        assert "committed" not in lines or state == merged
        outcomes.append(state == merged)
    # At least one kill hit the open transaction (the project stayed as it was).
    assert not all(outcomes)
