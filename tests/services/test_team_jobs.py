"""The window's offline-team jobs: progress as the worker reports it, failures as sentences,
a cancelled merge as None with nothing changed, and a handed-out file's preset annotator."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.handout_preset import handed_out
from services.jobs import JobError, open_project_job
from services.team_jobs import assigned_annotators, handout_job, merge_job
from storage.project import OpenProject, open_project
from tests.factories import add_documents


class FakeWorker:
    def __init__(self, cancelled: bool = False) -> None:
        self.cancelled = cancelled
        self.steps: list[tuple[int, int]] = []
        self.places: list[str] = []

    def is_cancelled(self) -> bool:
        return self.cancelled

    def report_progress(self, done: int, where: str) -> None:
        self.places.append(where)

    def report_step(self, done: int, total: int) -> None:
        self.steps.append((done, total))


@pytest.fixture
def two_documents(project: OpenProject) -> OpenProject:
    add_documents(project, ["Erster Artikel über Berlin.", "Zweiter Artikel über Paris."])
    return project


def test_handing_out_reports_each_file_and_the_preset_is_read_back(
    two_documents: OpenProject, tmp_path: Path
) -> None:
    worker = FakeWorker()
    job = handout_job(two_documents, ["anna", "ben"], tmp_path / "out", overlap=1.0, seed=0)
    report = job(worker)
    assert [item.annotator for item in report.files] == ["anna", "ben"]
    assert worker.steps == [(0, 2), (1, 2), (2, 2)]
    assert worker.places == ["anna", "ben", ""]
    assert assigned_annotators(two_documents) == ["anna", "ben"]
    assert handed_out(two_documents) is None  # the coordinator's project is no hand-out
    opened = open_project_job(tmp_path / "out" / "ben.sqlite", "tester", None, create=False)(
        FakeWorker()
    )
    try:
        assert opened.handout is not None and opened.handout.annotator == "ben"
        assert opened.handout.project == two_documents.name
    finally:
        opened.project.close()


def test_a_folder_that_is_a_file_is_a_sentence(two_documents: OpenProject, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(JobError, match="is a file, not a folder"):
        handout_job(two_documents, ["anna"], blocker, overlap=0.2, seed=0)(FakeWorker())


def test_a_cancelled_merge_is_none_and_changes_nothing(
    two_documents: OpenProject, tmp_path: Path
) -> None:
    handout_job(two_documents, ["anna"], tmp_path / "out", overlap=0.2, seed=0)(FakeWorker())
    anna = tmp_path / "out" / "anna.sqlite"
    with open_project(anna) as file:
        add_documents(file, ["Ein neuer Artikel."])
    assert merge_job(two_documents, [anna])(FakeWorker(cancelled=True)) is None
    report = merge_job(two_documents, [anna])(FakeWorker())
    assert report is not None and report.files[0].new_documents == 1
