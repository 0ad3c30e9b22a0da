"""A handed-out file says whose work it is: the window title names the annotator and the
project it came from, and the status bar's annotator is theirs (``WindowContext.annotator``)
while it is open; the next project is the user's own again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from gui.context import WindowContext
from services.changes import Changes
from services.session import OpenedProject


class HandoutView(QObject):
    """Follows the window's projects; the window sets its own title first, this one
    replaces it for a handed-out file."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self._context = context
        context.project_opened.connect(self._on_opened)
        context.changed.connect(self._on_changed)

    def title(self, opened: OpenedProject) -> str | None:
        """The window title of a handed-out file (None: an ordinary project)."""
        handout = opened.handout
        if handout is None:
            return None
        text = self.tr("{0}'s work — handed out from “{1}” – Standpunkt")
        return text.format(handout.annotator, handout.project)

    @Slot(object)
    def _on_opened(self, opened: OpenedProject) -> None:
        context = self._context
        context.status.set_annotator(context.annotator)
        title = self.title(opened)
        tip = ""
        if title is not None:
            context.window.setWindowTitle(title)
            tip = self.tr("This file was handed out to {0}: you work as {0} in it").format(
                context.annotator
            )
        context.status.annotator_label.setToolTip(tip)

    @Slot(object, object)
    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.project and self._context.project is None:  # closed: the user's own name
            self._context.status.set_annotator(self._context.annotator)
            self._context.status.annotator_label.setToolTip("")
