"""`python main.py import --corrections`: the summary, the problems and the exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from storage.models import Annotator, Event
from storage.project import open_project
from tests.export_factories import build_project, export_all, find_row, set_cells
from tests.factories import run


@pytest.fixture
def corrected(tmp_path: Path) -> tuple[str, Path]:
    """A project and its export with one label changed and one row with a bad number."""
    path = tmp_path / "p.sqlite"
    out = tmp_path / "fixed.xlsx"
    with open_project(path) as project:
        build_project(project)
        export_all(project, out)
    book = openpyxl.load_workbook(out)
    entities = book["Entities"]
    set_cells(entities, find_row(entities, text="Kyjiw"), label="ORG")
    set_cells(entities, find_row(entities, text="Berlin"), end="x")
    book.save(out)
    return str(path), out


def actors(project_path: str) -> set[str]:
    with open_project(project_path, backup_on_open=False) as project, project.db.read() as s:
        return set(
            s.scalars(select(Annotator.name).join(Event, Event.annotator_id == Annotator.id))
        )


def test_corrections_print_problems_and_totals(capsys, corrected):
    project, out = corrected
    code, stdout, err = run(capsys, "import", "--project", project, "--corrections", str(out))
    assert code == 0
    assert stdout == f"corrections from {out}: 1 rows applied, 13 unchanged, 1 not applied\n"
    row = find_row(openpyxl.load_workbook(out)["Entities"], text="Berlin")
    assert err.startswith(f"fixed.xlsx, sheet Entities, row {row}: end is not a whole number")
    assert "note: rows deleted in the spreadsheet delete nothing" in err
    assert "corrections" in actors(project)  # the default annotator


def test_named_annotator_and_second_import(capsys, corrected):
    project, out = corrected
    argv = ("import", "--project", project, "--corrections", str(out), "--annotator", "lea")
    assert run(capsys, *argv)[0] == 0
    code, stdout, _ = run(capsys, *argv)
    assert code == 0 and "0 rows applied, 14 unchanged" in stdout
    assert "lea" in actors(project) and "corrections" not in actors(project)


def test_strict_makes_problems_fail(capsys, corrected):
    project, out = corrected
    code, _, err = run(
        capsys, "import", "--project", project, "--corrections", str(out), "--strict"
    )
    assert code == 1 and err.splitlines()[-1] == "error: 1 rows could not be applied (see above)"


def test_unreadable_file_and_missing_project_exit_1(capsys, corrected, tmp_path):
    project, _ = corrected
    bad = tmp_path / "bad.xlsx"
    bad.write_text("no")
    code, _, err = run(capsys, "import", "--project", project, "--corrections", str(bad))
    assert code == 1 and err.startswith(f"error: {bad} is not an Excel workbook")
    missing = tmp_path / "none.sqlite"
    code, _, err = run(capsys, "import", "--project", str(missing), "--corrections", str(bad))
    assert code == 1 and not missing.exists()


def test_usage_errors_exit_2(capsys, corrected, tmp_path):
    project, out = corrected
    base = ("import", "--project", project)
    assert run(capsys, *base)[0] == 2  # neither files nor --corrections
    assert run(capsys, *base, "--corrections", str(out), str(tmp_path))[0] == 2
    assert run(capsys, *base, "--corrections", str(out), "--text-field", "body")[0] == 2
    assert run(capsys, *base, "--corrections", str(out), "--annotator", " ")[0] == 2


def test_a_workbook_of_another_project_needs_force(capsys, corrected, tmp_path):
    project, workbook = corrected
    other = tmp_path / "other.sqlite"
    with open_project(other) as opened:
        build_project(opened)
    code, out, err = run(capsys, "import", "--project", str(other), "--corrections", str(workbook))
    assert code == 1 and out == ""
    assert "--force applies it anyway" in err and err.count("\n") == 1
    assert "corrections" not in actors(str(other))
    code, out, err = run(
        capsys, "import", "--project", str(other), "--corrections", str(workbook), "--force"
    )
    assert code == 0 and "rows applied" in out
    assert "warning:" in err
    code, _, err = run(capsys, "import", "--project", project, str(workbook), "--force")
    assert code == 2 and "--force goes with --corrections" in err
