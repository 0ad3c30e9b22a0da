"""The stance of the whole document toward each target, under the stance panel's table: one
small "target [label ▾]" pair per target, wrapping onto further lines as the width runs out,
in a scroll area at most ``MAX_LINES`` lines tall. Twenty targets take no more width than
one, so the panel never squeezes the window's other panels."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from gui.flow_layout import FlowLayout

MAX_LINES = 2  # lines of target pairs shown before the area scrolls (the table keeps its room)
PAIR_SPACING = 14  # pixels between two targets' pairs
LINE_SPACING = 4  # pixels between two lines of pairs


class DocumentStanceBox(QWidget):
    """``set_stance`` shows the targets and the chosen labels; ``stance_requested(target,
    label or None)`` when the annotator picks one."""

    stance_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self.tr("Whole document:"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.combos: dict[str, QComboBox] = {}
        self.pairs = QWidget()
        self.flow = FlowLayout(self.pairs, PAIR_SPACING, LINE_SPACING)
        self.area = QScrollArea()
        self.area.setWidget(self.pairs)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the combo boxes in it
        self.area.viewport().installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.area, 1)

    def set_stance(
        self, targets: Sequence[str], labels: Sequence[str], chosen: dict[str, str]
    ) -> None:
        """One pair per target: no stance ("—"), or one of ``labels``."""
        if list(targets) != list(self.combos):
            self._build(targets)
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("—"), None)
            for name in labels:
                combo.addItem(name, name)
            combo.blockSignals(False)
        for target, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(chosen.get(target)), 0))
            combo.blockSignals(False)
        self.setVisible(bool(targets))
        self._fit_height()

    def _build(self, targets: Sequence[str]) -> None:
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        for target in targets:
            pair = QWidget()
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(target)
            caption.setTextFormat(Qt.TextFormat.PlainText)
            combo = QComboBox()
            combo.setAccessibleName(
                self.tr("Stance of the whole document toward {0}").format(target)
            )
            caption.setBuddy(combo)
            combo.activated.connect(lambda _i, t=target: self._on_activated(t))
            row.addWidget(caption)
            row.addWidget(combo)
            self.flow.addWidget(pair)
            self.combos[target] = combo

    def _on_activated(self, target: str) -> None:
        self.stance_requested.emit(target, self.combos[target].currentData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_height()
        return False

    def _fit_height(self) -> None:
        """As tall as the pairs need at this width, at most ``MAX_LINES`` lines."""
        width = max(self.area.viewport().width(), 1)
        needed = self.flow.heightForWidth(width)
        line = max((combo.sizeHint().height() for combo in self.combos.values()), default=0)
        most = MAX_LINES * line + (MAX_LINES - 1) * LINE_SPACING
        height = min(needed, most)
        if self.area.minimumHeight() != height or self.area.maximumHeight() != height:
            self.area.setFixedHeight(max(height, 0))
