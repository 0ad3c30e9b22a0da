"""The learning curve: held-out F1 of the entity model for growing numbers of training
documents next to the base's, a PNG of it, and nothing saved or activated."""

from __future__ import annotations

import pytest

from nlp.learning_curve import LearningCurveError, default_sizes, plan_sizes
from services.learning_curve import learning_curve
from storage.model_registry import list_models
from storage.project import open_project
from tests.factories import run
from tests.nlp_factories import make_labelled_project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_the_command_prints_a_table_and_draws_it(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 12)
    plot = tmp_path / "curve.png"
    code, out, err = run(
        capsys,
        "learning-curve",
        "--project",
        str(project),
        "--component",
        "ner",
        "--sizes",
        "2,5,100",
        "--plot",
        str(plot),
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("learning curve of the entity model (de): base de_standpunkt_ner")
    assert lines[1].split() == ["size", "documents", "spans", "F1", "base", "F1"]
    rows = [line.split() for line in lines[2:5]]
    available = int(lines[0].split(", ")[1].split()[0])
    assert [row[:3] for row in rows] == [
        ["2", "2", "4"],
        ["5", "5", "10"],
        [str(available), str(available), str(2 * available)],
    ]
    assert len({row[4] for row in rows}) == 1  # the base's F1, the same on every line
    assert float(rows[-1][3]) > float(rows[0][4])  # all documents beat the base
    assert f"note: 100 is more than the {available} training documents" in err
    assert lines[-1] == f"plot saved in {plot}"
    assert plot.read_bytes().startswith(PNG_SIGNATURE) and plot.stat().st_size > 10_000
    # Nothing recorded, saved or activated.
    with open_project(project) as opened, opened.db.read() as session:
        assert list_models(session, opened.project_id) == []
    assert not (tmp_path / "p.sqlite.models").exists()


@pytest.mark.parametrize("sizes", ["2,x", "0,5", "-3", "5,,6", ""])
def test_bad_sizes_name_the_option(capsys, tmp_path, sizes):
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 6)
    code, out, err = run(capsys, "learning-curve", "--project", str(project), "--sizes", sizes)
    assert code == 2 and out == ""  # bad usage, as every option with a wrong value
    assert "error: --sizes must be whole numbers of documents above 0" in err


def test_stance_and_too_few_documents_are_clear_errors(capsys, tmp_path):
    project = tmp_path / "p.sqlite"
    make_labelled_project(project, 3)
    code, _, err = run(capsys, "learning-curve", "--project", str(project), "--component", "stance")
    assert code == 1 and "--component ner only" in err
    code, _, err = run(capsys, "learning-curve", "--project", str(project), "--component", "ner")
    assert code == 1 and "entity training needs at least 5 documents" in err


def test_sizes_default_to_quarters_and_are_clipped():
    assert default_sizes(8) == [2, 4, 6, 8]
    assert default_sizes(2) == [1, 2]
    assert plan_sizes([50, 10, 10], 20) == (
        [10, 20],
        ["50 is more than the 20 training documents: using 20"],
    )
    with pytest.raises(LearningCurveError):
        plan_sizes([0], 20)


def test_the_function_reports_progress_and_refuses_stance(tmp_path):
    make_labelled_project(tmp_path / "p.sqlite", 12)
    steps: list[tuple[int, int]] = []
    with open_project(tmp_path / "p.sqlite") as project:
        with pytest.raises(LearningCurveError):
            learning_curve(project.db, project.project_id, "stance")
        curve = learning_curve(
            project.db, project.project_id, sizes=[3], progress=lambda *s: steps.append(s)
        )
    assert [(p.size, p.documents, p.spans) for p in curve.points] == [(3, 3, 6)]
    assert steps == [(1, 2), (2, 2)] and 0 <= curve.base_f1 <= 1
    assert curve.to_dict()["points"][0]["documents"] == 3
