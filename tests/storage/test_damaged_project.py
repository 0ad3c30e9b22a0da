"""A damaged project file: refused with the newest good backup named, never backed up in
place of a good backup, and restorable."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storage.backup import (
    DamagedCopyError,
    ProjectInUseError,
    copy_database,
    list_backups,
    newest_good_backup,
    restore_backup,
    take_backup,
)
from storage.backup_listing import BackupChoiceError, backup_states, choose_backup
from storage.integrity import sqlite_problem
from storage.project import BACKUPS_ON_OPEN, open_project
from storage.project_check import DamagedProjectError
from tests.factories import add_documents, damage_documents_page, run

ARTICLE = "Die NATO warnt Russland vor einer Eskalation in der Ostsee. " * 40


def make_project(path: Path, documents: int = 60) -> None:
    with open_project(path) as project:
        add_documents(project, [f"{i}: {ARTICLE}" for i in range(documents)])


def damage_an_index_entry(path: Path) -> None:
    """One key of the documents' text-hash index changed, its order kept: every page still
    reads well (``quick_check`` passes) and only the index no longer matches its table."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        [(root,)] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_documents_2'"
        ).fetchall()
        key = sorted(row[0] for row in connection.execute("SELECT sha256 FROM documents"))[1]
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    at = data.index(key.encode(), (root - 1) * page_size) + len(key) - 1
    data[at] = ord("e" if key[-1] == "f" else "0123456789abcdef"[int(key[-1], 16) + 1])
    path.write_bytes(bytes(data))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_damaged_project_never_rotates_out_a_good_backup(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    for _ in range(BACKUPS_ON_OPEN):
        open_project(project).close()
    good = list_backups(project)
    assert len(good) == BACKUPS_ON_OPEN
    damage_documents_page(project)
    damaged = digest(project)
    for _ in range(BACKUPS_ON_OPEN + 1):
        with pytest.raises(DamagedProjectError) as refused:
            open_project(project, create=False)
        assert refused.value.backup == good[-1]  # the newest good one is named
    assert list_backups(project) == good  # nothing rotated, nothing added
    assert all(sqlite_problem(backup, "full") is None for backup in good)
    assert digest(project) == damaged  # refused means untouched
    assert not list(project.parent.glob("p.sqlite-*"))  # no -wal/-shm left either


def test_damage_only_the_full_check_finds_never_costs_a_good_backup(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, documents=20)
    for _ in range(BACKUPS_ON_OPEN):
        open_project(project).close()
    good = list_backups(project)
    damage_an_index_entry(project)
    assert sqlite_problem(project, "quick") is None
    assert "missing from index" in sqlite_problem(project, "full")
    for _ in range(BACKUPS_ON_OPEN + 1):
        with pytest.raises(DamagedProjectError, match="missing from index"):
            open_project(project, create=False)
    assert list_backups(project) == good
    assert choose_backup(project) == good[-1]


def test_the_refusal_says_which_backup_and_how_to_restore(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    open_project(project).close()
    damage_documents_page(project)
    with pytest.raises(DamagedProjectError) as refused:
        open_project(project, read_only=True)
    message = str(refused.value)
    assert f"{project} is damaged" in message
    assert str(newest_good_backup(project)) in message
    assert f"python main.py restore --project {project}" in message


def test_a_damaged_project_without_backups_says_so(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    damage_documents_page(project)
    with pytest.raises(DamagedProjectError, match="No good backup was found"):
        open_project(project, create=False)
    assert list_backups(project) == []


def test_a_backup_of_a_damaged_file_is_thrown_away(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    kept = take_backup(project, "open")
    damage_documents_page(project)
    with pytest.raises(DamagedCopyError, match="is damaged"):
        take_backup(project, "open", keep=1)
    assert list_backups(project) == [kept]  # keep=1 pruned nothing: the new one failed
    assert not list(kept.parent.glob("*.partial"))
    with pytest.raises(DamagedCopyError):
        copy_database(project, tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


def test_commands_on_a_damaged_project_end_in_one_line(capsys, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    open_project(project).close()
    damage_documents_page(project)
    for argv in (
        ("stats", "--project", str(project)),
        ("stats", "--project", str(project), "--json"),
        ("export", "--project", str(project), "--format", "jsonl", "--out", str(tmp_path / "x")),
        ("suggest", "--project", str(project), "--entities-only"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith(f"error: {project} is damaged")
        assert "Traceback" not in err and "restore --project" in err


def test_restore_takes_the_newest_good_backup_and_keeps_the_damaged_file(
    capsys, tmp_path: Path
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project)
    open_project(project).close()
    expected = digest(list_backups(project)[-1])
    damage_documents_page(project)
    damaged = digest(project)

    code, out, _ = run(capsys, "restore", "--project", str(project), "--list")
    assert code == 0 and out.count("\n") == 1 and " ok " in out

    code, out, err = run(capsys, "restore", "--project", str(project))
    assert code == 0, err
    assert f"restored {project} from " in out
    kept = next(b for b in list_backups(project) if b.name.endswith("-before-restore.sqlite"))
    assert digest(kept) == damaged  # the damaged file, byte for byte, for whoever looks
    assert sqlite_problem(project, "full") is None
    code, out, _ = run(capsys, "stats", "--project", str(project), "--json")
    assert code == 0 and '"documents": 60' in out

    # The damaged file shows as damaged, and is never the one chosen.
    states = backup_states(project)
    assert [s.good for s in states] == [False, True]
    assert digest(choose_backup(project)) == expected
    code, out, _ = run(capsys, "restore", "--project", str(project), "--list")
    assert out.splitlines()[0].startswith(states[0].line()[:19]) and "DAMAGED" in out


WRITER_KILLED_AFTER_COMMIT = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("UPDATE documents SET title = 'changed later'")
connection.commit()
os._exit(0)  # no close, no checkpoint: the committed change stays in the -wal
"""


def test_restore_leaves_no_stale_write_ahead_log_behind(tmp_path: Path) -> None:
    """A -wal of the replaced file beside the restored one would be replayed into it."""
    project = tmp_path / "p.sqlite"
    make_project(project, documents=3)
    backup = take_backup(project, "open")
    subprocess.run([sys.executable, "-c", WRITER_KILLED_AFTER_COMMIT, str(project)], check=True)
    assert Path(f"{project}-wal").stat().st_size > 0
    report = restore_backup(backup, project)
    assert not Path(f"{project}-wal").exists()
    with open_project(project, read_only=True) as opened, opened.db.read() as session:
        titles = session.connection().exec_driver_sql("SELECT title FROM documents").all()
    assert ("changed later",) not in titles
    # The replaced file kept the change (its log, or folded into it by the in-use check).
    assert report.replaced is not None
    kept = sqlite3.connect(report.replaced)
    assert ("changed later",) in kept.execute("SELECT title FROM documents").fetchall()
    kept.close()


def test_restore_refuses_while_the_project_is_open(capsys, tmp_path: Path) -> None:
    """Writes into a file moved aside would be lost: restore waits until it is closed."""
    project = tmp_path / "p.sqlite"
    make_project(project, documents=3)
    take_backup(project, "open")
    with open_project(project) as app:  # the app, idle, has it open
        before = digest(project)
        code, out, err = run(capsys, "restore", "--project", str(project))
        assert code == 1 and out == ""
        assert "is open in another program" in err and err.count("\n") == 1
        assert digest(project) == before
        with pytest.raises(ProjectInUseError):
            restore_backup(list_backups(project)[-1], project)
        add_documents(app, ["Noch ein Dokument."])  # and it goes on working
    assert run(capsys, "restore", "--project", str(project))[0] == 0


def test_restore_refuses_a_damaged_or_foreign_backup(capsys, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, documents=3)
    other = tmp_path / "other.sqlite"
    make_project(other, documents=3)
    damage_documents_page(other)
    before = digest(project)
    code, _, err = run(capsys, "restore", "--project", str(project), "--backup", str(other))
    assert code == 1 and "is damaged" in err and err.count("\n") == 1
    code, _, err = run(capsys, "restore", "--project", str(project), "--backup", str(project))
    assert code == 1 and "is the project itself" in err
    not_ours = tmp_path / "notes.sqlite"
    sqlite3.connect(not_ours).execute("CREATE TABLE notes (x)").connection.close()
    code, _, err = run(capsys, "restore", "--project", str(project), "--backup", str(not_ours))
    assert code == 1 and "is not a backup of a Standpunkt project" in err
    code, _, err = run(capsys, "restore", "--project", str(project))
    assert code == 1 and "there are no backups" in err
    assert digest(project) == before
    with pytest.raises(BackupChoiceError):
        choose_backup(project)


def test_a_damaged_project_is_checked_before_it_is_upgraded(tmp_path: Path) -> None:
    """An older schema in a damaged file: refused before the migration touches it."""
    project = tmp_path / "p.sqlite"
    make_project(project, documents=30)
    connection = sqlite3.connect(project)
    connection.execute("UPDATE alembic_version SET version_num = '0004'")
    connection.commit()
    connection.close()
    damage_documents_page(project)
    before = digest(project)
    with pytest.raises(DamagedProjectError):
        open_project(project, create=False)
    assert digest(project) == before
    assert list_backups(project) == []


def _failing_stats(error: Exception):  # type: ignore[no-untyped-def]
    def project_stats(*_args: object) -> None:
        raise error

    return project_stats


def test_damage_found_during_a_command_is_one_line_too(capsys, tmp_path, monkeypatch) -> None:
    """Damage the check on open cannot see (or that happens later) surfaces mid-command."""
    from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
    from sqlalchemy.exc import IntegrityError

    import services.reports  # where `stats` looks up the counting it makes fail

    project = tmp_path / "p.sqlite"
    make_project(project, documents=3)
    open_project(project).close()
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorname = "SQLITE_CORRUPT"
    wrapped = SQLAlchemyDatabaseError("SELECT …", {}, corrupt)
    monkeypatch.setattr(services.reports, "project_stats", _failing_stats(wrapped))
    code, out, err = run(capsys, "stats", "--project", str(project))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"{project} is damaged (database disk image is malformed)" in err
    assert str(list_backups(project)[-1]) in err

    io_error = sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(services.reports, "project_stats", _failing_stats(io_error))
    code, _, err = run(capsys, "stats", "--project", str(project))
    assert (code, err) == (1, f"error: database error on {project}: disk I/O error\n")

    # A constraint failing is a bug, not the user's: it keeps its traceback.
    bug = IntegrityError("INSERT …", {}, sqlite3.IntegrityError("CHECK constraint failed"))
    monkeypatch.setattr(services.reports, "project_stats", _failing_stats(bug))
    with pytest.raises(IntegrityError):
        run(capsys, "stats", "--project", str(project))
