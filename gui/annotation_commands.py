"""Annotators' decisions as undoable commands: each one a committed transaction and a logged
action (``storage.entity_edits``, ``storage.stance_edits``), each on the window's
``QUndoStack``; ``StanceActions`` carries out the stance panel's requests.

An action runs before its command is pushed, so one the storage refuses (another annotator's
row, an unknown label) never lands on the stack; undo and redo replay the event log (an undo
is itself an action, and undoing it is the redo), so they work across documents and survive
nothing that was not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError

from storage.editing import ActionResult, AnnotationError
from storage.stance_edits import StanceEditor


class UndoableEditor(Protocol):
    """What the commands need of an editor (``EntityEditor``, ``StanceEditor``): reverting
    one logged action as a new one."""

    def undo(self, action_id: str) -> ActionResult: ...


Editor = TypeVar("Editor", bound=UndoableEditor)


class LoggedActionCommand(QUndoCommand):
    """An action already done (``action_id``); undo and redo revert the latest action."""

    def __init__(
        self,
        text: str,
        editor: UndoableEditor,
        action_id: str,
        changed: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._editor, self._latest = editor, action_id
        self._changed, self._failed = changed, failed
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo: the action ran already
            self._pushed = True
            return
        self._revert()

    def undo(self) -> None:
        self._revert()

    def _revert(self) -> None:
        try:
            result = self._editor.undo(self._latest)
        except (AnnotationError, SQLAlchemyError) as exc:
            self._failed(_reason(exc))  # nothing changed: the transaction rolled back
            return
        self._latest = result.action_id
        self._changed()


class StanceActions(QObject):
    """Carries out the stance panel's requests for the shown document and puts them on the
    undo stack; ``changed`` after each committed change (and undo/redo), ``failed(message)``
    when the storage refused."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, stack: QUndoStack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.editor: StanceEditor | None = None
        self.document_id: int | None = None

    def set_editor(self, editor: StanceEditor | None) -> None:
        """A project was opened (or closed): its undo history is not this one's."""
        self.editor = editor
        self.document_id = None
        self.stack.clear()

    def accept(self, stance_ids: list[int]) -> None:
        self._do(self.tr("Accept stance"), lambda e: e.accept(stance_ids))

    def reject(self, stance_ids: list[int]) -> None:
        self._do(self.tr("Reject stance"), lambda e: e.reject(stance_ids))

    def relabel(self, stance_id: int, label: str) -> None:
        self._do(self.tr("Set stance {0}").format(label), lambda e: e.relabel(stance_id, label))

    def accept_all(self) -> None:
        document_id = self.document_id
        if document_id is not None:
            self._do(self.tr("Accept all stance"), lambda e: e.accept_all(document_id))

    def set_document_stance(self, target: str, label: str | None) -> None:
        document_id = self.document_id
        if document_id is not None:
            text = self.tr("Stance of the document toward {0}").format(target)
            self._do(text, lambda e: e.set_document_stance(document_id, target, label))

    def _do(self, text: str, run: Callable[[StanceEditor], ActionResult]) -> None:
        editor = self.editor
        if editor is None:
            return
        try:
            result = run(editor)
        except (AnnotationError, SQLAlchemyError) as exc:
            self.failed.emit(_reason(exc))
            return
        if not result.span_ids:  # e.g. "accept all" with nothing left to accept
            return
        command = LoggedActionCommand(
            text, editor, result.action_id, self.changed.emit, self.failed.emit
        )
        self.stack.push(command)
        self.changed.emit()


def push_logged_action(
    stack: QUndoStack,
    text: str,
    editor: Editor,
    run: Callable[[Editor], ActionResult],
    replayed: Callable[[], None],
    failed: Callable[[str], None],
) -> ActionResult | None:
    """Run ``run(editor)`` (one committed, logged action) and push it on ``stack`` as
    ``text``. Returns its result; None when the storage refused (``failed(message)`` was
    called and nothing changed) or when the action touched nothing (nothing is pushed).
    ``replayed`` runs after each later undo and redo; showing the action's own outcome is
    the caller's job (it knows where to go next)."""
    try:
        result = run(editor)
    except (AnnotationError, SQLAlchemyError) as exc:
        failed(_reason(exc))
        return None
    if not result.span_ids:
        return None
    stack.push(LoggedActionCommand(text, editor, result.action_id, replayed, failed))
    return result


def _reason(exc: Exception) -> str:
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return str(orig or exc).splitlines()[0]
    return str(exc)
