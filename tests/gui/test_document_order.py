"""The document list in uncertainty order: switching order, paging on, the Uncertainty column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from gui.document_model import DocumentSource, DocumentTableModel
from storage.documents import DocumentRow
from storage.models import Document, DocumentStatusValue
from storage.project import open_project
from tests.factories import TEXT, add_entity

M = DocumentTableModel


def load_all(model: DocumentTableModel) -> None:
    for _ in range(100):
        if not model.canFetchMore(QModelIndex()):
            return
        model.fetchMore(QModelIndex())


def column(model: DocumentTableModel, number: int) -> list[str]:
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_set_order_lists_the_least_confident_documents_first_page_by_page(
    qtbot, make_project: Callable[..., Path]
) -> None:
    texts = [f"{TEXT[:-2]}{i:02d}" for i in range(5)]
    path = make_project(texts, titles=[f"Titel {i}" for i in range(5)])
    with open_project(path) as project:
        with project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
        for index, confidence in ((1, 0.9), (3, 0.27), (4, 0.5)):
            add_entity(project, ids[index], confidence)
        model = DocumentTableModel(page_size=2)
        model.reset_source(DocumentSource(project.db, project.project_id, None))
        assert model.order == "import"
        assert column(model, M.TITLE) == ["Titel 0", "Titel 1"]

        with qtbot.waitSignal(model.modelReset):
            model.set_order("uncertainty")
        assert model.order == "uncertainty"
        assert column(model, M.TITLE) == ["Titel 3", "Titel 4"]  # from the first page again
        load_all(model)
        # Titel 0 and Titel 2 have no suggestions: last, by id, across a page boundary.
        assert column(model, M.TITLE) == ["Titel 3", "Titel 4", "Titel 1", "Titel 0", "Titel 2"]
        assert column(model, M.UNCERTAINTY) == ["73 %", "50 %", "10 %", "", ""]

        model.set_order("import")
        assert column(model, M.TITLE) == ["Titel 0", "Titel 1"]
        assert column(model, M.UNCERTAINTY) == ["", "10 %"]  # shown in import order too


def test_the_uncertainty_column_is_a_right_aligned_percentage(qtbot) -> None:
    model = DocumentTableModel()
    model.reset_source(OrderedSource({1: 0.734, 2: None}))  # type: ignore[arg-type]
    assert model.headerData(M.UNCERTAINTY, Qt.Orientation.Horizontal) == "Uncertainty"
    assert column(model, M.UNCERTAINTY) == ["73 %", ""]
    for alignment in (
        model.data(model.index(0, M.UNCERTAINTY), Qt.ItemDataRole.TextAlignmentRole),
        model.headerData(
            M.UNCERTAINTY, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
        ),
    ):
        assert alignment & Qt.AlignmentFlag.AlignRight


def test_an_unknown_order_is_refused_and_the_same_order_does_not_reload(qtbot) -> None:
    source = OrderedSource({1: 0.5})
    model = DocumentTableModel()
    model.reset_source(source)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown document order"):
        model.set_order("random")
    model.set_order("import")
    assert model.order == "import" and len(source.requests) == 1


def test_the_next_page_starts_after_the_last_row_as_it_was_read(qtbot) -> None:
    source = OrderedSource({1: 0.9, 2: 0.8, 3: 0.7, 4: 0.6})
    model = DocumentTableModel(page_size=2)
    model.reset_source(source)  # type: ignore[arg-type]
    model.set_order("uncertainty")
    # The annotator decides on every suggestion of document 2: its row is read again.
    source.uncertainty[2] = None
    model.refresh_document(2)
    assert column(model, M.UNCERTAINTY) == ["90 %", ""]
    model.fetchMore(QModelIndex())
    assert source.requests[-1] == ("uncertainty", (0.8, 2))  # not (None, 2): 3 and 4 follow
    assert [model.document_row(row).id for row in range(model.rowCount())] == [1, 2, 3, 4]


def test_a_document_that_moved_down_is_not_listed_twice(qtbot) -> None:
    source = OrderedSource({1: 0.9, 2: 0.8, 3: 0.7, 4: 0.6, 5: 0.5})
    model = DocumentTableModel(page_size=2)
    model.set_order("uncertainty")
    model.reset_source(source)  # type: ignore[arg-type]
    source.uncertainty[1] = 0.65  # decided on its least confident suggestion: now after 3
    load_all(model)
    assert [model.document_row(row).id for row in range(model.rowCount())] == [1, 2, 3, 4, 5]
    assert not model.canFetchMore(QModelIndex())


class OrderedSource:
    """Documents with an uncertainty each, paged in either order like ``document_page``;
    records the order and keyset of every page asked for."""

    def __init__(self, uncertainty: dict[int, float | None]) -> None:
        self.uncertainty = uncertainty
        self.requests: list[tuple[str, tuple[float | None, int] | None]] = []

    def count(self) -> int:
        return len(self.uncertainty)

    def page(
        self,
        offset: int,
        limit: int,
        after_id: int | None = None,
        *,
        order: str = "import",
        after: tuple[float | None, int] | None = None,
    ) -> list[DocumentRow]:
        self.requests.append((order, after))
        key = self._key if order == "uncertainty" else lambda u, i: (i,)
        ids = sorted(self.uncertainty, key=lambda i: key(self.uncertainty[i], i))
        if after is not None:
            ids = [i for i in ids if key(self.uncertainty[i], i) > key(*after)]
        else:
            ids = ids[offset:]
        return [self._row(i) for i in ids[:limit]]

    def row(self, document_id: int) -> DocumentRow | None:
        return self._row(document_id)

    @staticmethod
    def _key(uncertainty: float | None, document_id: int) -> tuple:
        return (uncertainty is None, -(uncertainty or 0.0), document_id)

    def _row(self, i: int) -> DocumentRow:
        status = DocumentStatusValue.NEW
        return DocumentRow(i, f"D{i}", "x", None, 10, status, 0, self.uncertainty[i])


def test_a_header_click_sorts_by_that_column_and_pages_on_in_that_order(
    qtbot, window, make_project
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tests.gui.helpers import open_and_wait

    texts = [f"Artikel {n}: " + "Wort " * (n % 7 + 1) for n in range(9)]
    titles = ["delta", "Alpha", "charlie", None, "bravo", "Echo", "foxtrot", "golf", "hotel"]
    open_and_wait(qtbot, window, make_project(texts, titles=titles))
    model = window.model
    model._page_size = 2  # several pages: the order must hold across them
    model.reload()
    header = window.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_centre(header, 0))
    while model.canFetchMore():
        model.fetchMore()
    shown = [model.document_row(r).title for r in range(model.rowCount())]  # type: ignore[union-attr]
    # Case-insensitive; a document without a title sorts by its first words ("Artikel 3").
    assert shown == sorted(shown, key=str.lower) and len(shown) == 9
    assert model.order in ("title", "title-desc")
    assert not any(a.isChecked() for a in window.order_actions.values())

    window.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # characters, longest first
    while model.canFetchMore():
        model.fetchMore()
    lengths = [model.document_row(r).characters for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert lengths == sorted(lengths, reverse=True) and len(lengths) == 9
    assert model.order == "characters-desc"

    window.set_document_order("import")
    assert header.sortIndicatorSection() == -1
    assert window.order_actions["import"].isChecked()
    ids = [model.document_row(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert ids == sorted(ids)


def _centre(header, section: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)
