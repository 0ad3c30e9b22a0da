"""The progress dialog every long job shows: window-modal, cancellable between batches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class JobProgressDialog(QProgressDialog):
    """Starts as a moving bar; ``canceled`` asks the job to stop after its current batch."""

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(label)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 0)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(self._on_canceled)

    def finish(self) -> None:
        """Close for good; without ``canceled``, which closing a progress dialog emits."""
        self.blockSignals(True)
        self.close()
        self.deleteLater()

    @Slot()
    def _on_canceled(self) -> None:
        # Qt hides the dialog on cancel; the job ends after its current batch.
        self.setLabelText(self.tr("Stopping after the current batch…"))
