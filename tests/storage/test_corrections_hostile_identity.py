"""A corrected workbook carries the identity of the project it was exported from: corrections
are not applied to another project unless forced; a workbook without an identity is applied
with a warning; a copy of the project (same identity) takes them; LibreOffice keeps it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, update

from services.exporting import export_project
from storage.copy_project import copy_project
from storage.export.records import ExportOptions
from storage.importing.corrections.workbook import CorrectionsFileError, apply_corrections
from storage.models import Event, Project
from storage.project import OpenProject, open_project
from tests.export_factories import build_project, find_row, rows_digest, set_cells


def corrected_export(project: OpenProject, out: Path) -> Path:
    """The project's export with one label changed (Kyjiw: LOC -> ORG)."""
    export_project(project.db, project.project_id, "xlsx", out, ExportOptions(state="all"))
    book = openpyxl.load_workbook(out)
    entities = book["Entities"]
    set_cells(entities, find_row(entities, text="Kyjiw"), label="ORG")
    book.save(out)
    return out


def events(project: OpenProject) -> int:
    with project.db.read() as session:
        return session.scalar(select(func.count(Event.id)))


@pytest.fixture
def two_projects(tmp_path: Path):
    """Projects "zeitung" and "archiv", built alike (same ids), and zeitung's corrections."""
    with (
        open_project(tmp_path / "zeitung.sqlite") as zeitung,
        open_project(tmp_path / "archiv.sqlite") as archiv,
    ):
        build_project(zeitung)
        build_project(archiv)
        yield zeitung, archiv, corrected_export(zeitung, tmp_path / "zeitung.xlsx")


def test_a_workbook_of_another_project_is_refused_untouched(two_projects):
    _, archiv, path = two_projects
    before = rows_digest(archiv)
    with pytest.raises(CorrectionsFileError) as refused:
        apply_corrections(archiv.db, archiv.project_id, path, "coordinator")
    message = str(refused.value)
    assert "“zeitung”" in message and "“archiv”" in message and "nothing was applied" in message
    assert rows_digest(archiv) == before


def test_forced_it_is_applied_with_a_warning(two_projects):
    _, archiv, path = two_projects
    report = apply_corrections(archiv.db, archiv.project_id, path, "coordinator", force=True)
    assert report.applied == 1 and not report.problems
    [warning] = report.warnings
    assert "“zeitung”" in warning and "“archiv”" in warning
    assert report.lines()[0] == f"warning: {warning}"


def test_its_own_project_and_a_copy_take_it_without_a_warning(two_projects, tmp_path):
    zeitung, _, path = two_projects
    copy_project(tmp_path / "zeitung.sqlite", tmp_path / "kopie.sqlite")
    with open_project(tmp_path / "kopie.sqlite") as kopie:
        report = apply_corrections(kopie.db, kopie.project_id, path, "coordinator")
        assert (report.applied, report.warnings) == (1, [])
    report = apply_corrections(zeitung.db, zeitung.project_id, path, "coordinator")
    assert (report.applied, report.warnings) == (1, [])


def test_a_workbook_without_identity_is_applied_with_a_warning(two_projects):
    zeitung, _, path = two_projects
    book = openpyxl.load_workbook(path)
    book.custom_doc_props.props.clear()  # as an older version exported it, or made by hand
    book.save(path)
    report = apply_corrections(zeitung.db, zeitung.project_id, path, "coordinator")
    assert report.applied == 1
    [warning] = report.warnings
    assert "does not say which project" in warning
    assert report.lines()[0].startswith("warning: zeitung.xlsx does not say")


def test_the_identity_is_stable_read_only_and_a_setting_can_name_it(two_projects, tmp_path):
    from storage.project_identity import project_identity

    zeitung, archiv, _ = two_projects
    before = rows_digest(zeitung)
    with zeitung.db.read() as session:
        first = project_identity(session, zeitung.project_id)
    out = tmp_path / "again.xlsx"
    export_project(zeitung.db, zeitung.project_id, "xlsx", out, ExportOptions())
    assert rows_digest(zeitung) == before  # exporting wrote nothing
    with zeitung.db.read() as session:
        assert project_identity(session, zeitung.project_id) == first
    with archiv.db.read() as session:
        assert project_identity(session, archiv.project_id).uid != first.uid
    with archiv.db.write() as session:
        settings = {**session.get(Project, archiv.project_id).settings, "uid": first.uid}
        session.execute(update(Project).values(settings=settings))
    report = apply_corrections(archiv.db, archiv.project_id, out, "coordinator")
    assert report.warnings == []  # archiv now says it is zeitung


def _office() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(_office() is None, reason="LibreOffice (libreoffice/soffice) is not installed")
def test_the_identity_survives_libreoffice(two_projects, tmp_path):
    zeitung, archiv, path = two_projects
    saved = tmp_path / "saved"
    subprocess.run(
        [_office(), "--headless", "--convert-to", "xlsx", "--outdir", str(saved), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin:/usr/local/bin"},
    )
    resaved = saved / path.name
    count = events(archiv)
    with pytest.raises(CorrectionsFileError, match="“zeitung”"):
        apply_corrections(archiv.db, archiv.project_id, resaved, "coordinator")
    assert events(archiv) == count
    report = apply_corrections(zeitung.db, zeitung.project_id, resaved, "coordinator")
    assert (report.applied, report.warnings, report.problems) == (1, [], [])
