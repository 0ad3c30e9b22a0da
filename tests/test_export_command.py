"""`python main.py export`: options, the summary line and the exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import main
from storage.project import open_project
from tests.storage.test_export_gather import build_project
from tests.test_command_line import run


@pytest.fixture
def project_path(tmp_path: Path) -> str:
    path = tmp_path / "p.sqlite"
    with open_project(path) as project:
        build_project(project)
    return str(path)


def test_export_xlsx_prints_one_summary_line(capsys, tmp_path, project_path):
    out = tmp_path / "x.xlsx"
    code, stdout, _ = run(
        capsys, "export", "--project", project_path, "--format", "xlsx", "--out", str(out)
    )
    assert code == 0
    assert stdout == f"exported 3 documents, 10 entities, 2 stance rows to {out}\n"
    assert openpyxl.load_workbook(out)["Entities"].max_row == 11


def test_filters(capsys, tmp_path, project_path):
    out = tmp_path / "x.xlsx"
    base = ("export", "--project", project_path, "--format", "xlsx", "--out", str(out))
    _, stdout, _ = run(capsys, *base, "--annotator", "ben", "--state", "all")
    # ben's two entities and the open suggestion; his document stance and the two sentence
    # suggestions he has not decided on (anna's decision does not close them for him).
    assert stdout.startswith("exported 3 documents, 3 entities, 3 stance rows")
    _, stdout, _ = run(capsys, *base, "--annotator", "anna", "--status", "done")
    assert stdout.startswith("exported 1 documents, 3 entities, 1 stance rows")
    rows = list(openpyxl.load_workbook(out)["Entities"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in rows} == {"anna"}


def test_unknown_annotator_exits_1_with_the_known_ones(capsys, tmp_path, project_path):
    out = tmp_path / "x.xlsx"
    code, stdout, err = run(
        capsys, "export", "--project", project_path, "--format", "xlsx", "--out", str(out),
        "--annotator", "carla",
    )  # fmt: skip
    assert (code, stdout) == (1, "")
    assert err.startswith("error: no annotator called 'carla'") and "anna, ben" in err
    assert not out.exists()


def test_unwritable_path_exits_1(capsys, tmp_path, project_path):
    out = tmp_path / "missing" / "x.xlsx"
    code, _, err = run(
        capsys, "export", "--project", project_path, "--format", "xlsx", "--out", str(out)
    )
    assert code == 1 and err.startswith(f"error: cannot write {out}")
    code, _, err = run(
        capsys, "export", "--project", project_path, "--format", "xlsx", "--out", str(tmp_path)
    )
    assert code == 1 and err.startswith("error: cannot write")


def test_usage_errors_exit_2(capsys, tmp_path, project_path):
    out = str(tmp_path / "x.xlsx")
    base = ("export", "--project", project_path, "--out", out)
    assert run(capsys, *base)[0] == 2  # no --format
    assert run(capsys, *base, "--format", "pdf")[0] == 2
    assert run(capsys, *base, "--format", "xlsx", "--state", "some")[0] == 2
    assert run(capsys, *base, "--format", "xlsx", "--dev-share", "0.2")[0] == 2
    assert run(capsys, *base, "--format", "csv", "--doccano")[0] == 2
    assert run(capsys, *base, "--format", "jsonl", "--dev-share", "1.5")[0] == 2


def test_missing_project_exits_1(capsys, tmp_path):
    code, _, err = run(
        capsys, "export", "--project", str(tmp_path / "none.sqlite"), "--format", "xlsx",
        "--out", str(tmp_path / "x.xlsx"),
    )  # fmt: skip
    assert code == 1 and "none.sqlite does not exist" in err


def test_training_formats_go_to_the_training_data_writers(capsys, tmp_path, project_path):
    out = tmp_path / "data.jsonl"
    code, stdout, err = run(
        capsys, "export", "--project", project_path, "--format", "jsonl", "--out", str(out)
    )
    try:
        import storage.export.training_data  # noqa: F401
    except ModuleNotFoundError:
        assert code == 1 and "format jsonl is not available yet" in err
        return
    assert code == 0 and stdout.startswith("exported 3 documents, 10 entities")


def test_help_names_the_options(capsys):
    code, stdout, _ = run(capsys, "export", "--help")
    assert code == 0
    for option in ("--format", "--out", "--annotator", "--state", "--status", "--dev-share"):
        assert option in stdout
    assert main.EXIT_OK == 0
