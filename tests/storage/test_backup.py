"""Rotating backups on open, consistent with a live WAL database, and restorable."""

from __future__ import annotations

import sqlite3

from storage.backup import list_backups, restore_backup, take_backup
from storage.documents import count_documents
from storage.project import BACKUPS_ON_OPEN, open_project
from tests.factories import add_documents


def _count(file) -> int:
    connection = sqlite3.connect(file)
    try:
        return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        connection.close()


def test_each_open_takes_a_backup_and_old_ones_rotate_out(project_file):
    open_project(project_file).close()
    for _ in range(BACKUPS_ON_OPEN + 3):
        open_project(project_file).close()
    backups = list_backups(project_file, "open")
    assert len(backups) == BACKUPS_ON_OPEN
    for backup in backups:
        connection = sqlite3.connect(backup)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()


def test_backup_of_a_live_database_holds_committed_work(project):
    # The project is open and its last commits may sit in the -wal file only.
    add_documents(project, ["Erstes Dokument.", "Zweites Dokument."])
    backup = take_backup(project.location.file, "manual")
    assert _count(backup) == 2
    assert not backup.with_name(backup.name + "-wal").exists()


def test_a_backup_restores_the_project(project_file):
    with open_project(project_file) as project:
        add_documents(project, ["Vor der Sicherung."])
        backup = take_backup(project_file, "manual")
        add_documents(project, ["Nach der Sicherung."])
    restore_backup(backup, project_file)
    with open_project(project_file) as project, project.db.read() as session:
        assert count_documents(session, project.project_id) == 1
    # The state before the restore was kept too.
    assert _count(list_backups(project_file, "before-restore")[-1]) == 2
