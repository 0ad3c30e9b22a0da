"""A workflow driven through its context alone, without the main window: entity decisions
on an article (accept, reject, undo) store and announce what changed; the test is the view
that repaints."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from gui.article_text import ArticleText
from gui.context import WindowContext
from gui.document_model import DocumentSource, DocumentTableModel
from gui.document_table import DocumentTable
from gui.entity_workflow import EntityWorkflow
from gui.job_runner import JobRunner
from gui.status_bar import ProjectStatusBar
from services.changes import Changes
from services.session import OpenedProject
from services.span_data import read_document_spans
from storage.models import Document, EntitySpan
from storage.project import get_or_create_annotator, open_project
from storage.suggestions import SpanSuggestion, store_entity_suggestions

TEXT = "Wladimir Putin traf Olaf Scholz in Berlin."
SUGGESTED = [("Putin", "PER"), ("Olaf Scholz", "PER"), ("Berlin", "LOC")]


@dataclass
class Bench:
    context: WindowContext
    text: ArticleText
    workflow: EntityWorkflow
    opened: OpenedProject
    document_id: int
    announced: list[Changes]

    def repaint(self) -> None:
        """What the suggestion controller does for the window: read the spans again."""
        project = self.opened.project
        with project.db.read() as session:
            spans = read_document_spans(
                session, project.project_id, self.document_id, self.opened.annotator_id
            )
        self.text.set_highlights(spans.spans)

    def states(self) -> dict[str, str]:
        project = self.opened.project
        with project.db.read() as session:
            rows = session.scalars(
                select(EntitySpan).where(EntitySpan.document_id == self.document_id)
            )
            return {TEXT[r.start_offset : r.end_offset]: r.state.value for r in rows}


@pytest.fixture
def bench(  # type: ignore[no-untyped-def]
    qtbot, settings: QSettings, make_project: Callable[..., Path]
) -> Iterator[Bench]:
    path = make_project([TEXT], languages=["de"])
    project = open_project(path)
    with project.db.write() as session:
        annotator_id = get_or_create_annotator(session, "tester").id
    with project.db.read() as session:
        document_id = session.scalars(select(Document.id)).one()
    found = [
        SpanSuggestion(TEXT.index(w), TEXT.index(w) + len(w), label, 0.9, "model", "de", "1")
        for w, label in SUGGESTED
    ]
    store_entity_suggestions(project.db, project.project_id, document_id, found, ["de"])

    window = QMainWindow()  # only the parent of the actions; never the MainWindow
    qtbot.addWidget(window)
    runner, stack = JobRunner(window), QUndoStack(window)
    context = WindowContext(window, settings, runner, stack, ProjectStatusBar(window))
    model = DocumentTableModel(window)
    table = DocumentTable(model)
    text = ArticleText()
    qtbot.addWidget(text)
    workflow = EntityWorkflow(context, text, table)
    opened = OpenedProject(project, annotator_id, samples=None)
    context.set_opened(opened)
    context.project_replacing.emit(opened)
    model.reset_source(DocumentSource(project.db, project.project_id, annotator_id))

    announced: list[Changes] = []
    bench = Bench(context, text, workflow, opened, document_id, announced)

    def on_changed(changes: Changes, _initiator: object) -> None:
        announced.append(changes)
        if changes.concerns(document_id):
            bench.repaint()

    context.changed.connect(on_changed)
    text.show_text(TEXT)
    context.document_shown.emit(document_id)
    bench.repaint()
    yield bench
    context.project_closing.emit()
    project.close()


def test_accept_reject_and_undo_through_the_context(bench: Bench) -> None:
    text, workflow = bench.text, bench.workflow
    assert workflow.editor is not None  # the project came through the context's signal
    workflow.focus_next()
    assert text.focused is not None and TEXT[text.focused.start : text.focused.end] == "Putin"

    workflow.accept()
    assert bench.states()["Putin"] == "accepted"
    assert bench.announced[-1] == Changes.of([bench.document_id], entities=True)
    # On to the next open suggestion, on the repainted highlights.
    assert text.focused is not None and TEXT[text.focused.start : text.focused.end] == (
        "Olaf Scholz"
    )

    workflow.reject()
    assert bench.states()["Olaf Scholz"] == "rejected"
    assert bench.context.undo_stack.count() == 2

    bench.context.undo_stack.undo()
    assert bench.states()["Olaf Scholz"] == "suggested"
    assert len(bench.announced) == 3
    bench.context.undo_stack.undo()
    assert bench.states()["Putin"] == "suggested"
    bench.context.undo_stack.redo()
    assert bench.states()["Putin"] == "accepted"
