"""Entries of a folder that cannot be read are named, never opened (issue 14, point 10)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from storage.importing.readers import read_paths
from storage.importing.records import ImportedRecord, ImportProblem, ReadOptions

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pipes and sockets as on POSIX")


def read(*paths: Path) -> list[ImportedRecord | ImportProblem]:
    return list(read_paths(list(paths), ReadOptions()))


def test_entries_that_cannot_be_read_are_named(tmp_path, monkeypatch):
    folder = tmp_path / "artikel"
    folder.mkdir()
    (folder / "gut.txt").write_text("Ein Artikel.", encoding="utf-8")
    (folder / "weg.txt").symlink_to(folder / "gibt-es-nicht.txt")
    (folder / "schleife.txt").symlink_to(folder / "schleife.txt")
    (folder / "zurueck").symlink_to(folder, target_is_directory=True)
    (folder / "null.txt").symlink_to(os.devnull)
    os.mkfifo(folder / "rohr.txt")  # opening it would wait for a writer forever
    monkeypatch.chdir(folder)  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    server.bind("dose.txt")
    try:
        items = read(folder)
    finally:
        server.close()
    assert [r.text for r in items if isinstance(r, ImportedRecord)] == ["Ein Artikel."]
    assert [(p.location, p.message, p.severity) for p in items if isinstance(p, ImportProblem)] == [
        (str(folder / "dose.txt"), "skipped: a socket, not a file", "warning"),
        (str(folder / "null.txt"), "skipped: a device, not a file", "warning"),
        (str(folder / "rohr.txt"), "skipped: a named pipe (FIFO), not a file", "warning"),
        (
            str(folder / "schleife.txt"),
            "skipped: a symbolic link that loops (it points to itself, directly or through others)",
            "warning",
        ),
        (
            str(folder / "weg.txt"),
            f"skipped: a symbolic link to something that does not exist: "
            f"{folder / 'gibt-es-nicht.txt'}",
            "warning",
        ),
        (
            str(folder / "zurueck"),
            f"skipped: a link to the folder {folder.resolve()}, which is read already",
            "warning",
        ),
    ]


def test_a_pipe_given_by_name_is_an_error_and_never_opened(tmp_path):
    pipe = tmp_path / "rohr.jsonl"
    os.mkfifo(pipe)
    assert read(pipe) == [
        ImportProblem(str(pipe), "not a regular file or folder: a named pipe (FIFO), not a file")
    ]
