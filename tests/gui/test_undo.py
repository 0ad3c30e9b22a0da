"""The one undo path: a logged action on the stack, and what happens when the storage
refuses to revert it."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from gui.undo import push_logged_action
from services.editing import ActionResult, AnnotationError


class Refusing:
    """An editor whose actions run but whose undo is refused (another annotator changed the
    rows since, say)."""

    def __init__(self) -> None:
        self.undone: list[str] = []

    def undo(self, action_id: str) -> ActionResult:
        self.undone.append(action_id)
        raise AnnotationError("changed since by another annotator")


def test_a_refused_undo_leaves_nothing_to_redo(qtbot) -> None:  # type: ignore[no-untyped-def]
    stack, editor, failed = QUndoStack(), Refusing(), []
    result = push_logged_action(
        stack, "Accept", editor, lambda _e: ActionResult("a1", [7]), lambda: None, failed.append
    )
    assert result is not None and stack.count() == 1
    stack.undo()
    assert failed == ["changed since by another annotator"]
    # The refused command is gone: a redo must not run its revert (an undo) once more.
    assert stack.count() == 0
    assert not stack.canRedo() and not stack.canUndo()
    stack.redo()
    assert editor.undone == ["a1"]
