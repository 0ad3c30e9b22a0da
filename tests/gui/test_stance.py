"""Sentence stance in the window: suggested in the background after the entities, tinted
under the entity highlights, explained in a tooltip and listed in the stance panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QTextCharFormat

from gui.main_window import MainWindow
from gui.stance_view import stance_line, stance_tooltip_html
from services.stance_data import SentenceStanceRow, read_document_stance
from storage.project import get_or_create_annotator, open_project
from storage.stance.store import add_target
from tests.gui.helpers import message_boxes, open_and_wait

SUGGEST_TIMEOUT_MS = 30_000
TEXT = (
    "Russland verurteilte die Beschlüsse der NATO scharf. "
    "Die Bundesregierung begrüßte die Hilfe für die Ukraine."
)
AGAINST_COLOUR = "#d55e00"


@pytest.fixture
def window(stance_window: MainWindow) -> MainWindow:
    return stance_window


@pytest.fixture
def stance_project(make_project: Callable[..., Path]) -> Path:
    path = make_project([TEXT], languages=["de"])
    with open_project(path) as project:
        for name in ("NATO", "Ukraine", "Russland"):
            add_target(project.db, project.project_id, name, ())
    return path


def selections(window: MainWindow) -> list[tuple[str, QTextCharFormat]]:
    return [
        (s.cursor.selectedText(), QTextCharFormat(s.format))
        for s in window.article.text_edit.extraSelections()
    ]


def test_a_shown_document_gets_stance_tints_a_panel_and_the_suggester_in_the_status_bar(
    qtbot, window: MainWindow, stance_project: Path
) -> None:
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS):
        open_and_wait(qtbot, window, stance_project)
    # The panel shows once the stance job is done (it may come with the entity job).
    qtbot.waitUntil(
        lambda: ("NATO", "AGAINST") in window.article.stance_panel.row_texts(),
        timeout=SUGGEST_TIMEOUT_MS,
    )
    panel = window.article.stance_panel
    assert panel.isVisibleTo(window)
    assert ("Ukraine", "FAVOR") in panel.row_texts()

    # The database holds the suggestions the annotator sees.
    assert window.project is not None
    with window.project.db.read() as session:
        annotator = get_or_create_annotator(session, "tester").id
        document_id = window.model.document_row(0).id  # type: ignore[union-attr]
        stance = read_document_stance(session, window.project.project_id, document_id, annotator)
    assert stance.suggested and stance.has_targets
    stored = {(r.target, r.label, r.state) for r in stance.rows}
    assert ("NATO", "AGAINST", "suggested") in stored
    assert ("Ukraine", "FAVOR", "suggested") in stored

    # The first sentence is tinted AGAINST, first (under); "NATO" is still highlighted.
    first = TEXT[: TEXT.index("scharf.") + len("scharf.")]
    painted = selections(window)
    text_edit = window.article.text_edit
    stance_count = text_edit.stance_selection_count
    assert stance_count == 2  # both sentences take a side
    tinted = [f for text, f in painted[:stance_count] if text.startswith(first)]
    assert tinted, [text for text, _ in painted]
    background = tinted[0].background().color()
    assert background.rgb() == QColor(AGAINST_COLOUR).rgb()
    assert background.alpha() < 60  # a light tint: a suggestion
    entities = painted[stance_count:]
    assert "NATO" in [text for text, _ in entities], [text for text, _ in entities]

    assert window.status.stance_label.text().startswith("Stance: stance-")
    assert window.status.stance_label.isVisibleTo(window)

    # Clicking the Ukraine row moves the cursor to the second sentence.
    model = panel.model
    [ukraine] = [r for r in range(model.rowCount()) if model.stance_row(r).target == "Ukraine"]
    panel.view.clicked.emit(model.index(ukraine, 0))
    assert text_edit.textCursor().position() == TEXT.index("Die Bundesregierung")

    # The tooltip over the first sentence (off an entity span) tells the stance.
    rect = text_edit.cursorRect(_cursor_at(text_edit, TEXT.index("verurteilte") + 2))
    tip = text_edit.tooltip_at(rect.center())
    assert "Stance toward NATO: AGAINST (suggested" in tip
    assert "verurteilte" in tip


def _cursor_at(text_edit, offset: int):  # type: ignore[no-untyped-def]
    cursor = text_edit.textCursor()
    cursor.setPosition(offset)
    return cursor


def test_the_stance_tooltip_names_target_label_state_confidence_and_cues() -> None:
    row = SentenceStanceRow(
        0, 10, 0, "Russland", "AGAINST", AGAINST_COLOUR, "suggested", 0.78,
        "cues: verurteilte (−1.5)",
    )  # fmt: skip
    assert stance_line(row) == (
        "Stance toward Russland: AGAINST (suggested, 78%) — cues: verurteilte (−1.5)"
    )
    tricky = SentenceStanceRow(0, 10, 0, "<b>EU</b>", "FAVOR", "#009e73", "accepted", None)
    tip = stance_tooltip_html([row, tricky])
    assert "Stance toward &lt;b&gt;EU&lt;/b&gt;: FAVOR (accepted)" in tip
    assert tip.count("<br>") == 1  # one line per target


def test_a_project_without_targets_shows_no_stance_panel(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    path = make_project([TEXT], languages=["de"])
    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS):
        open_and_wait(qtbot, window, path)
    assert not window.article.stance_panel.isVisibleTo(window)
    assert window.article.text_edit.stance_selection_count == 0
    assert not window.status.stance_label.isVisibleTo(window)


def test_suggest_for_all_documents_suggests_stance_too(
    qtbot, window: MainWindow, make_project: Callable[..., Path]
) -> None:
    second = "Die NATO lobte die Ukraine. Die USA kritisierten Russland scharf."
    path = make_project([TEXT, second], languages=["de", "de"])
    with open_project(path) as project:
        for name in ("NATO", "Ukraine", "Russland"):
            add_target(project.db, project.project_id, name, ())
    open_and_wait(qtbot, window, path)
    with qtbot.waitSignal(window.all_suggested, timeout=SUGGEST_TIMEOUT_MS) as finished:
        window.suggest_all_action.trigger()
    report = finished.args[0]
    assert report.entities is not None and report.entities.documents == 2
    assert report.stance is not None and report.stance.documents == 2
    assert report.stance.added > 0 and not report.cancelled
    assert window.project is not None
    with window.project.db.read() as session:
        annotator = get_or_create_annotator(session, "tester").id
        second_id = window.model.document_row(1).id  # type: ignore[union-attr]
        stance = read_document_stance(session, window.project.project_id, second_id, annotator)
    assert stance.suggested
    assert ("Russland", "AGAINST") in {(r.target, r.label) for r in stance.rows}
    [box] = message_boxes(window)
    assert "Suggested stance for 2 documents" in box.text()


def test_targets_added_in_the_dialog_bring_stance_to_the_shown_document(
    qtbot, window: MainWindow, stance_project: Path
) -> None:
    from gui.targets_dialog import TargetsDialog

    with qtbot.waitSignal(window.suggestions_shown, timeout=SUGGEST_TIMEOUT_MS):
        open_and_wait(qtbot, window, stance_project)
    panel = window.article.stance_panel
    qtbot.waitUntil(lambda: bool(panel.row_texts()), timeout=SUGGEST_TIMEOUT_MS)
    assert "Bundesregierung" not in {target for target, _ in panel.row_texts()}
    assert window.stance.targets_action.shortcut().toString() == "Ctrl+T"
    window.stance.targets_action.trigger()
    [dialog] = [d for d in window.findChildren(TargetsDialog) if d.isVisible()]
    assert window.project is not None
    add_target(window.project.db, window.project.project_id, "Bundesregierung", ())
    dialog.targets_changed.emit()  # as the dialog does after its own change
    # The shown document is suggested for anew, now with the new target.
    qtbot.waitUntil(
        lambda: "Bundesregierung" in {target for target, _ in panel.row_texts()},
        timeout=SUGGEST_TIMEOUT_MS,
    )
    dialog.close()
