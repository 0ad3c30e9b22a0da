"""A chart's tab in the statistics: a caption, the matplotlib figure in a Qt canvas (or a
sentence where there is nothing to draw), and Export PNG…; ``gui.charts`` draws into it."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("QtAgg")  # before pyplot or a backend is imported; picks up PySide6

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

EXPORT_DPI = 150
MIN_CHART_HEIGHT, CHART_MARGIN, ROW_HEIGHT = 320, 120, 26  # pixels


class ChartCanvas(FigureCanvasQTAgg):
    """A figure in a widget; ``export_png`` writes what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.figure = Figure(figsize=(8, 4.8), layout="constrained", facecolor="white")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(480, 320)

    def export_png(self, path: Path) -> None:
        self.figure.savefig(path, dpi=EXPORT_DPI, format="png", facecolor="white")


class ChartTab(QWidget):
    """A caption, the chart (or a sentence where there is nothing to draw), Export PNG…"""

    export_requested = Signal(str)  # the tab's key

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.canvas = ChartCanvas()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        # Many annotators or suggesters make a tall chart: it scrolls rather than squashes.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.canvas)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.scroll)
        self.export_button = QPushButton(self.tr("&Export PNG…"))
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.key))
        self.buttons = QHBoxLayout()  # a tab of its own may add buttons left of Export
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.export_button)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.caption)
        self.main_layout.addWidget(self.stack, 1)
        self.main_layout.addLayout(self.buttons)
        self._stale = False  # the figure changed while the tab was hidden
        self.show_message("")

    @property
    def has_chart(self) -> bool:
        return self.stack.currentWidget() is self.scroll

    def show_chart(self, caption: str, rows: int = 0, height: int | None = None) -> None:
        """Show the chart, tall enough for ``rows`` bars side by side at a readable size, or
        ``height`` pixels tall when the chart knows better (it scrolls)."""
        self.caption.setText(caption)
        if height is None:
            height = max(MIN_CHART_HEIGHT, CHART_MARGIN + ROW_HEIGHT * rows)
        self.canvas.setMinimumHeight(height)
        self.stack.setCurrentWidget(self.scroll)
        self.export_button.setEnabled(True)
        # A chart takes a fifth of a second to draw: a hidden tab's waits until it is shown.
        self._stale = not self.isVisible()
        if not self._stale:
            self.canvas.draw_idle()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.canvas.draw_idle()

    def show_message(self, message: str, caption: str = "") -> None:
        self.caption.setText(caption)
        self.message.setText(message)
        self.stack.setCurrentWidget(self.message)
        self.export_button.setEnabled(False)
