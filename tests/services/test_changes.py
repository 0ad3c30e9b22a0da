"""What an edit says it changed (``services.changes``, ``services.editing``): plain values
the views decide on, without Qt."""

from __future__ import annotations

from services.changes import DISPLAY_CHANGED, NOTHING, PROJECT_SWITCHED, Changes
from services.editing import document_reset, entities_edited, stance_edited, status_set
from services.values import DocumentStatusValue


def test_changes_say_which_documents_they_concern() -> None:
    edited = entities_edited(7)
    assert edited.concerns(7) and not edited.concerns(8) and not edited.concerns(None)
    assert PROJECT_SWITCHED.concerns(8)  # None: every document
    assert not NOTHING.data and edited.data and not DISPLAY_CHANGED.data


def test_changes_combine() -> None:
    both = entities_edited(1) | stance_edited([2])
    assert both == Changes(documents=frozenset({1, 2}), entities=True, stance=True)
    assert (both | PROJECT_SWITCHED).documents is None


def test_marking_done_is_told_apart_from_other_status_changes() -> None:
    assert status_set(3, DocumentStatusValue.DONE).done
    assert not status_set(3, DocumentStatusValue.SKIPPED).done
    reset = document_reset(3)
    assert reset.reset and reset.entities and reset.stance and reset.status
