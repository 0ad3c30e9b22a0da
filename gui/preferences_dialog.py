"""The preferences dialog: edits a ``Preferences`` record (``gui.preferences``);
``gui.preferences_workflow`` opens it, saves what it returns and applies it."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.number_fields import DecimalSpinBox
from gui.preferences import (
    LANGUAGES,
    MAX_ANNOTATOR_LENGTH,
    MAX_FONT_SIZE,
    MAX_RETRAIN_EVERY,
    MIN_FONT_SIZE,
    THEMES,
    Preferences,
)


class PreferencesDialog(QDialog):
    """Edits a ``Preferences`` record; ``values()`` is what the user set. OK is only
    enabled while the annotator has a name."""

    def __init__(self, values: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.annotator_edit = QLineEdit(values.annotator, self)
        self.annotator_edit.setMaxLength(MAX_ANNOTATOR_LENGTH)
        self.language_combo = self._combo(
            [self.tr("System"), "Deutsch", "English"], LANGUAGES, values.language
        )
        self.theme_combo = self._combo(
            [self.tr("System"), self.tr("Light"), self.tr("Dark")], THEMES, values.theme
        )
        self.font_size_spin = QSpinBox(self)
        self.font_size_spin.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size_spin.setSuffix(self.tr(" pt"))
        self.font_size_spin.setValue(values.font_size)
        self.confidence_spin = DecimalSpinBox(self)
        self.confidence_spin.setRange(0.0, 1.0)
        self.confidence_spin.setDecimals(2)
        self.confidence_spin.setSingleStep(0.05)
        self.confidence_spin.setValue(values.min_confidence)
        self.retrain_spin = QSpinBox(self)
        self.retrain_spin.setRange(1, MAX_RETRAIN_EVERY)
        self.retrain_spin.setValue(values.retrain_every)
        self.entity_retrain_spin = QSpinBox(self)
        self.entity_retrain_spin.setRange(1, MAX_RETRAIN_EVERY)
        self.entity_retrain_spin.setValue(values.entity_retrain_every)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.annotator_edit.textChanged.connect(self._annotator_changed)
        self._annotator_changed(values.annotator)

    def _combo(self, texts: list[str], values: tuple[str, ...], current: str) -> QComboBox:
        combo = QComboBox(self)
        for text, value in zip(texts, values, strict=True):
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _group(self, title: str, rows: list[tuple[str, QWidget, str]]) -> QGroupBox:
        """A titled form; a row's hint (if any) is written muted under it."""
        group = QGroupBox(title, self)
        form = QFormLayout(group)
        # Line edits fill the width; numbers and choices keep their size.
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget, hint in rows:
            form.addRow(label, widget)
            if hint:
                note = QLabel(hint, group)
                note.setWordWrap(True)
                note.setEnabled(False)  # drawn muted: an explanation, not a setting
                form.addRow(note)
        return group

    def _lay_out(self) -> None:
        annotator = self._group(
            self.tr("Annotator"),
            [
                (
                    self.tr("&Name:"),
                    self.annotator_edit,
                    self.tr("Your labels are stored under this name."),
                )
            ],
        )
        appearance = self._group(
            self.tr("Appearance"),
            [
                (
                    self.tr("&Language:"),
                    self.language_combo,
                    self.tr("Used from the next start of Standpunkt."),
                ),
                (self.tr("&Colour theme:"), self.theme_combo, ""),
                (self.tr("Article &text size:"), self.font_size_spin, ""),
            ],
        )
        suggestions = self._group(
            self.tr("Suggestions"),
            [
                (
                    self.tr("&Show suggestions from confidence:"),
                    self.confidence_spin,
                    self.tr("Less confident suggestions are not highlighted."),
                ),
                (
                    self.tr("&Retrain stance after new labels:"),
                    self.retrain_spin,
                    self.tr("The stance classifier learns again after this many new labels."),
                ),
                (
                    self.tr("Retrain &entities after done documents:"),
                    self.entity_retrain_spin,
                    self.tr(
                        "The entity model learns again after this many documents were marked "
                        "done; it takes over only if it scores better on held-out documents."
                    ),
                ),
            ],
        )
        layout = QVBoxLayout(self)
        for group in (annotator, appearance, suggestions):
            layout.addWidget(group)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def values(self) -> Preferences:
        return Preferences(
            annotator=self.annotator_edit.text().strip(),
            language=self.language_combo.currentData(),
            theme=self.theme_combo.currentData(),
            font_size=self.font_size_spin.value(),
            min_confidence=round(self.confidence_spin.value(), 2),
            retrain_every=self.retrain_spin.value(),
            entity_retrain_every=self.entity_retrain_spin.value(),
        )

    @Slot(str)
    def _annotator_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
