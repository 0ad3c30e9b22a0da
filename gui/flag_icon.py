"""The small flag that marks a document flagged as unsure (list, filter button), drawn here
so it looks the same on every platform and theme (icon themes differ or are missing)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

FLAG_COLOUR = "#e8590c"  # orange: stands out in light and dark lists alike
POLE_COLOUR = "#5f3a1e"
ICON_SIZE = 32  # drawn large, scaled down by the views


@cache
def unsure_icon() -> QIcon:
    """A pennant on a pole; made once (needs a QGuiApplication)."""
    pixmap = QPixmap(ICON_SIZE, ICON_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(POLE_COLOUR), 3))
    painter.drawLine(QPointF(7, 3), QPointF(7, 30))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(FLAG_COLOUR))
    painter.drawPolygon(QPolygonF([QPointF(8, 3), QPointF(29, 10), QPointF(8, 18)]))
    painter.end()
    return QIcon(pixmap)
