"""Commands that only read change nothing: not the file's bytes or journal mode, no project
created in an empty or half-copied database, no upgrade, no -wal/-shm files left behind."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storage.sqlite_files as sqlite_files
from storage.backup import take_backup
from storage.database import ReadOnlyDatabaseError
from storage.migrate import head_version
from storage.project import open_project
from tests.factories import ROOT, add_documents, file_digests, run
from tests.older_schema import undo_0007, undo_0008

READ_ONLY_COMMANDS = (
    ("stats",),
    ("stats", "--json"),
    ("models",),
    ("targets",),
    ("targets", "--propose"),
    ("evaluate-stance",),
    ("agreement",),
)


def make_project(path: Path) -> None:
    with open_project(path) as project:
        add_documents(project, ["Die NATO warnt Russland.", "Kiew meldet neue Angriffe."])


def journal_mode(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()


@pytest.mark.parametrize("argv", READ_ONLY_COMMANDS, ids=" ".join)
def test_a_reading_command_leaves_the_folder_byte_for_byte(capsys, tmp_path, argv) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    before = file_digests(tmp_path)
    run(capsys, argv[0], "--project", str(project), *argv[1:])
    assert file_digests(tmp_path) == before  # no -wal, -shm or backups either


def test_export_reads_a_backup_without_switching_it_to_wal(capsys, tmp_path) -> None:
    """A backup (rollback-journal mode) opened by a reading command stays as it is."""
    project = tmp_path / "p.sqlite"
    make_project(project)
    backup = take_backup(project, "open")
    assert journal_mode(backup) == "delete"
    before = file_digests(backup.parent)
    out = tmp_path / "x.jsonl"
    code, _, err = run(
        capsys, "export", "--project", str(backup), "--format", "jsonl", "--out", str(out)
    )
    assert code == 0, err
    assert file_digests(backup.parent) == before
    assert journal_mode(backup) == "delete"


def test_reading_while_the_app_writes_keeps_its_log(tmp_path) -> None:
    """The tidying after a read never removes a -wal another connection still uses."""
    project = tmp_path / "p.sqlite"
    make_project(project)
    with open_project(project) as app:
        add_documents(app, ["Ein drittes Dokument."])
        with open_project(project, read_only=True) as reader, reader.db.read() as session:
            count = session.connection().exec_driver_sql("SELECT count(*) FROM documents")
            assert count.scalar() == 3
        assert Path(f"{project}-wal").exists()
        add_documents(app, ["Ein viertes Dokument."])  # the app goes on writing
    with open_project(project, read_only=True) as reader, reader.db.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM documents").scalar() == 4
    assert not Path(f"{project}-wal").exists() and not Path(f"{project}-shm").exists()


def test_a_reader_cannot_write(tmp_path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    with open_project(project, read_only=True) as reader:
        with pytest.raises(ReadOnlyDatabaseError):
            reader.db.write().__enter__()
        refused = pytest.raises(Exception, match=r"readonly|read-only|query_only")
        with refused, reader.db.read() as session:
            session.connection().exec_driver_sql("DELETE FROM documents")


def test_a_file_nobody_may_write_is_read_without_side_files(tmp_path, monkeypatch) -> None:
    """Where the file or its folder cannot be written, it is opened immutable: no -wal/-shm
    (which SQLite could not create in a read-only folder, and which would carry a read-only
    file's permissions and block it once it is writable again)."""
    project = tmp_path / "p.sqlite"
    make_project(project)
    monkeypatch.setattr(sqlite_files, "_writable", lambda _file: False)
    with open_project(project, read_only=True) as reader, reader.db.read() as session:
        assert "immutable=1" in sqlite_files.ReadOnlyAccess.for_file(project).uri
        assert session.connection().exec_driver_sql("SELECT count(*) FROM documents").scalar() == 2
        assert not Path(f"{project}-shm").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.sqlite"]


def _run_without_write_permission(folder: Path, *argv: str) -> subprocess.CompletedProcess:
    """Run the command line bound by file permissions: as ourselves, or as root without
    the capabilities that let root write and read anything (setpriv, from util-linux)."""
    command = [sys.executable, str(ROOT / "main.py"), *argv]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test read-only files as root"
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder)


