"""`python main.py export`: options, the summary line and the exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cli import exit_codes
from storage.project import open_project
from tests.export_factories import build_project
from tests.factories import run


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
    assert exit_codes.EXIT_OK == 0


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_an_export_never_writes_over_the_project_or_its_backups(capsys, tmp_path, project_path):
    """`export --project q.xlsx --out q.xlsx` replaced the project by a workbook."""
    project = Path(project_path)
    open_project(project).close()  # takes a backup
    backup = next((tmp_path / "p.sqlite.backups").iterdir())
    link = tmp_path / "link.xlsx"
    link.symlink_to(project)
    (tmp_path / "d").mkdir()
    sneaky = tmp_path / "d" / ".." / "p.sqlite"
    before = _bytes_of(tmp_path)
    cases = [
        ("xlsx", project, "the project itself"),
        ("xlsx", link, "the project itself"),
        ("xlsx", sneaky, "the project itself"),
        ("xlsx", Path(f"{project}-wal"), "write-ahead log"),
        ("xlsx", Path(f"{project}-shm"), "shared-memory index"),
        ("xlsx", backup, "one of the project's backups"),
    ]
    for fmt, out, role in cases:
        code, stdout, err = run(
            capsys, "export", "--project", project_path, "--format", fmt, "--out", str(out)
        )
        assert (code, stdout) == (1, ""), (fmt, out)
        assert role in err and "choose another file name" in err and err.count("\n") == 1
    assert _bytes_of(tmp_path) == before


def test_a_csv_or_split_export_may_not_hit_the_project_either(capsys, tmp_path):
    """CSV writes FILE-entities.csv; a split writes FILE-train…: a project of that name."""
    for name, argv in (
        ("q-entities.csv", ("--format", "csv", "--out", "q")),
        ("q-dev.jsonl", ("--format", "jsonl", "--out", "q", "--dev-share", "0.5")),
    ):
        project = tmp_path / name
        with open_project(project) as opened:
            build_project(opened)
        before = project.read_bytes()
        arguments = [a if a != "q" else str(tmp_path / "q") for a in argv]
        code, _, err = run(capsys, "export", "--project", str(project), *arguments)
        assert code == 1 and "is the project itself" in err
        assert project.read_bytes() == before


def test_plot_model_and_picture_paths_are_checked_too(capsys, tmp_path, project_path):
    project = Path(project_path)
    before = project.read_bytes()
    code, _, err = run(capsys, "learning-curve", "--project", project_path, "--plot", str(project))
    assert code == 1 and "the plot" in err and "the project itself" in err
    code, _, err = run(
        capsys, "train", "--project", project_path, "--component", "ner", "--out",
        str(tmp_path / "p.sqlite.backups"),
    )  # fmt: skip
    assert code == 1 and "backup folder" in err
    code, _, err = run(
        capsys, "gui", "--project", project_path, "--screenshot", str(Path(f"{project}-wal"))
    )
    assert code == 1 and "write-ahead log" in err
    assert project.read_bytes() == before
