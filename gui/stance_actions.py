"""``StanceActions`` carries out the stance panel's requests: each one a committed, logged
action on the window's one undo stack (``gui.undo``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gui.undo import push_logged_action
from services.editing import ActionResult, StanceEditor


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

    def set_holder(
        self, stance_id: int, actor: str | None, words: tuple[int, int] | None = None
    ) -> None:
        """The actor and/or the words (start, end) that name the holder; neither: the
        author."""
        start, end = words if words is not None else (None, None)
        text = self.tr("Set stance holder")
        self._do(text, lambda e: e.set_holder(stance_id, actor, start, end))

    def set_evidence(self, stance_id: int, words: tuple[int, int] | None) -> None:
        """The words (start, end) that carry the stance; None: no evidence."""
        start, end = words if words is not None else (None, None)
        text = self.tr("Set stance evidence") if words else self.tr("Clear stance evidence")
        self._do(text, lambda e: e.set_evidence(stance_id, start, end))

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
        # Nothing is pushed for an action that touched nothing ("accept all" with nothing
        # left to accept).
        pushed = push_logged_action(
            self.stack, text, editor, run, self.changed.emit, self.failed.emit
        )
        if pushed is not None:
            self.changed.emit()
