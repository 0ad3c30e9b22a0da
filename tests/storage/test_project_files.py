"""Which paths belong to a project: the file, its SQLite side files and its backups, by
any name that reaches them (links, "..", and case where the file system ignores it)."""

from __future__ import annotations

from pathlib import Path

import pytest

import storage.project_files as project_files
from storage.project_files import ProjectFileError, project_file_role, refuse_project_file


@pytest.fixture
def project(tmp_path: Path) -> Path:
    file = tmp_path / "p.sqlite"
    file.write_bytes(b"")
    (tmp_path / "p.sqlite.backups").mkdir()
    return file


def test_every_file_of_the_project_has_a_role(project: Path) -> None:
    folder = project.parent
    (folder / "link.xlsx").symlink_to(project)
    (folder / "dangling").symlink_to(folder / "p.sqlite-wal")  # to a file not there yet
    assert project_file_role(project, folder / "link.xlsx") == "the project itself"
    assert project_file_role(project, folder / "sub" / ".." / "p.sqlite") == "the project itself"
    assert "write-ahead log" in project_file_role(project, folder / "dangling")
    assert "shared-memory" in project_file_role(project, folder / "p.sqlite-shm")
    assert "rollback journal" in project_file_role(project, folder / "p.sqlite-journal")
    backup = folder / "p.sqlite.backups" / "p-1-open.sqlite"
    assert project_file_role(project, backup) == "one of the project's backups"
    assert project_file_role(project, backup.parent) == "the project's backup folder"
    assert project_file_role(project, folder / "p.sqlite.xlsx") is None
    assert project_file_role(project, folder / "p.sqlite.backups-old" / "x") is None


def test_where_case_does_not_matter_neither_does_it_here(project: Path, monkeypatch) -> None:
    """On macOS and Windows P.SQLITE-WAL is the project's log; writing it loses work."""
    assert project_file_role(project, project.parent / "P.SQLITE-WAL") is None  # ext4 etc.
    monkeypatch.setattr(project_files, "_ignores_case", lambda _file: True)
    assert "write-ahead log" in project_file_role(project, project.parent / "P.SQLITE-WAL")
    assert project_file_role(project, project.parent / "P.Sqlite") == "the project itself"
    backup = project.parent / "P.SQLITE.BACKUPS" / "x.sqlite"
    assert project_file_role(project, backup) == "one of the project's backups"


def test_the_refusal_names_the_path_and_what_it_is(project: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"the export .*p\.sqlite-wal is the project's"):
        refuse_project_file(project, project.parent / "p.sqlite-wal", "export")
    refuse_project_file(None, project, "export")  # a project on a server has no files
