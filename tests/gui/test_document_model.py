"""The document list model: pages loaded on demand, columns, and failures while reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from sqlalchemy.exc import OperationalError

from gui.document_model import REFRESH_DELAY_MS, DocumentSource, DocumentTableModel
from storage.documents import DocumentRow
from storage.models import DocumentStatusValue
from storage.project import open_project

M = DocumentTableModel


class FakeSource:
    """A project of ``total`` documents that records which pages were asked for."""

    def __init__(self, total: int, available: int | None = None) -> None:
        self.total = total
        self.available = total if available is None else available
        self.requests: list[tuple[int, int]] = []
        self.fail = False

    def count(self) -> int:
        return self.total

    def page(
        self,
        offset: int,
        limit: int,
        after_id: int | None = None,
        *,
        order: str = "import",
        after: tuple[float | None, int] | None = None,
    ) -> list[DocumentRow]:
        self.requests.append((offset, limit))
        if self.fail:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        end = min(offset + limit, self.available)
        return [
            DocumentRow(i, f"Document {i}", "x.jsonl", "de", 1000 + i, DocumentStatusValue.NEW, 0)
            for i in range(offset, end)
        ]


def test_loads_the_first_page_then_one_page_per_fetch(
    qtbot, make_project: Callable[..., Path]
) -> None:
    texts = [f"Artikel Nummer {i} über die Bundesregierung und den Bundestag." for i in range(450)]
    path = make_project(texts, titles=[f"Titel {i}" for i in range(450)])
    with open_project(path) as project:
        model = DocumentTableModel(page_size=200)
        model.reset_source(DocumentSource(project.db, project.project_id, None))

        assert (model.rowCount(), model.total) == (200, 450)
        assert model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())
        assert model.rowCount() == 400
        model.fetchMore(QModelIndex())
        assert model.rowCount() == 450
        assert not model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())  # nothing left: no change, no error
        assert model.rowCount() == 450

        # Import order is kept across pages, and every row is the document it says it is.
        titles = [model.data(model.index(row, M.TITLE)) for row in range(450)]
        assert titles == [f"Titel {i}" for i in range(450)]
        last = model.document_row(449)
        assert last is not None and model.row_of(last.id) == 449


def test_columns_show_language_status_spans_characters_and_uncertainty(
    qtbot, make_project: Callable[..., Path]
) -> None:
    path = make_project(["Ein kurzer Text.", "Another\ntext"], titles=["Erster", None])
    with open_project(path) as project:
        model = DocumentTableModel()
        model.reset_source(DocumentSource(project.db, project.project_id, None))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Language", "Status", "Open / decided", "Characters", "Uncertainty"]
    row = [model.data(model.index(0, column)) for column in range(6)]
    # No language given, none detected; no suggestions, so no uncertainty.
    assert row == ["Erster", "–", "new", "0 / 0", "16", ""]
    assert model.data(model.index(1, M.TITLE)) == "Another"  # untitled: its first line
    right = model.data(model.index(0, M.CHARACTERS), Qt.ItemDataRole.TextAlignmentRole)
    assert right & Qt.AlignmentFlag.AlignRight


def test_a_view_over_100000_documents_loads_only_what_it_shows(qtbot) -> None:
    source = FakeSource(total=100_000)
    model = DocumentTableModel(page_size=200)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    model.reset_source(source)  # type: ignore[arg-type]
    assert model.rowCount() == 200
    assert source.requests == [(0, 200)]

    scroll = view.verticalScrollBar()
    for pages in (2, 3, 4):  # each scroll to the end asks for exactly one more page
        qtbot.waitUntil(lambda: scroll.maximum() > 0 and scroll.value() < scroll.maximum())
        scroll.setValue(scroll.maximum())
        qtbot.waitUntil(lambda pages=pages: model.rowCount() == 200 * pages)
    assert source.requests == [(0, 200), (200, 200), (400, 200), (600, 200)]


def test_stops_fetching_when_fewer_documents_than_counted(qtbot) -> None:
    source = FakeSource(total=500, available=250)  # 250 deleted after counting
    model = DocumentTableModel(page_size=200)
    model.reset_source(source)  # type: ignore[arg-type]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())


def test_a_failing_page_is_reported_not_raised(qtbot) -> None:
    source = FakeSource(total=500)
    model = DocumentTableModel(page_size=200)
    model.reset_source(source)  # type: ignore[arg-type]
    source.fail = True
    with qtbot.waitSignal(model.load_failed) as signal:
        model.fetchMore(QModelIndex())
    assert "database is locked" in signal.args[0]
    assert model.rowCount() == 200
    assert not model.canFetchMore(QModelIndex())  # no endless retries while scrolling


def test_a_failing_first_page_leaves_an_empty_list(qtbot) -> None:
    source = FakeSource(total=5)
    source.fail = True
    model = DocumentTableModel()
    with qtbot.waitSignal(model.load_failed):
        model.reset_source(source)  # type: ignore[arg-type]
    assert model.rowCount() == 0


def test_every_status_has_its_own_text(qtbot) -> None:
    model = DocumentTableModel()
    texts = {model.status_text(status) for status in DocumentStatusValue}
    assert len(texts) == len(DocumentStatusValue)
    assert model.status_text(DocumentStatusValue.IN_PROGRESS) == "in progress"


def test_reset_to_nothing_empties_the_list(qtbot) -> None:
    model = DocumentTableModel()
    model.reset_source(FakeSource(total=3))  # type: ignore[arg-type]
    assert model.rowCount() == 3
    model.reset_source(None)
    assert (model.rowCount(), model.total, model.canFetchMore(QModelIndex())) == (0, 0, False)


class RowCountingSource(FakeSource):
    """Records which documents' rows were read again, and reads them as changed."""

    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.rows_read: list[int] = []

    def row(self, document_id: int) -> DocumentRow:
        self.rows_read.append(document_id)
        return DocumentRow(document_id, "Changed", "x.jsonl", "de", 1, DocumentStatusValue.NEW, 2)


def test_rows_changed_in_a_burst_are_read_once_after_the_change(qtbot) -> None:
    """Decisions change rows' counts: they are read once the window has painted, each once
    however many changes came in between."""
    source = RowCountingSource(total=10)
    model = DocumentTableModel()
    model.reset_source(source)  # type: ignore[arg-type]
    model.refresh_later([3])
    model.refresh_later([5, 3])
    model.refresh_later([])
    assert source.rows_read == []  # not on the key's way to the painted article
    qtbot.waitUntil(lambda: len(source.rows_read) == 2)
    qtbot.wait(3 * REFRESH_DELAY_MS)
    assert source.rows_read == [3, 5]
    assert model.data(model.index(3, M.TITLE)) == "Changed"
    assert model.data(model.index(4, M.TITLE)) == "Document 4"