def test_stats_in_a_read_only_folder_and_on_a_read_only_file(tmp_path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    project = folder / "p.sqlite"
    make_project(project)
    project.chmod(0o444)
    try:
        result = _run_without_write_permission(folder, "stats", "--project", str(project))
        assert result.returncode == 0, result.stderr
        assert "documents: 2" in result.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["p.sqlite"]
        project.chmod(0o644)
        folder.chmod(0o555)
        result = _run_without_write_permission(folder, "stats", "--project", str(project))
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["p.sqlite"]
    finally:
        folder.chmod(0o755)
        project.chmod(0o644)
    with open_project(project) as writer:  # writable again: nothing left blocks it
        add_documents(writer, ["Noch ein Dokument."])


def test_a_half_copied_database_is_not_turned_into_a_project(capsys, tmp_path) -> None:
    """The schema and no rows (an interrupted copy of an older version): reading commands
    say what it is and change nothing; copy-project into it works."""
    target = tmp_path / "t.sqlite"
    make_project(tmp_path / "p.sqlite")
    with open_project(target):
        pass
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA foreign_keys = OFF")
    for (table,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'documents_fts%' AND name <> 'alembic_version'"
    ).fetchall():
        connection.execute(f'DELETE FROM "{table}"')
    connection.commit()
    connection.close()
    before = file_digests(tmp_path)
    for argv in (("stats",), ("stats", "--json"), ("models",), ("suggest", "--stance-only")):
        code, _, err = run(capsys, argv[0], "--project", str(target), *argv[1:])
        assert code == 1 and "holds the tables of a project but no project" in err
    assert file_digests(tmp_path) == before
    code, _, err = run(
        capsys, "copy-project", "--from", str(tmp_path / "p.sqlite"), "--to", str(target)
    )
    assert code == 0, err


def test_a_missing_project_is_not_created_by_reading(capsys, tmp_path) -> None:
    for argv in READ_ONLY_COMMANDS:
        code, _, err = run(capsys, argv[0], "--project", str(tmp_path / "no.sqlite"), *argv[1:])
        assert code == 1 and "does not exist" in err
    assert list(tmp_path.iterdir()) == []


def test_reading_does_not_upgrade_an_older_project_but_upgrade_does(capsys, tmp_path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    connection = sqlite3.connect(project)
    connection.execute("DROP TABLE assignments")  # what 0005 added
    connection.execute("DROP TABLE document_flags")  # what 0006 added
    undo_0008(connection)
    undo_0007(connection)
    connection.execute("UPDATE alembic_version SET version_num = '0004'")
    connection.commit()
    connection.close()
    before = file_digests(tmp_path)
    code, _, err = run(capsys, "stats", "--project", str(project))
    assert code == 1 and "older version of Standpunkt (schema 0004)" in err
    assert f"python main.py upgrade --project {project}" in err
    assert file_digests(tmp_path) == before
    code, out, err = run(capsys, "upgrade", "--project", str(project))
    assert code == 0, err
    assert f"from schema 0004 to {head_version()}" in out
    code, out, _ = run(capsys, "upgrade", "--project", str(project))
    assert code == 0 and "at the newest schema" in out
    assert run(capsys, "stats", "--project", str(project))[0] == 0


OVERLAPPING_READER = """
import os, sys, time
sys.path.insert(0, {root!r})
from storage.project import open_project

with open_project({project!r}, read_only=True) as reader, reader.db.read() as session:
    session.connection().exec_driver_sql("SELECT count(*) FROM documents").scalar()
    open({ready!r}, "w").close()
    while not os.path.exists({until!r}):  # both are reading before either ends
        time.sleep(0.05)
"""


def test_overlapping_readers_leave_nothing_behind(tmp_path) -> None:
    """The first reader to finish cannot tidy up while the second reads; the second must."""
    project = tmp_path / "p.sqlite"
    make_project(project)
    first, second, go = tmp_path / "first", tmp_path / "second", tmp_path / "go"
    readers = []
    for ready, until in ((first, second), (second, go)):
        code = OVERLAPPING_READER.format(
            root=str(ROOT), project=str(project), ready=str(ready), until=str(until)
        )
        readers.append(subprocess.Popen([sys.executable, "-c", code]))
        while not ready.exists():
            assert readers[-1].poll() is None
            time.sleep(0.05)
    assert readers[0].wait(timeout=60) == 0  # the first ends while the second reads
    assert Path(f"{project}-shm").exists()
    go.touch()
    assert readers[1].wait(timeout=60) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "go", "p.sqlite", "second"]
