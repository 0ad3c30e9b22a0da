"""copy-project keeps its promises: the source is only read, a refused target keeps every
byte, and an interrupted copy leaves nothing that looks like a project."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.backup import take_backup
from storage.copy_project import COPYING_SUFFIX, copy_project
from storage.database import DatabaseError
from storage.project import open_project
from tests.factories import ROOT, add_documents, file_digests, run


def make_project(path: Path, documents: int = 5) -> None:
    with open_project(path) as project:
        add_documents(
            project, [f"Dokument {i}: Die NATO warnt Russland." for i in range(documents)]
        )


def journal_mode(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()


def test_a_newer_source_is_refused_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "src" / "new.sqlite"
    source.parent.mkdir()
    make_project(source)
    connection = sqlite3.connect(source)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = file_digests(source.parent)
    with pytest.raises(DatabaseError, match="newer version"):
        copy_project(source, tmp_path / "t.sqlite")
    assert file_digests(source.parent) == before
    assert not (tmp_path / "t.sqlite").exists()


def test_a_source_in_rollback_journal_mode_stays_in_it(tmp_path: Path) -> None:
    make_project(tmp_path / "p.sqlite")
    backup = take_backup(tmp_path / "p.sqlite", "open")
    before = file_digests(backup.parent)
    report = copy_project(backup, tmp_path / "t.sqlite")
    assert report.rows["documents"] == 5
    assert file_digests(backup.parent) == before
    assert journal_mode(backup) == "delete"


@pytest.mark.parametrize("kind", ["holds data", "foreign tables", "newer schema"])
def test_a_refused_target_keeps_every_byte(tmp_path: Path, kind: str) -> None:
    make_project(tmp_path / "p.sqlite")
    target_folder = tmp_path / "target"
    target_folder.mkdir()
    target = target_folder / "t.sqlite"
    if kind == "holds data":
        make_project(target, documents=1)
        connection = sqlite3.connect(target)
        connection.execute("PRAGMA journal_mode = DELETE")  # so WAL would be a change
        connection.close()
    elif kind == "foreign tables":
        connection = sqlite3.connect(target)
        connection.execute("CREATE TABLE notes (x)")
        connection.commit()
        connection.close()
    else:
        with open_project(target):
            pass
        connection = sqlite3.connect(target)
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.close()
    before = file_digests(target_folder)
    with pytest.raises(DatabaseError):
        copy_project(tmp_path / "p.sqlite", target)
    assert file_digests(target_folder) == before


def test_the_target_may_not_be_a_file_of_the_source(tmp_path: Path) -> None:
    source = tmp_path / "p.sqlite"
    make_project(source)
    take_backup(source, "open")
    before = file_digests(tmp_path)
    for target in (Path(f"{source}-wal"), tmp_path / "p.sqlite.backups" / "x.sqlite"):
        with pytest.raises(DatabaseError, match="choose another file name"):
            copy_project(source, target)
    link = tmp_path / "link.sqlite"
    link.symlink_to(source)
    with pytest.raises(DatabaseError, match=r"same database|the project itself"):
        copy_project(source, link)
    link.unlink()
    assert file_digests(tmp_path) == before


CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
from storage.copy_project import copy_project

def progress(table, done, total):
    if table == "documents" and done:
        open({ready!r}, "w").close()
        time.sleep(600)  # killed here, mid-copy

copy_project({source!r}, {target!r}, progress=progress, batch_rows=10)
"""


def kill_when_ready(child: subprocess.Popen, ready: Path) -> None:
    """SIGKILL ``child`` once it has created ``ready`` (in the middle of its copy)."""
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None, "the copy ended before it was killed"
            assert time.monotonic() < deadline, "the copy never started"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()


def test_a_copy_killed_half_way_leaves_no_project_and_can_be_redone(capsys, tmp_path: Path) -> None:
    source = tmp_path / "p.sqlite"
    make_project(source, documents=50)
    target = tmp_path / "t.sqlite"
    ready = tmp_path / "ready"
    code = CHILD.format(root=str(ROOT), ready=str(ready), source=str(source), target=str(target))
    kill_when_ready(subprocess.Popen([sys.executable, "-c", code]), ready)
    # Recognisable: the half copy has its own name; the target does not exist.
    assert Path(f"{target}{COPYING_SUFFIX}").exists()
    assert not target.exists()
    code, out, err = run(capsys, "stats", "--project", str(target))
    assert code == 1 and "does not exist" in err
    assert not target.exists()
    # Redone: the leftover is replaced by a whole copy.
    code, out, err = run(capsys, "copy-project", "--from", str(source), "--to", str(target))
    assert code == 0, err
    assert not Path(f"{target}{COPYING_SUFFIX}").exists()
    code, out, _ = run(capsys, "stats", "--project", str(target))
    assert code == 0 and "documents: 50" in out


def test_a_copy_to_a_server_killed_half_way_leaves_it_empty(
    capsys, tmp_path: Path, postgres_url: str
) -> None:
    """Schema and rows go in one transaction: the server rolls all of it back."""
    from sqlalchemy import create_engine, inspect

    source = tmp_path / "p.sqlite"
    make_project(source, documents=50)
    ready = tmp_path / "ready"
    code = CHILD.format(root=str(ROOT), ready=str(ready), source=str(source), target=postgres_url)
    kill_when_ready(subprocess.Popen([sys.executable, "-c", code]), ready)
    engine = create_engine(postgres_url)
    deadline = time.monotonic() + 30
    try:
        while True:  # the server notices the dead client and rolls back
            with engine.connect() as connection:
                tables = inspect(connection).get_table_names()
            if not tables or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    finally:
        engine.dispose()
    assert tables == []
    code, _, err = run(capsys, "stats", "--project", postgres_url)
    assert code == 1 and "empty, not a Standpunkt project" in err
    code, _, err = run(capsys, "copy-project", "--from", str(source), "--to", postgres_url)
    assert code == 0, err
    code, out, _ = run(capsys, "stats", "--project", postgres_url)
    assert code == 0 and "documents: 50" in out


def test_two_copies_into_one_target_never_meet(capsys, tmp_path: Path) -> None:
    source = tmp_path / "p.sqlite"
    make_project(source, documents=50)
    target = tmp_path / "t.sqlite"
    ready = tmp_path / "ready"
    code = CHILD.format(root=str(ROOT), ready=str(ready), source=str(source), target=str(target))
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        code, _, err = run(capsys, "copy-project", "--from", str(source), "--to", str(target))
        assert code == 1 and "another copy into" in err and "is running" in err
        assert Path(f"{target}{COPYING_SUFFIX}").exists()  # the running copy's work stays
    finally:
        child.kill()
        child.wait()
    code, _, err = run(capsys, "copy-project", "--from", str(source), "--to", str(target))
    assert code == 0, err


def test_a_target_that_cannot_be_written_is_one_line(capsys, tmp_path: Path) -> None:
    source = tmp_path / "p.sqlite"
    make_project(source)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, out, err = run(
        capsys, "copy-project", "--from", str(source), "--to", str(blocker / "t.sqlite")
    )
    assert code == 1 and out == ""
    assert err.startswith("error: cannot write ") and err.count("\n") == 1
