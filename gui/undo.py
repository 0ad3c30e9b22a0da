"""The one undo path: every undoable action of the window (entity, stance, document status,
review) is run here and put on the window's one ``QUndoStack``.

An action runs before its command is pushed, so one the storage refuses never lands on the
stack; undo and redo replay the event log (an undo is itself an action, and undoing it is
the redo), so they work across documents and survive nothing that was not saved. A command
may name its ``owner`` (the review dialog): the owner undoes only while its own command is
on top, and so never undoes what it did not do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from services.editing import EDIT_ERRORS, ActionResult, refusal_reason


class UndoableEditor(Protocol):
    """What the commands need of an editor: reverting one logged action as a new one."""

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
        owner: object | None = None,
        effects: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(text)
        self._editor, self._latest = editor, action_id
        self._changed, self._failed = changed, failed
        self.owner = owner
        self._effects = effects
        self.effects_text = ""  # what the last undo or redo changed elsewhere, in words
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
        except EDIT_ERRORS as exc:
            # Nothing changed (the transaction rolled back), but the stack has moved past
            # this command: obsolete, the stack drops it, so that the next redo or undo is
            # not this one's revert in the wrong direction.
            self.setObsolete(True)
            self._failed(refusal_reason(exc))
            return
        self._latest = result.action_id
        self.effects_text = self._effects(result.action_id) if self._effects else ""
        self._changed()


def push_logged_action(
    stack: QUndoStack,
    text: str,
    editor: Editor,
    run: Callable[[Editor], ActionResult],
    replayed: Callable[[], None],
    failed: Callable[[str], None],
    *,
    owner: object | None = None,
    keep_empty: bool = False,
    effects: Callable[[str], str] | None = None,
) -> ActionResult | None:
    """Run ``run(editor)`` (one committed, logged action) and push it on ``stack`` as
    ``text``. Returns its result; None when the storage refused (``failed(message)`` was
    called and nothing changed) or when the action touched nothing (nothing is pushed,
    unless ``keep_empty``). ``replayed`` runs after each later undo and redo; showing the
    action's own outcome is the caller's job (it knows where to go next).

    ``effects(action_id)`` says what an undo or redo changed elsewhere (in other documents,
    through the project memory); the Undo and Redo messages add it."""
    try:
        result = run(editor)
    except EDIT_ERRORS as exc:
        failed(refusal_reason(exc))
        return None
    if not result.span_ids and not keep_empty:
        return None
    command = LoggedActionCommand(text, editor, result.action_id, replayed, failed, owner, effects)
    stack.push(command)
    return result


def owned_by(command: QUndoCommand | None, owner: object) -> bool:
    """Whether ``command`` is one of ``owner``'s (see ``LoggedActionCommand.owner``)."""
    return isinstance(command, LoggedActionCommand) and command.owner is owner


def undo_own(stack: QUndoStack, owner: object) -> bool:
    """Undo the top command if it is ``owner``'s; whether it was."""
    if stack.canUndo() and owned_by(stack.command(stack.index() - 1), owner):
        stack.undo()
        return True
    return False


def redo_own(stack: QUndoStack, owner: object) -> bool:
    """Redo the next command if it is ``owner``'s; whether it was."""
    if stack.canRedo() and owned_by(stack.command(stack.index()), owner):
        stack.redo()
        return True
    return False


def say_what_is_replayed(
    stack: QUndoStack, undo: QAction, redo: QAction, say: Callable[[str], None]
) -> None:
    """Make the window's Undo and Redo (made by ``stack.createUndoAction`` /
    ``createRedoAction``) say what they undid or redid ("Undone: Accept PER “Olaf Scholz”").
    A revert the storage refuses says why instead (its command drops out of the stack)."""

    def replay(run: Callable[[], None], index: int, message: str) -> None:
        command, count = stack.command(index), stack.count()
        text = command.text() if command is not None else ""
        owned = isinstance(command, LoggedActionCommand) and command.owner is not None
        run()
        # A refused command is dropped (and said why); an owner (the review) says its own.
        if stack.count() == count and not owned:
            effects = getattr(command, "effects_text", "")
            said = message.format(text)
            say(f"{said} — {effects}" if effects else said)

    undo.triggered.disconnect()  # the stack's own connection: replaced by one that says it
    redo.triggered.disconnect()
    undone = QCoreApplication.translate("Undo", "Undone: {0}")
    redone = QCoreApplication.translate("Undo", "Redone: {0}")
    undo.triggered.connect(lambda: replay(stack.undo, stack.index() - 1, undone))
    redo.triggered.connect(lambda: replay(stack.redo, stack.index(), redone))
