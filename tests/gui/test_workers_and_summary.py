"""The background worker's signals, and the texts that sum up an import."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from gui.import_progress import MAX_DETAIL_LINES, summary_message
from gui.workers import Worker, describe_error
from storage.database import DatabaseError
from storage.importing.records import ImportProblem
from storage.importing.service import ImportSummary

TIMEOUT_MS = 5000


def run_in_pool(qtbot, worker: Worker, signal_name: str) -> list:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(getattr(worker.signals, signal_name), timeout=TIMEOUT_MS) as signal:
        QThreadPool.globalInstance().start(worker)
    return signal.args


def test_the_result_arrives_with_finished(qtbot) -> None:
    assert run_in_pool(qtbot, Worker(lambda _worker: {"answer": 42}), "finished") == [
        {"answer": 42}
    ]


def test_a_database_error_arrives_as_its_message(qtbot, caplog: pytest.LogCaptureFixture) -> None:
    def job(_worker: Worker) -> None:
        raise DatabaseError("x.sqlite is not a Standpunkt project")

    assert run_in_pool(qtbot, Worker(job), "failed") == ["x.sqlite is not a Standpunkt project"]
    assert not caplog.records


def test_an_unexpected_error_is_one_line_for_the_user_and_logged(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:
    def job(_worker: Worker) -> None:
        raise ValueError("first line\nsecond line")

    with caplog.at_level(logging.ERROR):
        assert run_in_pool(qtbot, Worker(job), "failed") == ["first line"]
    assert "Traceback" in caplog.text  # the details are for us, in the log


def test_progress_is_reported_and_cancel_is_seen_by_the_job(qtbot) -> None:
    def job(worker: Worker) -> bool:
        worker.report_progress(7, "a.jsonl")
        return worker.is_cancelled()

    worker = Worker(job)
    worker.cancel()  # before it starts: the job sees the request at its first checkpoint
    progress = []
    worker.signals.progress.connect(lambda done, where: progress.append((done, where)))
    assert run_in_pool(qtbot, worker, "finished") == [True]
    qtbot.waitUntil(lambda: progress == [(7, "a.jsonl")])


def test_describe_error() -> None:
    assert describe_error(FileNotFoundError(2, "No such file", "a.txt")) == "a.txt: No such file"
    assert describe_error(RuntimeError()) == "RuntimeError"


def test_a_clean_import_is_information_with_the_totals(qtbot) -> None:
    message = summary_message(ImportSummary(imported=3, spans=5))
    assert message.icon == QMessageBox.Icon.Information
    assert message.text == "Imported 3 documents. They include 5 entity spans."
    assert message.informative == ""
    assert "imported 3 documents (5 spans)" in message.details


def test_problems_make_a_warning_that_counts_them(qtbot) -> None:
    summary = ImportSummary(
        imported=1,
        duplicates=[ImportProblem("b.txt", "duplicate of “a.txt”")],
        problems=[
            ImportProblem("x.jsonl:2", "invalid JSON"),
            ImportProblem("x.jsonl:3", "label 'X' added", severity="warning"),
        ],
        unreported_errors=4,
        cancelled=True,
    )
    message = summary_message(summary)
    assert message.icon == QMessageBox.Icon.Warning
    assert "Cancelled" in message.text
    assert message.informative.startswith(
        "Duplicates skipped: 1. With errors, skipped: 5. Warnings: 1."
    )
    assert "x.jsonl:2: error: invalid JSON" in message.details


def test_the_details_are_capped(qtbot) -> None:
    problems = [ImportProblem(f"x.csv line {i}", "empty text") for i in range(3000)]
    message = summary_message(ImportSummary(duplicates=problems))
    lines = message.details.splitlines()
    assert len(lines) == MAX_DETAIL_LINES + 1
    assert lines[-1] == "… and 2001 more lines"
