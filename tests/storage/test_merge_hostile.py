"""Bad input to ``merge`` and ``handout``: a clear message naming the file, and nothing of
the project (nor of the file) changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from storage.migrate import upgrade
from tests.factories import run
from tests.team_factories import (
    anna_works,
    ben_works,
    describe,
    hand_out_to_anna_and_ben,
    make_coordinator,
)


@pytest.fixture(scope="module")
def handed_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("team")
    coordinator = folder / "coordinator.sqlite"
    ids = make_coordinator(coordinator)
    hand_out_to_anna_and_ben(coordinator, folder / "out")
    anna_works(folder / "out" / "anna.sqlite", ids)
    ben_works(folder / "out" / "ben.sqlite", ids)
    return {"project": coordinator, "anna": folder / "out" / "anna.sqlite"}


@pytest.fixture
def project(handed_out: dict[str, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "project" / "p.sqlite"
    copy.parent.mkdir()
    shutil.copy(handed_out["project"], copy)
    return copy


def refused(capsys, project: Path, *sources: Path) -> str:
    before = describe(project)
    digests = {source: source.read_bytes() for source in sources if source.exists()}
    code, out, err = run(capsys, "merge", "--project", str(project), *map(str, sources))
    assert code == 1, out + err
    assert out == ""
    assert describe(project) == before
    for source, digest in digests.items():
        assert source.read_bytes() == digest  # the file was only read
    return err


def test_a_file_that_is_no_database(capsys, project: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Dies ist keine Datenbank, nur Notizen.\n" * 50, encoding="utf-8")
    err = refused(capsys, project, notes)
    assert str(notes) in err and "not a" in err


def test_a_database_of_something_else(capsys, project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    err = refused(capsys, project, other)
    assert "other.sqlite" in err and "not a Standpunkt project" in err


def test_a_project_of_an_older_schema(capsys, project: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        upgrade(connection, "0006")
    engine.dispose()
    err = refused(capsys, project, old)
    assert "old.sqlite has the older schema 0006" in err and "then merge it" in err


def test_a_project_of_a_newer_schema(capsys, project, handed_out, tmp_path) -> None:
    newer = tmp_path / "newer.sqlite"
    shutil.copy(handed_out["anna"], newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    err = refused(capsys, project, newer)
    assert "newer.sqlite was saved by a newer version of Standpunkt (schema 9999)" in err


def test_a_corrupt_file(capsys, project, handed_out, tmp_path) -> None:
    broken = tmp_path / "broken.sqlite"
    data = bytearray(handed_out["anna"].read_bytes())
    for page in range(2, len(data) // 4096):  # every page but the header's: garbage
        data[page * 4096 + 100 : page * 4096 + 400] = b"\xff" * 300
    broken.write_bytes(bytes(data))
    err = refused(capsys, project, broken)
    assert "broken.sqlite" in err


def test_one_bad_file_among_good_ones_merges_none(capsys, project, handed_out, tmp_path) -> None:
    missing = tmp_path / "ben-never-sent.sqlite"
    err = refused(capsys, project, handed_out["anna"], missing)
    assert f"{missing} does not exist" in err


def test_the_project_itself(capsys, project: Path) -> None:
    err = refused(capsys, project, project)
    assert "is the project itself" in err


def test_handout_options_that_make_no_sense(capsys, project: Path, tmp_path: Path) -> None:
    before = describe(project)
    code, _, err = run(
        capsys, "handout", "--project", str(project), "--annotators", "a,b",
        "--out", str(tmp_path / "x"), "--overlap", "2",
    )  # fmt: skip
    assert code == 2 and "--overlap must be a share between 0 and 1" in err
    a_file = tmp_path / "taken"
    a_file.write_text("not a folder")
    code, _, err = run(
        capsys, "handout", "--project", str(project), "--annotators", "a",
        "--out", str(a_file),
    )  # fmt: skip
    assert code == 1 and str(a_file) in err
    assert describe(project) == before
