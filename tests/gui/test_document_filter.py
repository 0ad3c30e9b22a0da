"""The filter bar above the document list: status, label and text, alone and combined, with
the list still read page by page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from sqlalchemy import select

from gui.main_window import MainWindow
from storage.models import Document, DocumentStatusValue
from storage.progress import set_status
from storage.project import get_or_create_annotator, open_project
from tests.factories import TEXT, add_entity
from tests.gui.helpers import as_tester, open_and_wait, wire_documents

WORDS = ["Kiew", "Minsk", "Riga"]
TEXTS = [f"Die NATO warnt. {WORDS[i % 3]} {i:03d}".ljust(len(TEXT) - 1) + "." for i in range(9)]


@pytest.fixture
def window(qtbot, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(samples_dir=None, settings=as_tester(settings))
    qtbot.addWidget(main)
    main.model._page_size = 2
    wire_documents(main, monkeypatch)
    main.show()
    yield main
    main.close()


@pytest.fixture
def ids(qtbot, window: MainWindow, make_project: Callable[..., Path]) -> list[int]:  # type: ignore[no-untyped-def]
    """Nine documents; 0, 3 and 6 done by the tester; 1, 4 and 7 (Minsk) and 0 with an ORG
    suggestion."""
    path = make_project(TEXTS)
    with open_project(path) as project:
        with project.db.write() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
            tester = get_or_create_annotator(session, "tester").id
        for n in (0, 3, 6):
            set_status(project.db, project.project_id, ids[n], tester, DocumentStatusValue.DONE)
        for n in (0, 1, 4, 7):
            add_entity(project, ids[n], 0.5)
    open_and_wait(qtbot, window, path)
    return ids


def listed(window: MainWindow) -> list[int]:
    """Every listed document, reading the remaining pages as the view would."""
    model = window.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.document_row(row).id for row in range(model.rowCount())]


def choose(box, data) -> None:  # type: ignore[no-untyped-def]
    box.setCurrentIndex(box.findData(getattr(data, "value", data)))
    box.activated.emit(box.currentIndex())


def search(qtbot, window: MainWindow, words: str) -> None:  # type: ignore[no-untyped-def]
    bar = window.documents.filter_bar  # type: ignore[attr-defined]
    bar.search.clear()
    qtbot.keyClicks(bar.search, words)
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)


def test_status_filter(qtbot, window, ids):  # type: ignore[no-untyped-def]
    bar = window.documents.filter_bar
    choose(bar.status_box, DocumentStatusValue.DONE)
    assert window.model.total == 3
    assert listed(window) == [ids[0], ids[3], ids[6]]
    choose(bar.status_box, None)
    assert len(listed(window)) == 9


def test_label_filter_lists_documents_with_such_a_span(qtbot, window, ids):  # type: ignore[no-untyped-def]
    bar = window.documents.filter_bar
    assert "ORG" in [bar.label_box.itemData(i) for i in range(bar.label_box.count())]
    choose(bar.label_box, "ORG")
    assert listed(window) == [ids[0], ids[1], ids[4], ids[7]]


def test_text_filter_searches_the_full_text(qtbot, window, ids):  # type: ignore[no-untyped-def]
    search(qtbot, window, "minsk")
    assert window.model.total == 3
    assert listed(window) == [ids[1], ids[4], ids[7]]


def test_filters_combine_in_both_orders(qtbot, window, ids):  # type: ignore[no-untyped-def]
    bar = window.documents.filter_bar
    choose(bar.label_box, "ORG")
    choose(bar.status_box, DocumentStatusValue.NEW)
    assert listed(window) == [ids[1], ids[4], ids[7]]
    search(qtbot, window, "Kiew")  # only document 0 has both Kiew and ORG, and it is done
    assert listed(window) == []
    # Showing a listed document marks it in progress: it leaves "new" at the next reload.
    choose(bar.status_box, None)
    search(qtbot, window, "Minsk")
    window.set_document_order("uncertainty")
    assert sorted(listed(window)) == [ids[1], ids[4], ids[7]]
    assert window.model.total == 3


def test_a_new_project_shows_every_document(qtbot, window, ids, make_project):  # type: ignore[no-untyped-def]
    search(qtbot, window, "Riga")
    assert window.model.total == 3
    open_and_wait(qtbot, window, make_project(["Ein Text.", "Noch einer."], name="q"))
    assert window.model.total == 2
    assert window.documents.filter_bar.search.text() == ""


def test_assigned_to_me_lists_the_windows_annotators_documents(qtbot, window, make_project):  # type: ignore[no-untyped-def]
    from storage.assignment import assign_documents, assigned_documents

    path = make_project(TEXTS, name="assigned")
    with open_project(path) as project:
        assign_documents(project.db, project.project_id, ["tester", "other"], overlap=0.2)
        with project.db.read() as session:
            ids = list(session.scalars(select(Document.id).order_by(Document.id)))
            tester = get_or_create_annotator(session, "tester").id
            mine = assigned_documents(session, project.project_id, tester)
    assert 0 < len(mine) < 9
    open_and_wait(qtbot, window, path)
    box = window.documents.filter_bar.assigned_box
    assert box.isEnabled() and box.text() == "Assigned to me"
    box.click()
    assert window.model.total == len(mine)
    assert listed(window) == sorted(mine)
    search(qtbot, window, "Minsk")  # combines with the other parts
    minsk = {ids[i] for i, text in enumerate(TEXTS) if "Minsk" in text}
    assert listed(window) == sorted(mine & minsk)
    box.click()
    assert window.model.total == 3


def test_assigned_to_me_is_disabled_without_assignments(qtbot, window, ids):  # type: ignore[no-untyped-def]
    box = window.documents.filter_bar.assigned_box
    assert not box.isEnabled()
    assert "No documents are assigned" in box.toolTip()
    assert window.model.total == 9
