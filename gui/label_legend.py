"""The legend over the article: one chip per entity label (colour, name, shortcut), and a
key telling suggestions (tinted, dashed) from accepted spans (solid)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from gui.flow_layout import FlowLayout
from gui.highlights import DECIDED_ALPHA, SUGGESTION_ALPHA, label_colour, text_on
from services.span_data import LabelInfo

KEY_COLOUR = "#8a8a8a"  # the suggestion/accepted key is about the style, not a label


class LabelLegend(QWidget):
    """A row of chips; ``set_labels`` replaces them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Wraps onto a second row in a narrow window rather than widening it.
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self.chips: list[QLabel] = []
        self._labels: list[LabelInfo] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        key = QColor(KEY_COLOUR)
        self.suggestion_key = _chip(self.tr("suggestion"), key, suggested=True)
        self.accepted_key = _chip(self.tr("accepted"), key, suggested=False)
        self.suggestion_key.setToolTip(self.tr("Suggested by a model or a pattern, not decided"))
        self.accepted_key.setToolTip(self.tr("Accepted or edited by you"))
        self._layout.addWidget(self.suggestion_key)
        self._layout.addWidget(self.accepted_key)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        """Another theme: the decided chips' text colour is chosen for the new background."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            key = QColor(KEY_COLOUR)
            _style(self.accepted_key, key, suggested=False)
            for chip, label in zip(self.chips, self._labels, strict=False):
                _style(chip, label_colour(label), suggested=False)

    def set_labels(self, labels: Sequence[LabelInfo]) -> None:
        if list(labels) == self._labels:
            return  # the same project's labels: keep the chips
        self._labels = list(labels)
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.hide()  # deleted later: until then it would still be drawn where it was
            chip.deleteLater()
        self.chips = []
        for index, label in enumerate(labels):
            text = f"{label.name} ({label.shortcut})" if label.shortcut else label.name
            chip = _chip(text, label_colour(label), suggested=False)
            self._layout.insertWidget(index, chip)
            self.chips.append(chip)

    def chip_texts(self) -> list[str]:
        return [chip.text() for chip in self.chips]


def _chip(text: str, colour: QColor, *, suggested: bool) -> QLabel:
    """A plain-text label drawn like a highlight of that colour. The style sheet holds only
    numbers computed here, never text from the project."""
    chip = QLabel(text)
    chip.setTextFormat(Qt.TextFormat.PlainText)  # label names come from the project
    _style(chip, colour, suggested=suggested)
    return chip


def _style(chip: QLabel, colour: QColor, *, suggested: bool) -> None:
    alpha = SUGGESTION_ALPHA if suggested else DECIDED_ALPHA
    background = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, {alpha})"
    border = f"2px dashed {colour.name()}" if suggested else "2px solid transparent"
    # A decided chip's strong colour carries black or white text, as the highlights do.
    shown = QColor(colour)
    shown.setAlpha(alpha)
    text = f" color: {text_on(shown, QPalette.ColorRole.Window).name()};" if not suggested else ""
    chip.setStyleSheet(
        f"QLabel {{ background-color: {background}; border-bottom: {border};{text}"
        " border-radius: 3px; padding: 1px 6px; }"
    )
