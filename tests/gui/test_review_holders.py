"""The review window shows who holds each stance label, marks a label held by different
holders as a difference, and Enter on an annotator's cell takes their holder into gold."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from gui.review_dialog import STANCE, ReviewDialog, Target
from storage.models import Annotator, StanceAnnotation
from storage.project import OpenProject, open_project
from storage.review.comparison import GOLD_ANNOTATOR
from tests.factories import Reviewed, german_at, own_rows
from tests.gui.test_review_dialog import cells, gold_of
from tests.gui.test_review_dialog import select as select_cell
from tests.review_holders import differing_holders

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
RUSSLAND_ROW = 1  # stance rows: NATO (sentence 1), Russland (sentence 2)
ANNA, BEN, CARLA, GOLD = 3, 4, 5, 6  # stance columns: sentence, target, agreement, ...


@pytest.fixture
def built(tmp_path: Path) -> Iterator[tuple[OpenProject, Reviewed]]:
    with open_project(tmp_path / "review.sqlite") as project:
        yield project, differing_holders(project)


@pytest.fixture
def dialog(qtbot, built) -> ReviewDialog:  # type: ignore[no-untyped-def]
    project, reviewed = built
    shown = ReviewDialog(Target(project.db, project.project_id, reviewed.reviewer_id))
    qtbot.addWidget(shown)
    shown.set_document(reviewed.document_id)
    shown.resize(1100, 420)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def gold_holder(built) -> tuple[int | None, int | None, int | None]:  # type: ignore[no-untyped-def]
    """Gold's Russland row: holder actor, holder words' start, evidence start."""
    project, _reviewed = built
    with project.db.read() as session:
        gold = session.scalar(select(Annotator.id).where(Annotator.name == GOLD_ANNOTATOR))
        row = session.scalars(
            select(StanceAnnotation).where(
                StanceAnnotation.annotator_id == gold, StanceAnnotation.sentence_index == 1
            )
        ).one()
        return row.holder_actor_id, row.holder_start, row.evidence_start


def test_the_cells_name_the_holder_and_the_marker_says_it_differs(dialog) -> None:  # type: ignore[no-untyped-def]
    rows = cells(dialog, STANCE)
    assert rows[RUSSLAND_ROW][1:] == [
        "Russland",
        "≠ holder differs",
        "AGAINST · Russland",
        "AGAINST · Russland",
        "AGAINST",  # carla's: the author's, just the label
        "not reviewed",
    ]
    assert rows[0][2:6] == ["✓ agree", "NEUTRAL · NATO", "NEUTRAL", "NEUTRAL"]
    model = dialog.models[STANCE]
    tip = model.index(RUSSLAND_ROW, ANNA).data(Qt.ItemDataRole.ToolTipRole)
    assert "Holder: Russland" in tip and "Evidence: «verurteilte»" in tip
    assert "Holder: Author" in model.index(RUSSLAND_ROW, CARLA).data(Qt.ItemDataRole.ToolTipRole)
    assert "different holders" in model.index(RUSSLAND_ROW, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(RUSSLAND_ROW, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    dialog.only_differences.setChecked(True)
    assert [r[1] for r in cells(dialog, STANCE)] == ["Russland"]


def test_accept_all_agreed_does_not_take_a_differing_holder(qtbot, dialog, built) -> None:  # type: ignore[no-untyped-def]
    select_cell(qtbot, dialog, 0, 0, STANCE)
    qtbot.keyClick(dialog.tables[STANCE], Qt.Key.Key_A, CTRL | SHIFT)
    assert gold_of(built, "stance") == {"NATO": "NEUTRAL", "Russland": None}
    assert cells(dialog, STANCE)[RUSSLAND_ROW][GOLD] == "not reviewed"


def test_enter_on_an_annotators_cell_takes_their_holder(qtbot, dialog, built) -> None:  # type: ignore[no-untyped-def]
    project, reviewed = built
    before = own_rows(project, list(reviewed.annotators.values()))
    table = dialog.tables[STANCE]
    select_cell(qtbot, dialog, RUSSLAND_ROW, CARLA, STANCE)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert gold_holder(built) == (None, None, None)  # carla's: the author
    assert cells(dialog, STANCE)[RUSSLAND_ROW][GOLD] == "AGAINST"
    select_cell(qtbot, dialog, RUSSLAND_ROW, ANNA, STANCE)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    actor, words, evidence = gold_holder(built)
    assert actor is not None
    assert (words, evidence) == (german_at("Russland")[0], german_at("verurteilte")[0])
    assert cells(dialog, STANCE)[RUSSLAND_ROW][GOLD] == "AGAINST · Russland"
    tip = dialog.models[STANCE].index(RUSSLAND_ROW, GOLD).data(Qt.ItemDataRole.ToolTipRole)
    assert "Evidence: «verurteilte»" in tip
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert gold_holder(built) == (None, None, None)
    assert cells(dialog, STANCE)[RUSSLAND_ROW][GOLD] == "AGAINST"
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert gold_holder(built)[2] == german_at("verurteilte")[0]
    assert own_rows(project, list(reviewed.annotators.values())) == before


def test_enter_elsewhere_and_label_keys_keep_the_majority_rule(qtbot, dialog, built) -> None:  # type: ignore[no-untyped-def]
    table = dialog.tables[STANCE]
    select_cell(qtbot, dialog, RUSSLAND_ROW, CARLA, STANCE)
    qtbot.keyClick(table, Qt.Key.Key_A)  # AGAINST's key: no annotator's version in particular
    # Three different versions of AGAINST: the earliest row's (anna's), as before.
    assert gold_holder(built)[2] == german_at("verurteilte")[0]
    select_cell(qtbot, dialog, RUSSLAND_ROW, 0, STANCE)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert gold_holder(built)[2] == german_at("verurteilte")[0]
