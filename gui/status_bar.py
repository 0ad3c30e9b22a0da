"""The status bar: which project, how many documents, who annotates, whether all is saved,
which model suggests entities for the shown document, and which suggester suggests stance
with its measured quality.

It also shows a busy indicator while a background job (opening, importing) runs, and what the
entity suggester is doing (loading its model, suggesting). Passing messages (``showMessage``)
are never cut off: they are elided with the whole text in the tooltip, and a click on one (or
View › Messages…, ``log_action``) shows every message of the session in full.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from gui.elided_label import ElidedLabel
from gui.message_log_dialog import MessageLogDialog
from gui.status_message import MessageLabel, MessageLog

BUSY_BAR_WIDTH = 120
MESSAGE_MS = 10_000  # how long a temporary message (an error reading) stays


class ProjectStatusBar(QStatusBar):
    """Permanent fields on the right; temporary messages (errors reading) on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = MessageLog()
        self.log_dialog: MessageLogDialog | None = None
        self.message_label = MessageLabel()
        self.message_label.clicked.connect(self.show_log)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.clearMessage)
        self.log_action = QAction(self.tr("&Messages…"), self)
        self.log_action.setStatusTip(self.tr("Every message of this session, in full"))
        self.log_action.triggered.connect(self.show_log)
        self.addWidget(self.message_label, 1)
        self.busy_label = _plain_label()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known end: Qt shows a moving indicator
        self.busy_bar.setMaximumWidth(BUSY_BAR_WIDTH)
        self.busy_bar.setTextVisible(False)
        self.suggest_label = _plain_label()
        # The suggesters' names can be long: they give way in a narrow window (elided, the
        # whole text in the tooltip) rather than widen it beyond a small screen.
        self.model_label = ElidedLabel()
        self.stance_label = ElidedLabel()
        self._stance_name: str | None = None
        self._stance_f1: float | None = None
        self._training: dict[str, int] = {}  # component -> percent done
        self.training_label = _plain_label()
        self.project_label = _plain_label()
        self.documents_label = _plain_label()
        self.annotator_label = _plain_label()
        self.saved_label = _plain_label()
        self.addWidget(self.busy_label)
        self.addWidget(self.busy_bar)
        self.addWidget(self.suggest_label)
        self.addWidget(self.training_label)
        self.addPermanentWidget(self.model_label)
        self.addPermanentWidget(self.stance_label)
        for label in (self.project_label, self.documents_label, self.annotator_label):
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.saved_label)
        self.set_busy(None)
        self.set_suggesting(None)
        self.set_project(None)
        self.set_stance_suggester(None)
        self.set_training(None)

    # --- passing messages: in our own label, so that none is cut off ----------------------

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802
        """Show ``text`` for ``timeout`` ms (0: until the next one), and log it."""
        self.log.add(text)
        self.message_label.set_message(text)
        self._message_timer.stop()
        if timeout > 0 and text:
            self._message_timer.start(timeout)
        self.messageChanged.emit(text)

    def currentMessage(self) -> str:  # noqa: N802
        return self.message_label.message()

    def clearMessage(self) -> None:  # noqa: N802
        self._message_timer.stop()
        self.message_label.set_message("")
        self.messageChanged.emit("")

    def show_log(self) -> None:
        """Every message of the session in full, in a dialog that does not block."""
        if self.log_dialog is not None:
            self.log_dialog.close()
        dialog = MessageLogDialog(self.log, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_log_dialog)
        self.log_dialog = dialog
        dialog.open()

    def _forget_log_dialog(self) -> None:
        self.log_dialog = None

    def set_busy(self, text: str | None) -> None:
        """Show ``text`` with a busy indicator, or (None) hide both."""
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(text is not None)
        self.busy_bar.setVisible(text is not None)

    def set_suggesting(self, text: str | None) -> None:
        """What the entity suggester does for the shown document ("Loading model…"), or
        (None) nothing."""
        self.suggest_label.setText(text or "")
        self.suggest_label.setVisible(text is not None)

    def set_model(
        self, origin: str | None, language: str | None = None, f1: float | None = None
    ) -> None:
        """The pipeline that suggests for the shown document ("de_standpunkt_ner@0.1.0"),
        with its F1 on the project's held-out documents where the project trained it; None
        with a language: there is none for it; None alone: no document shown."""
        if origin is not None and f1 is not None:
            f1_text = QLocale().toString(f1, "f", 2)
            self.model_label.setText(
                self.tr("Model: {0} (held-out F1 {1})").format(origin, f1_text)
            )
        elif origin is not None:
            self.model_label.setText(self.tr("Model: {0}").format(origin))
        elif language:
            self.model_label.setText(self.tr("No model for “{0}”").format(language))
        else:
            self.model_label.clear()
        self.model_label.setVisible(bool(self.model_label.text()))

    def set_stance_suggester(self, name: str | None) -> None:
        """The stance suggester that suggests now ("stance-lexicon-de@de-631"), or (None)
        none; shown with its held-out macro-F1 (``set_stance_quality``)."""
        self._stance_name = name
        self._show_stance()

    def set_stance_quality(self, macro_f1: float | None) -> None:
        """The active stance suggester's macro-F1 on held-out labels (None: not measured)."""
        self._stance_f1 = macro_f1
        self._show_stance()

    def _show_stance(self) -> None:
        name, f1 = self._stance_name, self._stance_f1
        text = self.tr("Stance: {0}").format(name) if name else ""
        if name and f1 is not None:
            f1_text = QLocale().toString(f1, "f", 2)
            text = self.tr("Stance: {0} (held-out macro-F1 {1})").format(name, f1_text)
        self.stance_label.setText(text)
        self.stance_label.setVisible(bool(name))

    def set_training(self, done: int | None, total: int = 0, component: str = "stance") -> None:
        """Training progress of a component ("stance" or "ner"; steps done of ``total``),
        or (None) its training ended. Both can train at once."""
        if done is None:
            self._training.pop(component, None)
        else:
            self._training[component] = round(100 * done / max(total, 1))
        parts = []
        for name, percent in self._training.items():
            text = (
                self.tr("Training entity model… {0}%")
                if name == "ner"
                else self.tr("Training stance classifier… {0}%")
            )
            parts.append(text.format(QLocale().toString(percent)))
        self.training_label.setText(" · ".join(parts))
        self.training_label.setVisible(bool(parts))

    def set_project(self, name: str | None, documents: int = 0) -> None:
        if name is None:
            self.project_label.setText(self.tr("No project open"))
            self.documents_label.clear()
            self.saved_label.clear()
            return
        self.project_label.setText(self.tr("Project: {0}").format(name))
        self.set_documents(documents)

    def set_documents(self, count: int) -> None:
        self.documents_label.setText(self.tr("Documents: {0}").format(QLocale().toString(count)))

    def set_annotator(self, name: str) -> None:
        self.annotator_label.setText(self.tr("Annotator: {0}").format(name))

    def set_saved(self, saved: bool) -> None:
        """ "Saved" only after the database committed (``Database.write`` returns then)."""
        self.saved_label.setText(self.tr("Saved") if saved else self.tr("Saving…"))


def _plain_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # project and user names are not markup
    label.setContentsMargins(6, 0, 6, 0)  # the fields would otherwise run into each other
    return label
