"""Fixtures shared by all tests: projects in a temporary folder, never the user's data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.project import OpenProject, open_project


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No test may read or write the real user's data folder.
    monkeypatch.setenv("STANDPUNKT_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    return tmp_path / "project.sqlite"


@pytest.fixture
def project(project_file: Path) -> Iterator[OpenProject]:
    with open_project(project_file) as opened:
        yield opened


@pytest.fixture
def labelled_project(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """A project of the hand-labelled stance articles, every label accepted by anna (the
    stance training tests, of the model and of the window)."""
    from tests.nlp_factories import labelled_stance_project  # spaCy only where it is needed

    return labelled_stance_project(capsys, tmp_path)


POSTGRES_ENV = "STANDPUNKT_TEST_POSTGRES_URL"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards), on the server
    named by STANDPUNKT_TEST_POSTGRES_URL (``.ci/run`` starts one); skips without it."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"PostgreSQL is not available: {POSTGRES_ENV} is not set")
    try:
        admin = create_engine(server, isolation_level="AUTOCOMMIT", connect_args=_QUICK)
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # no driver, no server, wrong password: all mean "cannot test"
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        pytest.skip(f"PostgreSQL is not available: cannot connect to {server}: {reason}")
    name = f"standpunkt_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            # FORCE: a test that failed may have left a connection open.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_QUICK = {"connect_timeout": 3}  # an absent server must not slow the suite down
